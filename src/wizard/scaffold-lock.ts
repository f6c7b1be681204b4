/**
 * The scaffold's package-lock.json, cut from the lock file of the gwlb-blueprint
 * that writes it. The project depends on the vendored generator and on cdktf-cli;
 * every package either of them needs gets the version, and the place in
 * node_modules, that this generator was built and tested with. So `npm install`
 * (or `npm ci`) in the project installs that exact tree, next year too, and needs
 * nothing but the npm cache when the cache holds those versions.
 *
 * The lock is written the way npm writes it (lockfileVersion 3: the entry fields
 * npm records, its dependency flags, its key order), so the first `npm install`
 * leaves it byte-identical and the fresh project has no diff to commit.
 * References: @npmcli/arborist lib/shrinkwrap.js (entry fields, key order via
 * json-stringify-nice) and lib/calc-dep-flags.js (optional and peer flags).
 */
import type { PackageManifest } from './generator-package';

export interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly [field: string]: unknown;
}

export interface PackageLock {
  readonly name: string;
  readonly version: string;
  readonly lockfileVersion: number;
  readonly requires?: boolean;
  readonly packages: Readonly<Record<string, LockEntry>>;
}

export interface ScaffoldLockInput {
  /** The generator's own package-lock.json. */
  readonly generatorLock: PackageLock;
  /** The generator's package.json. */
  readonly generator: PackageManifest;
  /** Where the project installs the generator from: `file:vendor/gwlb-blueprint-0.1.0.tgz`. */
  readonly generatorResolved: string;
  /** Integrity of that tarball. */
  readonly generatorIntegrity: string;
  /** The project's package.json (name, version, dependencies, engines). */
  readonly project: PackageManifest;
}

/** Flags npm recomputes on every install; the lock of another root says nothing about them here. */
const DEPENDENCY_FLAGS = ['dev', 'optional', 'devOptional', 'peer', 'extraneous'];

export function scaffoldLock(input: ScaffoldLockInput): PackageLock {
  const { generatorLock, generator, project } = input;
  const source = generatorLock.packages;
  const generatorAt = `node_modules/${generator.name}`;
  const packages: Record<string, LockEntry> = {
    '': pick({ name: project.name, version: project.version, dependencies: project.dependencies, engines: project.engines }),
    [generatorAt]: pick({
      version: generator.version,
      resolved: input.generatorResolved,
      integrity: input.generatorIntegrity,
      license: generator.license,
      dependencies: generator.dependencies,
      optionalDependencies: generator.optionalDependencies,
      peerDependencies: generator.peerDependencies,
      bin: generator.bin,
      engines: generator.engines,
    }),
  };

  const flags = new Map<string, { optional: boolean; peer: boolean }>();
  const queue: string[] = [];
  const reach = (location: string, optional: boolean, peer: boolean) => {
    const known = flags.get(location);
    const next = { optional: (known?.optional ?? true) && optional, peer: (known?.peer ?? true) && peer };
    if (known && known.optional === next.optional && known.peer === next.peer) return;
    flags.set(location, next);
    queue.push(location);
  };
  const follow = (from: string, entry: LockEntry, state: { optional: boolean; peer: boolean }) => {
    for (const [name, edge] of edgesOf(entry)) {
      const to = resolveIn(source, from, name);
      if (to === undefined) {
        if (edge === 'optional') continue;
        throw new Error(`internal: the generator's lock file has no ${name} for ${from || 'the root'}`);
      }
      reach(to, state.optional || edge === 'optional', state.peer || edge === 'peer');
    }
  };

  // The generator sits at node_modules/<name>, so its dependencies resolve where the generator's own root dependencies are.
  follow('', { dependencies: generator.dependencies, optionalDependencies: generator.optionalDependencies, peerDependencies: generator.peerDependencies }, { optional: false, peer: false });
  for (const [name, spec] of Object.entries(project.dependencies ?? {})) {
    if (name === generator.name) continue;
    const at = `node_modules/${name}`;
    if (source[at]?.version !== spec) {
      throw new Error(`internal: the project pins ${name} ${spec}, and the generator's lock file has ${source[at]?.version ?? 'none'}`);
    }
    reach(at, false, false);
  }
  while (queue.length > 0) {
    const location = queue.pop()!;
    follow(location, source[location], flags.get(location)!);
  }

  for (const [location, state] of flags) {
    const entry: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(source[location])) if (!DEPENDENCY_FLAGS.includes(field)) entry[field] = value;
    if (state.peer) entry.peer = true;
    if (state.optional) entry.optional = true;
    packages[location] = entry;
  }
  return { name: project.name, version: project.version, lockfileVersion: 3, requires: true, packages };
}

type EdgeKind = 'prod' | 'optional' | 'peer';

/** The edges npm installs: dependencies, optional dependencies, and peers that are not optional. */
function edgesOf(entry: LockEntry): [string, EdgeKind][] {
  const edges: [string, EdgeKind][] = [];
  for (const name of Object.keys(entry.dependencies ?? {})) edges.push([name, 'prod']);
  for (const name of Object.keys(entry.optionalDependencies ?? {})) edges.push([name, 'optional']);
  for (const name of Object.keys(entry.peerDependencies ?? {})) {
    if (!entry.peerDependenciesMeta?.[name]?.optional) edges.push([name, 'peer']);
  }
  return edges;
}

/** Node's module resolution over lock locations: `<from>/node_modules/<name>`, then each folder above. */
function resolveIn(packages: Readonly<Record<string, LockEntry>>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

function pick(fields: Record<string, unknown>): LockEntry {
  const isEmpty = (v: unknown) => v === undefined || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => !isEmpty(v))) as LockEntry;
}

/** Keys npm puts first, in this order, in every object of a lock file (json-stringify-nice applies one list at every level). */
const KEY_ORDER = ['name', 'version', 'lockfileVersion', 'resolved', 'integrity', 'requires', 'packages', 'dependencies'];

/**
 * JSON as npm writes package-lock.json: in every object, plain values before
 * objects, then KEY_ORDER's keys in its order, then the rest sorted by
 * `localeCompare` ('en'); two-space indent, a final newline.
 */
export function formatLock(lock: PackageLock): string {
  const compare = (a: string, b: string) => {
    const ia = KEY_ORDER.indexOf(a);
    const ib = KEY_ORDER.indexOf(b);
    if (ia >= 0 || ib >= 0) return ia < 0 ? 1 : ib < 0 ? -1 : ia - ib;
    return a.localeCompare(b, 'en');
  };
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (!isObject(value)) return value;
    const keys = Object.keys(value).sort((a, b) => (isObject(value[a]) === isObject(value[b]) ? compare(a, b) : isObject(value[a]) ? 1 : -1));
    return Object.fromEntries(keys.map((k) => [k, sorted(value[k])]));
  };
  return `${JSON.stringify(sorted(lock), null, 2)}\n`;
}
