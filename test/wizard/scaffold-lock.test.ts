/**
 * The scaffold's package-lock.json, cut from the generator's own lock file:
 * which entries it keeps, the flags npm would compute for them, and that it is
 * written the way npm writes a lock file (so the first `npm install` changes
 * nothing). The acceptance test (journey.test.ts) installs from one for real.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PackageManifest } from '../../src/wizard/generator-package';
import { formatLock, scaffoldLock, type LockEntry, type PackageLock } from '../../src/wizard/scaffold-lock';
import { ROOT } from './helpers';

const generator: PackageManifest = { name: 'gen', version: '1.0.0', license: 'MIT', dependencies: { a: '^1.0.0' }, bin: { gen: 'bin/gen.js' } };
const project: PackageManifest = { name: 'net', version: '0.1.0', dependencies: { cli: '2.0.0', gen: 'file:vendor/gen-1.0.0.tgz' } };

function lockOf(packages: Record<string, LockEntry>): PackageLock {
  return { name: 'gen', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'gen', version: '1.0.0', dependencies: { a: '^1.0.0' }, devDependencies: { cli: '2.0.0', jest: '1.0.0' } }, ...packages } };
}

function cut(packages: Record<string, LockEntry>): Record<string, LockEntry> {
  return scaffoldLock({ generatorLock: lockOf(packages), generator, generatorResolved: 'file:vendor/gen-1.0.0.tgz', generatorIntegrity: 'sha512-GEN', project }).packages;
}

describe('scaffoldLock', () => {
  const source: Record<string, LockEntry> = {
    'node_modules/a': { version: '1.2.0', integrity: 'sha512-A', dependencies: { b: '^1.0.0' } },
    'node_modules/b': { version: '1.0.0', integrity: 'sha512-B1' },
    'node_modules/cli': { version: '2.0.0', integrity: 'sha512-CLI', dev: true, dependencies: { b: '^2.0.0', c: '^1.0.0' }, optionalDependencies: { fsevents: '^2.0.0' } },
    // cli needs another b than a does: npm nested it, and the project must nest it too.
    'node_modules/cli/node_modules/b': { version: '2.0.0', integrity: 'sha512-B2', dev: true },
    'node_modules/c': { version: '1.0.0', integrity: 'sha512-C', dev: true, peerDependencies: { p: '*', q: '*' }, peerDependenciesMeta: { q: { optional: true } } },
    'node_modules/p': { version: '1.0.0', integrity: 'sha512-P', dev: true, peer: true },
    'node_modules/q': { version: '1.0.0', integrity: 'sha512-Q', dev: true },
    'node_modules/fsevents': { version: '2.3.3', integrity: 'sha512-F', dev: true, optional: true, os: ['darwin'] },
    'node_modules/jest': { version: '1.0.0', integrity: 'sha512-J', dev: true, dependencies: { b: '^1.0.0' } },
  };

  test('keeps what the generator and the other dependencies need, at the same places, and nothing else', () => {
    const packages = cut(source);
    expect(Object.keys(packages).sort()).toEqual(
      ['', 'node_modules/a', 'node_modules/b', 'node_modules/c', 'node_modules/cli', 'node_modules/cli/node_modules/b', 'node_modules/fsevents', 'node_modules/gen', 'node_modules/p'].sort(),
    );
    // jest (a devDependency of the generator only) and q (an optional peer nobody installs) are left out.
    expect(packages['node_modules/cli/node_modules/b'].version).toBe('2.0.0');
  });

  test('the root and the generator entries are the project\'s and the vendored tarball\'s', () => {
    const packages = cut(source);
    expect(packages['']).toEqual({ name: 'net', version: '0.1.0', dependencies: project.dependencies });
    expect(packages['node_modules/gen']).toEqual({
      version: '1.0.0',
      resolved: 'file:vendor/gen-1.0.0.tgz',
      integrity: 'sha512-GEN',
      license: 'MIT',
      dependencies: { a: '^1.0.0' },
      bin: { gen: 'bin/gen.js' },
    });
  });

  test('flags are recomputed for the project: nothing is dev; optional and peer only where every path is', () => {
    const packages = cut(source);
    expect(packages['node_modules/cli']).toEqual({ version: '2.0.0', integrity: 'sha512-CLI', dependencies: { b: '^2.0.0', c: '^1.0.0' }, optionalDependencies: { fsevents: '^2.0.0' } });
    expect(packages['node_modules/fsevents']).toEqual({ version: '2.3.3', integrity: 'sha512-F', os: ['darwin'], optional: true });
    expect(packages['node_modules/p']).toEqual({ version: '1.0.0', integrity: 'sha512-P', peer: true });
    // b is reached from a (a plain dependency) even though jest reached it too.
    expect(packages['node_modules/b']).toEqual({ version: '1.0.0', integrity: 'sha512-B1' });
  });

  test('a package both optional and required somewhere is required', () => {
    const packages = cut({ ...source, 'node_modules/a': { version: '1.2.0', integrity: 'sha512-A', dependencies: { b: '^1.0.0', fsevents: '^2.0.0' } } });
    expect(packages['node_modules/fsevents'].optional).toBeUndefined();
  });

  test('refuses a project that pins another version of a dependency than the generator was locked with', () => {
    expect(() => scaffoldLock({ generatorLock: lockOf(source), generator, generatorResolved: 'file:x.tgz', generatorIntegrity: 'sha512-X', project: { ...project, dependencies: { cli: '3.0.0' } } })).toThrow(
      /pins cli 3\.0\.0, and the generator's lock file has 2\.0\.0/,
    );
  });
});

describe('formatLock', () => {
  test('writes package-lock.json byte for byte as npm does (this repository\'s own lock file)', () => {
    const text = readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8');
    expect(formatLock(JSON.parse(text) as PackageLock)).toBe(text);
  });

  test('orders plain values before objects, npm\'s keys first, the rest by locale', () => {
    const text = formatLock({ packages: { b: {}, a: { dependencies: {}, version: '1', integrity: 'x', license: 'MIT' } }, requires: true, lockfileVersion: 3, version: '1', name: 'n' } as unknown as PackageLock);
    expect(text).toBe(
      '{\n  "name": "n",\n  "version": "1",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n    "a": {\n      "version": "1",\n      "integrity": "x",\n      "license": "MIT",\n      "dependencies": {}\n    },\n    "b": {}\n  }\n}\n',
    );
  });
});
