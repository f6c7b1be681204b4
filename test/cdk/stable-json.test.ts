/** stableJson writes what cdktf's json-stable-stringify writes (`{ space: 2 }`), byte for byte. */
import fc from 'fast-check';
import * as path from 'node:path';
import { stableJson } from '../../src/cdk/stable-json';

// The copy cdktf itself loads (it may be nested under cdktf's node_modules).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stableStringify = require(require.resolve('json-stable-stringify', { paths: [path.dirname(require.resolve('cdktf/package.json'))] })) as (v: unknown, o: { space: number }) => string;

describe('stableJson', () => {
  it('matches json-stable-stringify on any JSON value, keys sorted, empty objects and arrays open', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', '10', '9', 'a', 'B', '', '\u00e9', '\ud83d\ude00', '0'));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      node: fc.oneof({ maxDepth: 4 }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
    })).node;
    fc.assert(fc.property(value, (v) => stableJson(v) === stableStringify(v, { space: 2 })), { numRuns: 500 });
  });

  it('writes what JSON leaves out as json-stable-stringify does: toJSON, functions, dates', () => {
    const value = { b: [undefined, () => 1, new Date(0)], a: { toJSON: () => ({ z: 1, y: [] }) }, c: () => 2, d: {}, e: [] };
    expect(stableJson(value)).toBe(stableStringify(value, { space: 2 }));
  });

  it('refuses a cycle', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => stableJson(cycle)).toThrow(/circular/);
  });
});
