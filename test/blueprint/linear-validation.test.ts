/**
 * Validation stays linear in the number of unknown keys (40,000 took 9 s, 1.2
 * million more than 10 minutes), and what is printed is capped. Measured without
 * a clock: the parse trees are instrumented to count every read of a child
 * node, and doubling the keys must double the reads (a quadratic search
 * quadruples them).
 */
import { reference, REFERENCE_TEXT } from '../helpers/blueprints';

let reads = 0;
const yamlOptions: unknown[] = [];

function counted<T>(items: T[]): T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
}

jest.mock('jsonc-parser', () => {
  const actual = jest.requireActual<typeof import('jsonc-parser')>('jsonc-parser');
  const instrument = (node: import('jsonc-parser').Node): void => {
    if (!node.children) return;
    node.children.forEach(instrument);
    (node as { children?: import('jsonc-parser').Node[] }).children = counted(node.children);
  };
  return {
    ...actual,
    parseTree: (...args: Parameters<typeof actual.parseTree>) => {
      const root = actual.parseTree(...args);
      if (root) instrument(root);
      return root;
    },
  };
});

jest.mock('yaml', () => {
  const actual = jest.requireActual<typeof import('yaml')>('yaml');
  const instrument = (node: unknown): void => {
    const holder = node as { items?: unknown[] };
    if (!node || typeof node !== 'object' || !Array.isArray(holder.items)) return;
    for (const item of holder.items) {
      const pair = item as { key?: unknown; value?: unknown };
      if (pair && typeof pair === 'object' && 'key' in pair) instrument(pair.value);
      else instrument(item);
    }
    holder.items = counted(holder.items);
  };
  return {
    ...actual,
    parseDocument: (text: string, options: object) => {
      yamlOptions.push(options);
      const doc = actual.parseDocument(text, options);
      instrument(doc.contents);
      return doc;
    },
  };
});

// Imported after the mocks are declared (jest hoists jest.mock above imports anyway).
import { stringify } from 'yaml';
import { loadCheckedBlueprint, MAX_PRINTED_PROBLEMS } from '../../src/blueprint/checked';
import { parseBlueprintText } from '../../src/blueprint/load';
import { validateBlueprint } from '../../src/blueprint/validate';
import { memoryIo } from '../../src/util/io';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

function withUnknownKeys(n: number): Record<string, unknown> {
  const bp = JSON.parse(REFERENCE_TEXT) as Record<string, unknown>;
  for (let i = 0; i < n; i++) bp[`unknown-key-${i}`] = i;
  return bp;
}

/** Child reads to parse `text`, validate it and locate every problem. */
function readsFor(text: string, file: string): number {
  reads = 0;
  const source = parseBlueprintText(text, file);
  const { problems } = validateBlueprint(source.value);
  for (const problem of problems) source.locate(problem.path);
  expect(problems.length).toBeGreaterThan(1000);
  return reads;
}

describe('validation of a blueprint with many unknown keys', () => {
  it.each([
    ['JSON', 'net.json', (v: unknown) => JSON.stringify(v)],
    ['YAML', 'net.yaml', (v: unknown) => stringify(v)],
  ])('%s: parsing, validating and locating every problem reads each node a bounded number of times', (_format, file, write) => {
    const small = readsFor(write(withUnknownKeys(5_000)), file);
    const large = readsFor(write(withUnknownKeys(10_000)), file);
    // Linear: twice the keys, twice the reads (plus the reference blueprint's own). Quadratic: four times.
    expect(large / small).toBeGreaterThan(1.5);
    expect(large / small).toBeLessThan(2.5);
  });

  it('leaves duplicate YAML keys to its own one-pass check (yaml\'s compares every key with every earlier one)', () => {
    yamlOptions.length = 0;
    parseBlueprintText('name: acme\n', 'net.yaml');
    expect(yamlOptions).toEqual([expect.objectContaining({ uniqueKeys: false })]);
    expect(() => parseBlueprintText('name: acme\naccounts:\n  network: {}\n  network: {}\n', 'net.yaml')).toThrow(/net\.yaml:4:3: duplicate key "network"/);
    expect(() => parseBlueprintText('tags:\n  1: a\n  "1": b\n', 'net.yaml')).toThrow(/net\.yaml:3:3: duplicate key "1"/);
  });

  it(`prints the first ${MAX_PRINTED_PROBLEMS} problems, errors first, then counts the rest`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-many-'));
    try {
      const bp = withUnknownKeys(3_000);
      // A warning (minSize below the AZ count) that must not push the errors out.
      ((bp.regions as Record<string, { fleets: Record<string, { minSize: number }> }>)['eu-west-2'].fleets.cloudguard.minSize = 2);
      const file = path.join(dir, 'net.json');
      writeFileSync(file, JSON.stringify(bp, null, 1));
      const io = memoryIo();
      expect(() => loadCheckedBlueprint(file, io)).toThrow('3000 problems found; nothing was written');
      expect(io.stderr).toHaveLength(MAX_PRINTED_PROBLEMS + 1);
      for (const line of io.stderr.slice(0, MAX_PRINTED_PROBLEMS)) expect(line).toMatch(/^.*net\.json:\d+:\d+: error \$\["unknown-key-\d+"\] = \d+: unknown field/);
      // The reference's own warnings, plus the minSize one.
      const warnings = validateBlueprint(reference()).problems.filter((p) => p.severity === 'warning').length + 1;
      expect(io.stderr[MAX_PRINTED_PROBLEMS]).toBe(`… and 2980 errors and ${warnings} warnings more, not shown (the first ${MAX_PRINTED_PROBLEMS} are above)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
