/**
 * Turns zod's shape issues into problems that read like the rest: path, the bad
 * value as written, and what would be right (with a "did you mean" for typos).
 */
import type { z } from 'zod';
import { error, type JsonPath, type Problem } from './problems';
import { NAME_RULE } from './schema';

type Issue = z.core.$ZodIssue;
type SchemaDef = { type: string; shape?: Record<string, unknown>; valueType?: unknown; innerType?: unknown; element?: unknown };

const RULE = 'schema';

export function shapeProblems(schema: z.ZodType, issues: readonly Issue[]): Problem[] {
  return issues.flatMap((issue) => fromIssue(schema, issue));
}

function fromIssue(schema: z.ZodType, issue: Issue): Problem[] {
  const path = issue.path as JsonPath;
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys': {
      // Once per object, not per key: an object may hold a million unknown keys.
      const known = allowedKeysAt(schema, path);
      const list = known.length > 0 ? ` (allowed: ${known.join(', ')})` : '';
      const values = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
      return issue.keys.map((key) => {
        const hint = suggest(key, known);
        return error(RULE, [...path, key], values[key], `unknown field "${key}"${hint ? `; did you mean "${hint}"?` : list}`);
      });
    }
    case 'invalid_type':
      if (input === undefined) return [error(RULE, path, undefined, `is required (${issue.expected})`)];
      return [error(RULE, path, input, `expected ${describeExpected(issue.expected)}, got ${describeType(input)}${quoteHint(issue.expected, input)}`)];
    case 'invalid_key':
      return [error(RULE, path, input, isRegionsKey(path) ? 'is not an AWS region code (like eu-west-2)' : `is not a valid name: ${NAME_RULE}`)];
    case 'invalid_format':
      return [error(RULE, path, input, `is not a valid name: ${NAME_RULE}`)];
    case 'invalid_value':
      return [error(RULE, path, input, `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`)];
    case 'too_small':
      return [error(RULE, path, input, `must be at least ${String(issue.minimum)}`)];
    case 'too_big':
      return [error(RULE, path, input, `must be at most ${String(issue.maximum)}`)];
    default:
      return [error(RULE, path, input, issue.message)];
  }
}

function isRegionsKey(path: JsonPath): boolean {
  return path.length === 2 && path[0] === 'regions';
}

function describeExpected(expected: string): string {
  return expected === 'int' ? 'an integer' : expected === 'record' ? 'an object' : `${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'a fraction';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function quoteHint(expected: string, value: unknown): string {
  return expected === 'string' && typeof value === 'number' ? ' (quote it, e.g. "' + String(value) + '")' : '';
}

/** The field names the schema allows at `path`, for "unknown field" messages. */
function allowedKeysAt(schema: z.ZodType, path: JsonPath): string[] {
  let def = definitionOf(schema);
  for (const segment of path) {
    if (!def) return [];
    if (def.type === 'object' && def.shape) def = definitionOf(def.shape[String(segment)]);
    else if (def.type === 'record') def = definitionOf(def.valueType);
    else if (def.type === 'array') def = definitionOf(def.element);
    else return [];
  }
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function definitionOf(schema: unknown): SchemaDef | undefined {
  let def = (schema as { _zod?: { def: SchemaDef } } | undefined)?._zod?.def;
  while (def && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable')) {
    def = (def.innerType as { _zod: { def: SchemaDef } })._zod.def;
  }
  return def;
}

/** The closest allowed key within two edits, or a case-insensitive match. */
export function suggest(key: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    // Two edits cannot bridge a greater difference in length.
    if (Math.abs(candidate.length - key.length) > 2) continue;
    const distance = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
