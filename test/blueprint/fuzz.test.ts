/**
 * Throws random JSON and mutated reference blueprints at validateBlueprint (and a
 * sample through the CLI): it must never throw, every problem must be printable,
 * and whatever model it returns must be a sound address plan.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { format, sizeOf } from '../../src/blueprint/cidr';
import { AWS_REGIONS, azIdPrefix } from '../../src/blueprint/regions';
import type { NetworkModel } from '../../src/blueprint/model';
import { formatProblem, type Problem } from '../../src/blueprint/problems';
import type { Blueprint } from '../../src/blueprint/schema';
import { validateBlueprint, type ValidationResult } from '../../src/blueprint/validate';
import { memoryIo } from '../../src/util/io';
import { main } from '../../src/cli/main';
import { REFERENCE_TEXT, REGION as REGION_CODE, reference, regionOf, withSecondRegion } from '../helpers/blueprints';
import { overlappingPairs, vpcViolations } from '../helpers/plan-invariants';

// ---------------------------------------------------------------- generators

/** A canonical CIDR inside 10.0.0.0/8 with a VPC-sized prefix: overlaps happen, but not often. */
const vpcCidr = fc
  .integer({ min: 16, max: 24 })
  .chain((prefix) => fc.integer({ min: 0, max: 2 ** (prefix - 8) - 1 }).map((n) => format({ base: 0x0a000000 + n * sizeOf(prefix), prefix })));

/** Any CIDR-ish string: canonical anywhere, host bits set, leading zeros, or garbage. */
const anyCidr = fc.oneof(
  vpcCidr,
  fc.integer({ min: 0, max: 32 }).chain((prefix) => fc.nat({ max: 2 ** prefix - 1 }).map((n) => format({ base: n * sizeOf(prefix), prefix }))),
  fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 40 })).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`),
  fc.constantFrom('010.0.0.0/8', '10.0.0.0/08', '0.0.0.0/0', '10.0.0.0', '::/0', '', ' 10.0.0.0/16'),
  fc.string({ maxLength: 20 }),
);

/** Names: valid ones, ones already in the reference (so references resolve or collide), and troublemakers. */
const anyName = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/),
  fc.constantFrom('network', 'production', 'partner', 'nonpublic', 'cloudguard', 'prod-dmz', 'prod-app', 'egress', 'eu-west-2', 'us-east-1'),
  fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'Network', '', '-x', 'a'.repeat(40)),
  fc.string({ maxLength: 12 }),
);

const anyInt = fc.oneof(fc.integer(), fc.integer({ min: 0, max: 10 }), fc.constantFrom(64512, 65534, 65535, 4200000000, 4294967295, -1, 0, 2 ** 53), fc.double());

type Json = unknown;
type Mutation = { op: 'delete' | 'replace' | 'retype' | 'cidr' | 'name' | 'rename' | 'copy' | 'int'; pick: number; payload: Json; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat(), payload: fc.constant(null), text: fc.constant('') }),
  fc.record({ op: fc.constant('replace' as const), pick: fc.nat(), payload: fc.jsonValue({ maxDepth: 2 }), text: fc.constant('') }),
  fc.record({ op: fc.constant('retype' as const), pick: fc.nat(), payload: fc.constant(null), text: fc.constant('') }),
  fc.record({ op: fc.constant('cidr' as const), pick: fc.nat(), payload: fc.constant(null), text: anyCidr }),
  fc.record({ op: fc.constant('name' as const), pick: fc.nat(), payload: fc.constant(null), text: anyName }),
  fc.record({ op: fc.constant('rename' as const), pick: fc.nat(), payload: fc.constant(null), text: anyName }),
  fc.record({ op: fc.constant('copy' as const), pick: fc.nat(), payload: fc.constant(null), text: anyName }),
  fc.record({ op: fc.constant('int' as const), pick: fc.nat(), payload: anyInt, text: fc.constant('') }),
);

type Container = Record<string, Json> | Json[];
type Slot = { parent: Container; key: string | number };

/** Every place in a JSON value that holds a value (the root excluded). */
function slotsOf(value: Json, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i }), slotsOf(v, out)));
  else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push({ parent: value as Record<string, Json>, key });
      slotsOf((value as Record<string, Json>)[key], out);
    }
  }
  return out;
}

/** Sets an own property, as JSON.parse does: `__proto__` becomes a key, not a prototype. */
function setOwn(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function retype(value: Json): Json {
  if (typeof value === 'string') return /^\d+$/.test(value) ? Number(value) : [value];
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  if (value && typeof value === 'object') return Object.values(value);
  return {};
}

function mutate(root: Json, m: Mutation): void {
  const slots = slotsOf(root);
  if (slots.length === 0) return;
  const { parent, key } = slots[m.pick % slots.length];
  const get = () => (parent as Record<string | number, Json>)[key];
  const set = (v: Json) => (Array.isArray(parent) ? (parent[key as number] = v) : setOwn(parent, key as string, v));
  switch (m.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'replace':
    case 'int':
      set(m.payload);
      break;
    case 'retype':
      set(retype(get()));
      break;
    case 'cidr':
    case 'name':
      set(m.text);
      break;
    case 'rename':
      if (!Array.isArray(parent) && m.text !== key) {
        setOwn(parent, m.text, get());
        delete parent[key as string];
      }
      break;
    case 'copy': {
      // a second entry in the same collection under a new name: duplicates CIDRs, ASNs, IDs...
      if (!Array.isArray(parent) && m.text !== key) setOwn(parent, m.text, JSON.parse(JSON.stringify(get()) ?? 'null'));
      break;
    }
  }
}

const mutatedReference = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
  const value: Json = reference();
  for (const m of mutations) mutate(value, m);
  return value;
});

const AZ_IDS = ['euw2-az1', 'euw2-az2', 'euw2-az3', 'euw2-az4', 'euw2-az5', 'euw2-az6'];
const AZ_NAMES = ['eu-west-2a', 'eu-west-2b', 'eu-west-2c', 'eu-west-2d', 'eu-west-2e', 'eu-west-2f'];

/** Reference blueprints re-addressed at random: mostly valid, so the model invariants get exercised. */
const readdressedReference = fc
  .record({
    cidrs: fc.array(vpcCidr, { minLength: 6, maxLength: 6 }),
    east: fc.option(fc.array(vpcCidr, { minLength: 3, maxLength: 3 }), { nil: undefined }),
    azCount: fc.integer({ min: 2, max: 6 }),
    azNames: fc.boolean(),
    minSize: fc.integer({ min: 1, max: 6 }),
  })
  .map(({ cidrs, east, azCount, azNames, minSize }) => {
    const bp: Blueprint = east ? withSecondRegion(reference()) : reference();
    const region = regionOf(bp);
    region.availabilityZones = (azNames ? AZ_NAMES : AZ_IDS).slice(0, azCount);
    region.fleets.cloudguard.minSize = minSize;
    region.fleets.cloudguard.maxSize = Math.max(minSize, 6);
    const vpcs = [region.egress, ...Object.values(region.dmzs!), ...Object.values(region.spokes!)];
    vpcs.forEach((vpc, i) => (vpc.cidr = cidrs[i]));
    if (east) {
      const e = regionOf(bp, 'us-east-1');
      [e.egress, ...Object.values(e.dmzs!), ...Object.values(e.spokes!)].forEach((vpc, i) => (vpc.cidr = east[i]));
    }
    // AZ names are valid only in a region that lives in one account (az-names-across-accounts).
    if (azNames) {
      for (const vpc of vpcs) vpc.account = 'network';
      delete region.dmzs!['prod-dmz'].shareWith;
    }
    return bp;
  });

// ---------------------------------------------------------------- invariants

function problemViolations(problems: readonly Problem[]): string[] {
  const broken: string[] = [];
  for (const p of problems) {
    if (!Array.isArray(p.path) || !p.path.every((s) => typeof s === 'string' || typeof s === 'number')) broken.push(`bad path ${String(p.path)}`);
    if (typeof p.message !== 'string' || p.message.length === 0) broken.push(`empty message at ${String(p.path)}`);
    if (p.severity !== 'error' && p.severity !== 'warning') broken.push(`bad severity ${String(p.severity)}`);
    if (typeof p.rule !== 'string' || p.rule.length === 0) broken.push('no rule');
    if (typeof formatProblem(p) !== 'string') broken.push('unprintable problem');
  }
  return broken;
}

function modelViolations(model: NetworkModel): string[] {
  const broken: string[] = [];
  const cidrs: string[] = [];
  for (const region of model.regions) {
    for (const vpc of [region.egress, ...region.dmzs, ...region.spokes]) {
      cidrs.push(vpc.cidr);
      const subnets = vpc.subnets.map((s) => ({ tier: s.tier, azIndex: s.az.index, cidr: s.cidr }));
      broken.push(...vpcViolations(vpc.cidr, vpc.role, region.azs.length, subnets).map((v) => `${region.code} ${vpc.name}: ${v}`));
    }
  }
  broken.push(...overlappingPairs(cidrs));
  return broken;
}

/** Validates and checks everything that must hold whatever the input; returns the result. */
function checkedValidation(value: unknown): ValidationResult {
  const result = validateBlueprint(value);
  if (!Array.isArray(result.problems)) throw new Error('problems is not an array');
  const broken = problemViolations(result.problems);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  if (result.model) {
    if (errors > 0) broken.push('a model despite errors');
    broken.push(...modelViolations(result.model));
  } else if (errors === 0) {
    broken.push('no model and no error');
  }
  if (broken.length > 0) throw new Error(broken.join('\n'));
  return result;
}

// ---------------------------------------------------------------- properties

describe('validateBlueprint under fuzzing', () => {
  it('survives arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        checkedValidation(value);
      }),
      { numRuns: 700 },
    );
  });

  it('survives arbitrary values in the places of a blueprint\'s fields', () => {
    const anyRegion = fc.record({ availabilityZones: fc.jsonValue({ maxDepth: 1 }), egress: fc.jsonValue({ maxDepth: 2 }), fleets: fc.jsonValue({ maxDepth: 2 }) });
    fc.assert(
      fc.property(fc.record({ name: fc.jsonValue({ maxDepth: 1 }), accounts: fc.jsonValue({ maxDepth: 2 }), regions: fc.dictionary(anyName, anyRegion, { maxKeys: 2 }) }), (value) => {
        checkedValidation(value);
      }),
      { numRuns: 300 },
    );
  });

  it('survives mutated reference blueprints (drop, replace, retype, rename, copy fields; random CIDRs, names, integers)', () => {
    let models = 0;
    fc.assert(
      fc.property(mutatedReference, (value) => {
        if (checkedValidation(value).model) models++;
      }),
      { numRuns: 1000 },
    );
    expect(models).toBeGreaterThan(0);
  });

  it('plans sound, non-overlapping VPCs whenever a re-addressed reference is valid', () => {
    let models = 0;
    let refusals = 0;
    fc.assert(
      fc.property(readdressedReference, (value) => {
        if (checkedValidation(value).model) models++;
        else refusals++;
      }),
      { numRuns: 400 },
    );
    // the generator must exercise both outcomes, or the property says little
    expect(models).toBeGreaterThan(100);
    expect(refusals).toBeGreaterThan(0);
  });

  it('accepts a region and its AZ IDs exactly when the table knows them, or the blueprint declares them', () => {
    const region = fc.oneof(
      fc.constantFrom(...Object.keys(AWS_REGIONS)),
      fc
        .tuple(fc.constantFrom('eu', 'us', 'ap', 'ca', 'sa', 'me', 'af', 'il', 'mx', 'xx'), fc.constantFrom('north', 'south', 'east', 'west', 'central', 'southeast', 'northeast'), fc.integer({ min: 1, max: 12 }))
        .map(([country, direction, n]) => `${country}-${direction}-${n}`),
    );
    fc.assert(
      fc.property(region, fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 3 }), fc.boolean(), (code, numbers, declared) => {
        const bp = reference();
        const spec = bp.regions[REGION_CODE];
        delete bp.regions[REGION_CODE];
        bp.regions[code] = spec;
        const azs = numbers.map((n) => `${azIdPrefix(code)}-az${n}`);
        spec.availabilityZones = azs;
        if (declared) spec.regionAvailabilityZones = azs;
        const found = checkedValidation(bp).problems.filter((p) => p.rule === 'known-regions').map((p) => p.path.join('.'));
        const table = AWS_REGIONS[code]?.azIds;
        const expected = declared ? [] : !table ? [`regions.${code}`] : azs.flatMap((az, i) => (table.includes(az) ? [] : [`regions.${code}.availabilityZones.${i}`]));
        expect(found).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an own __proto__ key (as JSON.parse makes it) without polluting Object.prototype', () => {
    const bp = reference() as unknown as Record<string, unknown>;
    setOwn(bp, '__proto__', { polluted: true });
    expect(checkedValidation(bp).model).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the CLI under fuzzing', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-fuzz-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A file the CLI will read: a value as JSON or YAML, or broken text. */
  const fileContent = fc.oneof(
    fc.record({ ext: fc.constant('.json'), value: fc.oneof(mutatedReference, readdressedReference, fc.jsonValue({ maxDepth: 3 })) }).map(({ ext, value }) => ({ ext, text: JSON.stringify(value) })),
    fc.record({ ext: fc.constant('.yaml'), value: fc.oneof(mutatedReference, readdressedReference) }).map(({ ext, value }) => ({ ext, text: toYaml(value) })),
    // the reference with one character dropped or one inserted: mostly malformed JSON
    fc.record({ at: fc.nat({ max: REFERENCE_TEXT.length - 1 }), insert: fc.constantFrom('', ',', '{', '"', ':', 'x') }).map(({ at, insert }) => ({
      ext: '.json',
      text: REFERENCE_TEXT.slice(0, at) + insert + REFERENCE_TEXT.slice(at + 1),
    })),
    fc.record({ ext: fc.constantFrom('.json', '.yaml', ''), text: fc.string({ maxLength: 60 }) }),
  );

  it('exits 0 or 1, never with a stack trace', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fileContent, async ({ ext, text }) => {
        const file = path.join(dir, `bp-${n++}${ext}`);
        writeFileSync(file, text);
        const io = memoryIo();
        const code = await main(['validate', '-b', file], io);
        const output = io.text();
        if (code !== 0 && code !== 1) throw new Error(`exit ${code}:\n${output}`);
        expect(output).not.toContain('    at ');
        if (code === 0) expect(io.stdout.join('\n')).toContain('is valid.');
        else expect(io.stderr.join('\n')).toContain('error');
      }),
      { numRuns: 120 },
    );
  });
});
