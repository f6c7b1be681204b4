/**
 * JSON with every object's keys in sorted order, indented by two spaces, exactly
 * as cdktf writes stacks and its manifest (json-stable-stringify 1.x with
 * `{ space: 2 }`): keys sorted by UTF-16 code units, members whose value is
 * undefined, a function or a symbol left out (in arrays they are `null`), toJSON
 * honoured, and an empty object or array written open over two lines (`{` then
 * the closing brace on its own line at the parent's indent). About twice as fast,
 * as it joins one array of pieces instead of concatenating strings per level.
 */
export function stableJson(value: unknown): string {
  const out: string[] = [];
  const seen = new Set<object>();

  /** Writes `node`, already through toJSON and not omitted. */
  function write(node: unknown, indent: string): void {
    if (typeof node !== 'object' || node === null) {
      out.push(JSON.stringify(node));
      return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(node)) {
      out.push('[');
      for (let i = 0; i < node.length; i++) {
        out.push(i === 0 ? '\n' : ',\n', inner);
        const item = jsonValue(node[i]);
        if (omitted(item)) out.push('null');
        else write(item, inner);
      }
      out.push('\n', indent, ']');
      return;
    }
    if (seen.has(node)) throw new TypeError('Converting circular structure to JSON');
    seen.add(node);
    out.push('{');
    let first = true;
    for (const key of Object.keys(node).sort()) {
      const member = jsonValue((node as Record<string, unknown>)[key]);
      if (omitted(member)) continue;
      out.push(first ? '\n' : ',\n', inner, JSON.stringify(key), ': ');
      first = false;
      write(member, inner);
    }
    out.push('\n', indent, '}');
    seen.delete(node);
  }

  const top = jsonValue(value);
  if (omitted(top)) return JSON.stringify(top);
  write(top, '');
  return out.join('');
}

function jsonValue(value: unknown): unknown {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON: () => unknown }).toJSON() : value;
}

/** What JSON leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
