/**
 * The Markdown building blocks every README section uses, in one place so that
 * tables, code spans and lists look the same throughout the document.
 * (src/blueprint/summary.ts has a plain-text `table` for the terminal; this one
 * writes GitHub Markdown.)
 */

export const code = (text: string) => `\`${text}\``;

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** `a`, `a and b`, `a, b and c`: prose, because the README is read by people. */
export const list = (items: readonly string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** Pipes escaped so they cannot split a cell; an empty cell shows a dash so it reads as "none", not as missing. */
const cell = (text: string) => (text === '' ? '–' : text.replace(/\|/g, '\\|'));

/** A Markdown table as lines; headers are fixed text and are not escaped. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** GitHub's heading anchors (lower case, punctuation dropped, spaces to hyphens), so links into the README resolve there. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}
