/**
 * Reading a blueprint file (JSON or YAML) into a plain value, keeping enough of
 * the parse tree to point every later problem at a line and column.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import { parseYaml } from './load-yaml';
import { BlueprintLoadError, lineIndex, MAX_DEPTH, pathLocator, TOO_DEEP, type SourceDocument, type SourceFormat } from './source';

export { BlueprintLoadError, MAX_DEPTH, type SourceDocument, type SourceFormat } from './source';

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

/** Where JSON text first opens its MAX_DEPTH + 1st object or array (strings skipped); -1 if nowhere. */
function TOO_DEEPAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return -1;
}

function parseJson(text: string, file: string): SourceDocument {
  const position = lineIndex(text);
  const deep = TOO_DEEPAt(text);
  if (deep >= 0) throw new BlueprintLoadError(file, `malformed JSON: ${TOO_DEEP}`, position(deep));
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
