/**
 * Reading a blueprint file (JSON or YAML) into a plain value, keeping enough of
 * the parse tree to point every later problem at a line and column.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import type { Node as YamlNode } from 'yaml';
import type { JsonPath, SourcePosition } from './problems';

export type SourceFormat = 'json' | 'yaml';

export interface SourceDocument {
  /** The file name as the user gave it (never made absolute, so messages stay short). */
  readonly file: string;
  readonly format: SourceFormat;
  readonly value: unknown;
  /** Where the value at `path` (or its nearest existing parent) starts in the file. */
  locate(path: JsonPath): SourcePosition | undefined;
}

/** A file that cannot be read or parsed: the CLI reports it and exits 1. */
export class BlueprintLoadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly position?: SourcePosition,
  ) {
    super(`${file}${position ? `:${position.line}:${position.column}` : ''}: ${reason}`);
    this.name = 'BlueprintLoadError';
  }
}

export function readBlueprintFile(file: string): SourceDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a blueprint file' : `cannot be read (${code ?? String(err)})`;
    throw new BlueprintLoadError(file, reason);
  }
  return parseBlueprintText(text, file);
}

export function parseBlueprintText(text: string, file: string): SourceDocument {
  // Editors on Windows may start a UTF-8 file with a byte order mark; it is not part of the document.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const extension = path.extname(file).toLowerCase();
  const format: SourceFormat =
    extension === '.yaml' || extension === '.yml' ? 'yaml' : extension === '.json' ? 'json' : sniffFormat(text);
  return format === 'json' ? parseJson(text, file) : parseYaml(text, file);
}

function sniffFormat(text: string): SourceFormat {
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

function lineIndex(text: string): (offset: number) => SourcePosition {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
}

function parseJson(text: string, file: string): SourceDocument {
  const position = lineIndex(text);
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    const reason = first ? `malformed JSON: ${describeJsonError(first.error)}` : 'malformed JSON: the file is empty';
    throw new BlueprintLoadError(file, reason, first ? position(first.offset) : undefined);
  }
  const duplicate = findDuplicateKey(root);
  if (duplicate) {
    throw new BlueprintLoadError(file, `duplicate key ${JSON.stringify(duplicate.value)} (names must be unique)`, position(duplicate.offset));
  }
  return {
    file,
    format: 'json',
    value: jsonc.getNodeValue(root),
    locate(jsonPath) {
      for (let depth = jsonPath.length; depth >= 0; depth--) {
        const node = jsonc.findNodeAtLocation(root, jsonPath.slice(0, depth) as jsonc.JSONPath);
        if (node) {
          // Point at the key of an object member, where an editor's eye goes first.
          const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
          return position((key ?? node).offset);
        }
      }
      return undefined;
    },
  };
}

function describeJsonError(code: jsonc.ParseErrorCode): string {
  const name = jsonc.printParseErrorCode(code);
  // InvalidSymbol → "invalid symbol", CommaExpected → "comma expected"
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function findDuplicateKey(node: jsonc.Node): jsonc.Node | undefined {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (key && seen.has(key.value)) return key;
      if (key) seen.add(key.value);
    }
  }
  for (const child of node.children ?? []) {
    const found = findDuplicateKey(child);
    if (found) return found;
  }
  return undefined;
}

function parseYaml(text: string, file: string): SourceDocument {
  // Loaded only for YAML: most blueprints are JSON, and every start-up counts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    // With prettyErrors off the error carries only offsets; the line counter turns them into a position.
    const at = lineCounter.linePos(problem.pos[0]);
    throw new BlueprintLoadError(file, `malformed YAML: ${problem.message.split('\n')[0]}`, { line: at.line, column: at.col });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new BlueprintLoadError(file, `malformed YAML: ${(err as Error).message}`);
  }
  if (value === null || value === undefined) throw new BlueprintLoadError(file, 'malformed YAML: the file is empty');
  return {
    file,
    format: 'yaml',
    value,
    locate(jsonPath) {
      for (let depth = jsonPath.length; depth >= 0; depth--) {
        const node = doc.getIn(jsonPath.slice(0, depth), true) as YamlNode | undefined;
        if (node && typeof node === 'object' && node.range) {
          const at = lineCounter.linePos(node.range[0]);
          return { line: at.line, column: at.col };
        }
      }
      return undefined;
    },
  };
}
