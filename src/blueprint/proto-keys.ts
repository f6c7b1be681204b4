/**
 * `__proto__` as a key. The parsers keep it as an ordinary key, as JSON and YAML
 * define it, but zod's records skip it (assigning it would replace the result's
 * prototype), so without this pass it would vanish without a word: as a name
 * (a spoke, an account, a region) it must be refused like any other bad name,
 * and as a tag key, which AWS accepts, it must reach the output.
 *
 * This walks the value along the schema, finds every `__proto__` key of a record,
 * checks it with the record's own key and value schemas, and says what to
 * restore on the parsed result. Inside objects (fixed fields) zod already
 * reports it as an unknown field.
 */
import type { z } from 'zod';
import type { JsonPath, Problem } from './problems';
import { shapeProblems } from './shape-problems';

const PROTO = '__proto__';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
};

export interface ProtoKeys {
  readonly problems: readonly Problem[];
  /** Record entries keyed `__proto__` that passed their schemas: path of the record, the parsed value, and the keys in input order. */
  readonly kept: readonly { readonly path: JsonPath; readonly value: unknown; readonly order: readonly string[] }[];
}

export function protoKeys(schema: z.ZodType, value: unknown): ProtoKeys {
  const problems: Problem[] = [];
  const kept: { path: JsonPath; value: unknown; order: string[] }[] = [];
  const walk = (at: z.ZodType | undefined, input: unknown, path: JsonPath): void => {
    const def = unwrap(at);
    if (!def || typeof input !== 'object' || input === null) return;
    if (def.type === 'array' && Array.isArray(input)) {
      input.forEach((item, i) => walk(def.element, item, [...path, i]));
    } else if (def.type === 'object' && def.shape && !Array.isArray(input)) {
      for (const [key, field] of Object.entries(def.shape)) if (Object.hasOwn(input, key)) walk(field, (input as Record<string, unknown>)[key], [...path, key]);
    } else if (def.type === 'record' && def.keyType && def.valueType && !Array.isArray(input)) {
      for (const key of Object.keys(input)) {
        const item = (input as Record<string, unknown>)[key];
        if (key !== PROTO) {
          walk(def.valueType, item, [...path, key]);
          continue;
        }
        const keyPath = [...path, key];
        if (!def.keyType.safeParse(key).success) {
          problems.push(...shapeProblems(schema, [{ code: 'invalid_key', origin: 'record', path: keyPath, input: key, issues: [], message: '' } as z.core.$ZodIssue]));
          continue;
        }
        const parsed = def.valueType.safeParse(item, { reportInput: true });
        if (parsed.success) kept.push({ path, value: parsed.data, order: Object.keys(input) });
        else problems.push(...shapeProblems(schema, parsed.error.issues.map((issue) => ({ ...issue, path: [...keyPath, ...issue.path] }))));
      }
    }
  };
  walk(schema, value, []);
  return { problems, kept };
}

/** Puts the kept `__proto__` entries back on the parsed blueprint, as own properties, where the input had them. */
export function restoreProtoKeys(parsed: unknown, kept: ProtoKeys['kept']): void {
  for (const { path, value, order } of kept) {
    let record: unknown = parsed;
    for (const segment of path) record = Object.getOwnPropertyDescriptor(record, segment)?.value;
    if (typeof record !== 'object' || record === null) throw new Error(`internal: no record at ${path.join('.')} to restore __proto__ on`);
    const target = record as Record<string, unknown>;
    const values = new Map(order.map((key) => [key, key === PROTO ? value : target[key]]));
    for (const key of order) delete target[key];
    for (const [key, item] of values) Object.defineProperty(target, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
}

function unwrap(schema: z.ZodType | undefined): Def | undefined {
  let def = (schema as { _zod?: { def: Def } } | undefined)?._zod?.def;
  while (def && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'pipe')) {
    const inner = def.type === 'pipe' ? def.in : def.innerType;
    def = (inner as { _zod?: { def: Def } } | undefined)?._zod?.def;
  }
  return def;
}
