/**
 * HCL literals for the files the proof writes (the CLI configuration and the
 * `.tftest.hcl`), so that a path or value holding quotes, `${` or `%{` is
 * written as data and never read back as a template.
 */

/** An HCL quoted string: JSON escapes are HCL escapes; `${` and `%{` would start templates. */
export function hclString(value: string): string {
  return JSON.stringify(value).replace(/([$%])\{/g, (_, sigil: string) => `${sigil}${sigil}{`);
}

/** A JSON-like value as an HCL expression. */
export function hclValue(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${pad}  ${hclValue(v, indent + 2)}`).join(',\n')},\n${pad}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : hclString(k));
  return `{\n${entries.map(([k, v]) => `${pad}  ${key(k)} = ${hclValue(v, indent + 2)}`).join('\n')}\n${pad}}`;
}
