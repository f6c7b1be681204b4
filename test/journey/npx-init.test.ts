/**
 * The journey as the README tells it, with the real tools and nothing faked:
 * this checkout packed as npm would publish it, `npx --package <tarball>
 * gwlb-blueprint init net --yes` in an empty folder, then in the project it
 * wrote `npm install`, `npx cdktf synth` and `npx gwlb-blueprint verify
 * cdktf.out`.
 *
 * No gwlb-blueprint is on any registry: the project installs the generator from
 * the tarball init vendored, and `npm install` runs with --offline, so it can
 * only succeed from what the project holds and the npm cache (which `npm ci` of
 * this checkout filled with every version the project's lock file pins).
 *
 * It takes about a minute on two cores, almost all of it npm unpacking the AWS
 * provider bindings twice (once for npx, once for the project): the one test of
 * the whole journey, and the only one that installs the package for real.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { PackageLock } from '../../src/wizard/scaffold-lock';
import { readJson, ROOT, scratchDir } from '../wizard/helpers';

const VERSION = readJson<{ version: string }>(path.join(ROOT, 'package.json')).version;

// npm's own chatter off; every command runs without a terminal, as CI does.
const ENV: NodeJS.ProcessEnv = { ...process.env, CI: 'true', CHECKPOINT_DISABLE: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

function run(command: string, args: readonly string[], cwd: string, timeout = 180_000): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8', timeout });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result;
}

const sha512 = (file: string) => createHash('sha512').update(readFileSync(file)).digest('base64');

/** The built package must be this checkout's code: a pack of a stale dist/ would test something else. */
function assertBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)));
  const built = path.join(ROOT, 'dist', 'index.js');
  if (!existsSync(built) || statSync(built).mtimeMs < newest(path.join(ROOT, 'src'))) {
    throw new Error('dist/ is missing or older than src/: run `npm run build` first (`npm test` does)');
  }
}

/** npx installs a package it runs into <npm cache>/_npx/<hash>; the one for our scratch tarball goes when the test does. */
function removeNpxInstall(tarball: string): void {
  const cache = run('npm', ['config', 'get', 'cache'], ROOT).stdout.trim();
  const npx = path.join(cache, '_npx');
  if (!existsSync(npx)) return;
  for (const dir of readdirSync(npx)) {
    const manifest = path.join(npx, dir, 'package.json');
    if (existsSync(manifest) && readFileSync(manifest, 'utf8').includes(path.basename(path.dirname(tarball)))) rmSync(path.join(npx, dir), { recursive: true, force: true });
  }
}

test(
  'npx --package <tarball> gwlb-blueprint init, then npm install (offline), npx cdktf synth and gwlb-blueprint verify in the project',
  () => {
    assertBuilt();
    const laps: string[] = [];
    let last = Date.now();
    const lap = (what: string) => {
      laps.push(`${what} ${((Date.now() - last) / 1000).toFixed(1)} s`);
      last = Date.now();
    };

    const scratch = scratchDir();
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], ROOT).stdout) as { filename: string }[];
    const tarball = path.join(scratch, path.basename(packed[0].filename));
    lap('npm pack');

    const empty = path.join(scratch, 'empty');
    mkdirSync(empty);
    try {
      run('npx', ['--yes', '--prefer-offline', '--package', tarball, 'gwlb-blueprint', 'init', 'net', '--yes'], empty);
    } finally {
      removeNpxInstall(tarball);
    }
    lap('npx init');
    const project = path.join(empty, 'net');

    // The project pins exactly the generator that wrote it: the same bytes as the tarball it ran from.
    const vendored = path.join(project, 'vendor', path.basename(tarball));
    expect(sha512(vendored)).toBe(sha512(tarball));
    const lockText = readFileSync(path.join(project, 'package-lock.json'), 'utf8');

    run('npm', ['install', '--offline', '--no-audit', '--no-fund'], project);
    lap('npm install');
    // Installed from vendor/, not from a registry, and the lock file init wrote is the one npm keeps.
    const installed = readJson<PackageLock>(path.join(project, 'node_modules', '.package-lock.json')).packages['node_modules/gwlb-blueprint'];
    expect(installed).toMatchObject({ version: VERSION, resolved: `file:vendor/${path.basename(tarball)}`, integrity: `sha512-${sha512(tarball)}` });
    expect(readFileSync(path.join(project, 'package-lock.json'), 'utf8')).toBe(lockText);

    const synth = run('npx', ['cdktf', 'synth'], project);
    lap('cdktf synth');
    const said = `${synth.stdout}\n${synth.stderr}`;
    // The reference network's one warning (no bootstrap secret) reads as a warning of the stack it concerns, never as an error.
    expect(said).toMatch(/WARN \[acme-eu-west-2-egress\]: .*warning \$\.regions\["eu-west-2"\]\.fleets\.cloudguard\.vendor/);
    expect(said).not.toMatch(/\[ERROR\].*warning \$\./);
    expect(readdirSync(path.join(project, 'cdktf.out', 'stacks'))).toContain('acme-eu-west-2-hub');

    const verify = run('npx', ['gwlb-blueprint', 'verify', 'cdktf.out'], project);
    expect(verify.stdout).toMatch(/^verified: [\d,]+ AZ paths .* \d+ controls pass\b/m);
    lap('verify');
    process.stdout.write(`npx-init.test.ts: ${laps.join(', ')}\n`);
  },
  300_000,
);
