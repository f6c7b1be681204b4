/** YAML blueprints: parsed with positions, checked for depth and duplicate keys in one pass each. */
import type { Node as YamlNode } from 'yaml';
import { BlueprintLoadError, MAX_DEPTH, pathLocator, TOO_DEEP, type SourceDocument } from './source';

export function parseYaml(text: string, file: string): SourceDocument {
  // Loaded only for YAML: most blueprints are JSON, and every start-up counts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LineCounter, parseDocument, isMap, isSeq, isScalar } = require('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  // Keys are checked for uniqueness below: yaml's own check compares every key with every
  // earlier key of its map, which takes minutes for a map of many thousand keys.
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  } catch (err) {
    // The composer recurses per level of flow collections ([[[...]]]): the stack gives out first.
    if (err instanceof RangeError) throw new BlueprintLoadError(file, `malformed YAML: ${TOO_DEEP}`);
    throw err;
  }
  const problem = doc.errors[0];
  if (problem) {
    // With prettyErrors off the error carries only offsets; the line counter turns them into a position.
    const at = lineCounter.linePos(problem.pos[0]);
    // yaml records a stack overflow of its composer as an error of the document, where the nesting gave out.
    const reason = /Maximum call stack/.test(problem.message) ? TOO_DEEP : problem.message.split('\n')[0];
    throw new BlueprintLoadError(file, `malformed YAML: ${reason}`, { line: at.line, column: at.col });
  }
  const deep = tooDeepYaml(doc.contents as YamlNode | null, isMap, isSeq);
  if (deep) {
    const at = lineCounter.linePos(deep.range?.[0] ?? 0);
    throw new BlueprintLoadError(file, `malformed YAML: ${TOO_DEEP}`, { line: at.line, column: at.col });
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

/** The first map or sequence nested deeper than MAX_DEPTH, found without recursion. */
function tooDeepYaml(root: YamlNode | null, isMap: (n: unknown) => boolean, isSeq: (n: unknown) => boolean): YamlNode | undefined {
  const pending: [unknown, number][] = root ? [[root, 1]] : [];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_DEPTH) return node as YamlNode;
    for (const item of (node as { items: unknown[] }).items) {
      const pair = item as { key?: unknown; value?: unknown };
      if (isMap(node)) pending.push([pair.key, depth + 1], [pair.value, depth + 1]);
      else pending.push([item, depth + 1]);
    }
  }
  return undefined;
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
