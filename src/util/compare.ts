/**
 * Text order that is the same on every machine. `localeCompare` without a locale
 * follows the machine's LANG: under `LANG=da_DK.UTF-8` a VPC named `aa-vpc` sorts
 * after `z-vpc` (Danish treats "aa" as å), so a report or a proof's order would
 * depend on where it ran. Its first call in a thread also loads ICU's collation
 * data (~8-10 ms), which the proof thread would pay at the end of every synth.
 * For the names gwlb-blueprint writes (lowercase letters, digits, `-`, `.`, `/`)
 * UTF-16 code-unit order is the order `localeCompare` gives under English.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * English collation, whatever LANG says: for text a reader sees sorted (the hand-off, diff
 * reports), where code-unit order would differ (`aws_route53_zone` before `aws_route_table`).
 * V8 keeps the collator for a locale it is given, so this costs what `localeCompare` does.
 */
export function compareEnglish(a: string, b: string): number {
  return a.localeCompare(b, 'en');
}
