/**
 * The gwlb-blueprint that is running, as a package a project can install:
 * `npm pack` of its own folder, which `init` puts in the project's `vendor/`
 * (the scaffold's package.json installs it from there). An installed package
 * folder holds exactly the files of its tarball, and `npm pack` writes them
 * deterministically (fixed times, fixed order), so the vendored tarball has the
 * bytes of the one that was installed: the project pins this very generator,
 * whether or not any gwlb-blueprint is on a registry.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../util/errors';

export interface GeneratorPackage {
  /** `gwlb-blueprint-0.1.0.tgz`, as npm names it. */
  readonly tarballName: string;
  readonly tarball: Buffer;
  /** Subresource integrity of the tarball, as package-lock.json records it (`sha512-…`). */
  readonly integrity: string;
  /** The package's package.json. */
  readonly manifest: PackageManifest;
}

export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly bin?: Record<string, string>;
  readonly engines?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

export function integrityOf(content: Buffer): string {
  return `sha512-${createHash('sha512').update(content).digest('base64')}`;
}

const packed = new Map<string, GeneratorPackage>();

/** Packs the package at `root` once per process (init may be asked several times, by tests). */
export function packGenerator(root: string): GeneratorPackage {
  const known = packed.get(root);
  if (known) return known;
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageManifest;
  const destination = mkdtempSync(path.join(os.tmpdir(), 'gwlb-blueprint-pack-'));
  try {
    // --ignore-scripts: an installed package has no devDependencies to run its prepack build with.
    const [command, ...prefix] = npmCommand();
    const result = spawnSync(command, [...prefix, 'pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
      cwd: root,
      encoding: 'utf8',
      shell: process.platform === 'win32',
      timeout: 120_000,
    });
    if (result.error || result.status !== 0) {
      const why = result.error ? result.error.message : (result.stderr.trim().split('\n').at(-1) ?? `exit ${result.status}`);
      throw new UserError(`init puts a copy of gwlb-blueprint ${manifest.version} into the project (vendor/), and \`npm pack\` of ${root} failed: ${why}. Nothing was written.`);
    }
    const report = JSON.parse(result.stdout) as { filename: string }[];
    const tarballName = path.basename(report[0].filename);
    const tarball = readFileSync(path.join(destination, tarballName));
    const generator = { tarballName, tarball, integrity: integrityOf(tarball), manifest };
    packed.set(root, generator);
    return generator;
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
}

/** The npm that runs us (npx sets npm_execpath; yarn and pnpm set theirs), else the one on the PATH. */
function npmCommand(): string[] {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.js$/.test(cli)) return [process.execPath, cli];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm'];
}
