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
    locate: pathLocator<jsonc.Node>(root, jsonChildren, (node) => {
      // Point at the key of an object member, where an editor's eye goes first.
      const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      return position((key ?? node).offset);
    }),
  };
}

function describeJsonError(code: jsonc.ParseErrorCode): string {
  const name = jsonc.printParseErrorCode(code);
  // InvalidSymbol → "invalid symbol", CommaExpected → "comma expected"
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function findDuplicateKey(root: jsonc.Node): jsonc.Node | undefined {
  // Depth first without recursion (the depth is bounded earlier, but a stack costs nothing).
  const pending = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (key && seen.has(key.value)) return key;
        if (key) seen.add(key.value);
      }
    }
    for (const child of [...(node.children ?? [])].reverse()) pending.push(child);
  }
  return undefined;
}

/** The members of a JSON node, by the path segment that reaches them. */
function jsonChildren(node: jsonc.Node): Map<string, jsonc.Node> {
  const children = new Map<string, jsonc.Node>();
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key && value) children.set(String(key.value), value);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((item, i) => children.set(String(i), item));
  }
  return children;
}

function keyText(key: YamlNode): string {
  return String((key as { value?: unknown }).value ?? key);
}

/** The members of a YAML node, by the path segment that reaches them (the key as toJS() would write it). */
function yamlChildren(node: YamlNode): Map<string, YamlNode> {
  const children = new Map<string, YamlNode>();
  const items = (node as { items?: unknown[] }).items;
  if (!Array.isArray(items)) return children;
  items.forEach((item, i) => {
    const pair = item as { key?: YamlNode; value?: YamlNode | null };
    if (pair && typeof pair === 'object' && 'key' in pair) {
      if (pair.key && pair.value) children.set(keyText(pair.key), pair.value);
    } else if (item) children.set(String(i), item as YamlNode);
  });
  return children;
}

/**
 * Every map of the document must name each key once, compared as toJS() writes
 * them (so `1:` and `"1":` clash, as they would in the value). One pass, one set
 * per map.
 */
function findDuplicateYamlKey(
  root: YamlNode | null,
  isMap: (n: unknown) => boolean,
  isSeq: (n: unknown) => boolean,
  isScalar: (n: unknown) => boolean,
): YamlNode | undefined {
  const pending: unknown[] = root ? [root] : [];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of (node as { items: { key: YamlNode; value: unknown }[] }).items) {
        const key = isScalar(pair.key) ? keyText(pair.key) : JSON.stringify(pair.key);
        if (seen.has(key)) return pair.key;
        seen.add(key);
        pending.push(pair.value);
      }
    } else if (isSeq(node)) {
      pending.push(...(node as { items: unknown[] }).items);
    }
  }
  return undefined;
}

/**
 * Where the value at a path (or its nearest existing parent) starts. Each node's
 * members are indexed once, on first use, so locating every one of n problems
 * costs n times the path's depth, not n times the size of the object they are in.
 */
function pathLocator<N extends object>(
  root: N | null | undefined,
  childrenOf: (node: N) => Map<string, N>,
  positionOf: (node: N) => SourcePosition | undefined,
): (path: JsonPath) => SourcePosition | undefined {
  const index = new WeakMap<N, Map<string, N>>();
  const members = (node: N) => {
    let found = index.get(node);
    if (!found) index.set(node, (found = childrenOf(node)));
    return found;
  };
  return (jsonPath) => {
    if (!root) return undefined;
    const nodes: N[] = [root];
    for (const segment of jsonPath) {
      const next = members(nodes[nodes.length - 1]).get(String(segment));
      if (!next) break;
      nodes.push(next);
    }
    for (let i = nodes.length - 1; i >= 0; i--) {
      const at = positionOf(nodes[i]);
      if (at) return at;
    }
    return undefined;
  };
}

function parseYaml(text: string, file: string): SourceDocument {
  // Loaded only for YAML: most blueprints are JSON, and every start-up counts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LineCounter, parseDocument, isMap, isSeq, isScalar } = require('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  // Keys are checked for uniqueness below: yaml's own check compares every key with every
  // earlier key of its map, which takes minutes for a map of many thousand keys.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    // With prettyErrors off the error carries only offsets; the line counter turns them into a position.
    const at = lineCounter.linePos(problem.pos[0]);
    throw new BlueprintLoadError(file, `malformed YAML: ${problem.message.split('\n')[0]}`, { line: at.line, column: at.col });
  }
  const duplicate = findDuplicateYamlKey(doc.contents as YamlNode | null, isMap, isSeq, isScalar);
  if (duplicate) {
    const at = lineCounter.linePos(duplicate.range?.[0] ?? 0);
    throw new BlueprintLoadError(file, `duplicate key ${JSON.stringify(keyText(duplicate))} (names must be unique)`, { line: at.line, column: at.col });
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
    locate: pathLocator<YamlNode>(doc.contents as YamlNode, yamlChildren, (node) => {
      if (!node.range) return undefined;
      const at = lineCounter.linePos(node.range[0]);
      return { line: at.line, column: at.col };
    }),
  };
}
