/** From what was typed (or ticked) to a value: shared by every question. */

/** Typed as the answer to a list question, it means "none". */
export const NONE = '-';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** `a, b c` → [a, b, c] */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A comma-separated list, where `-` (or nothing) means none: undefined. */
export const optionalList = optional((t) => ({ ok: true, value: splitList(t) }));

/** Any text, where `-` (or nothing) means none: undefined. */
export const optionalText = optional((t) => ({ ok: true, value: t }));

/** `-` (or nothing) means none: undefined. */
function optional<T>(parse: (text: string) => Parsed<T>): (text: string) => Parsed<T | undefined> {
  return (text) => (text.trim() === NONE || text.trim() === '' ? { ok: true, value: undefined } : parse(text.trim()));
}

/** The picked values: those of `preferred` first, in its order (AZ order places subnets), then the rest as picked. */
export function keepOrder(picked: readonly string[], preferred: readonly string[]): string[] {
  return [...preferred.filter((v) => picked.includes(v)), ...picked.filter((v) => !preferred.includes(v))];
}
