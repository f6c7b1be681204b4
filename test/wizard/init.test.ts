/**
 * `gwlb-blueprint init` as a command: what it writes, that it writes it all or
 * nothing, and how it behaves without a terminal, with --yes, --from and --force.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import type { Blueprint } from '../../src/blueprint/schema';
import { main } from '../../src/cli/main';
import { memoryIo } from '../../src/util/io';
import { CTRL_C } from '../../src/wizard/scripted-prompter';
import { scaffoldFiles } from '../../src/wizard/scaffold';
import type { PackageLock } from '../../src/wizard/scaffold-lock';
import { initScripted, listTree, readJson, reference, ROOT, scratchDir, withAzSlots } from './helpers';

const VERSION = readJson<{ version: string }>(path.join(ROOT, 'package.json')).version;
const TARBALL = `gwlb-blueprint-${VERSION}.tgz`;
const SCAFFOLD_FILES = scaffoldFiles(TARBALL);

async function cli(args: string[], interactive = false) {
  const io = memoryIo(interactive);
  const started = Date.now();
  const code = await main(args, io);
  return { code, io, ms: Date.now() - started };
}

describe('without a terminal', () => {
  test('exits 1 at once, saying to use --yes or --from, and writes nothing', async () => {
    const parent = scratchDir();
    const run = await cli(['init', path.join(parent, 'net')]);
    expect(run.code).toBe(1);
    expect(run.io.stderr.join('\n')).toMatch(/^error: init asks questions, and there is no terminal.*--yes.*--from FILE --yes/);
    expect(run.ms).toBeLessThan(2000);
    expect(readdirSync(parent)).toEqual([]);
  });

  test('--from alone still needs a terminal: it only pre-fills the questions', async () => {
    const run = await cli(['init', path.join(scratchDir(), 'net'), '--from', path.join(ROOT, 'examples', 'single-account.blueprint.json')]);
    expect(run.code).toBe(1);
    expect(run.io.stderr.join('\n')).toContain('--yes');
  });
});

describe('--yes', () => {
  test('writes the reference network and a cdktf project around it, without asking', async () => {
    const dir = path.join(scratchDir(), 'net');
    const run = await cli(['init', dir, '--yes']);
    expect(run.code).toBe(0);
    expect(listTree(dir)).toEqual([...SCAFFOLD_FILES].sort());
    // The reference network, with each region's AZ slots written down (eu-west-2 has three AZs).
    expect(readJson(path.join(dir, 'blueprint.json'))).toEqual(withAzSlots(reference(), { 'eu-west-2': 3 }));

    const pkg = readJson<{ name: string; private: boolean; dependencies: Record<string, string>; scripts: Record<string, string> }>(path.join(dir, 'package.json'));
    expect(pkg.name).toBe('acme-network');
    expect(pkg.private).toBe(true);
    // No registry needed: the generator itself is in the project.
    expect(pkg.dependencies).toEqual({ 'gwlb-blueprint': `file:vendor/${TARBALL}`, 'cdktf-cli': '0.21.0' });
    expect(pkg.scripts).toMatchObject({ synth: 'cdktf synth', deploy: 'cdktf deploy "*"', verify: 'gwlb-blueprint verify cdktf.out' });

    const cdktf = readJson<{ app: string; language: string }>(path.join(dir, 'cdktf.json'));
    expect(cdktf.app).toBe('node main.js');
    const entry = readFileSync(path.join(dir, 'main.js'), 'utf8');
    expect(entry).toContain("require('gwlb-blueprint')");
    // V8's budget for a short run is set before the generator loads, from a module the package holds.
    const tiering = "require('gwlb-blueprint/dist/util/v8-tiering.js').tuneTieringForShortRun();";
    expect(entry.indexOf(tiering)).toBeGreaterThan(0);
    expect(entry.indexOf(tiering)).toBeLessThan(entry.indexOf("require('gwlb-blueprint')"));
    expect(existsSync(path.join(__dirname, '..', '..', 'dist', 'util', 'v8-tiering.js'))).toBe(true);
    expect(entry).toContain("synthesizeBlueprintFile(path.join(__dirname, 'blueprint.json'))");

    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    for (const step of ['npm install', 'npx cdktf synth', "npx cdktf deploy '*'", 'npx gwlb-blueprint verify cdktf.out', 'cdktf.out/state', 'acme-eu-west-2-hub']) {
      expect(readme).toContain(step);
    }
    // Why the slots are recorded, where state lives and why a team keeps it in S3, what the tarball is.
    expect(readme).toContain('records `azSlots` for every region (eu-west-2: 3)');
    expect(readme).toContain('**For a team, use the `s3` backend**');
    expect(readme).toContain(`| \`vendor/${TARBALL}\` | gwlb-blueprint ${VERSION} itself`);
    expect(readme).not.toMatch(/\{\{\w+\}\}/);

    const said = run.io.stdout.join('\n');
    expect(said).toContain('acme: 4 accounts, 1 region, state local');
    expect(said).toContain(`Wrote ${dir}/: blueprint.json, package.json, package-lock.json, vendor/${TARBALL}, cdktf.json, main.js, README.md, .gitignore`);
    expect(said).toContain("blueprint.json records each region's AZ slots (eu-west-2: 3)");
  });

  test('vendors this very package: the tarball `npm pack` makes of it, pinned by its integrity in the lock file', async () => {
    const dir = path.join(scratchDir(), 'net');
    expect((await cli(['init', dir, '--yes'])).code).toBe(0);
    const tarball = path.join(dir, 'vendor', TARBALL);
    const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
    expect(listing.status).toBe(0);
    const files = listing.stdout.split('\n');
    for (const f of ['package/package.json', 'package/bin/gwlb-blueprint.js', 'package/dist/index.js', 'package/dist/dependency-lock.json', 'package/templates/reference.blueprint.json', 'package/examples/single-account.blueprint.json']) {
      expect(files).toContain(f);
    }
    const manifest = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
    expect(JSON.parse(manifest.stdout)).toMatchObject({ name: 'gwlb-blueprint', version: VERSION });

    const lock = readJson<PackageLock>(path.join(dir, 'package-lock.json'));
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    expect(lock.packages['node_modules/gwlb-blueprint']).toMatchObject({ version: VERSION, resolved: `file:vendor/${TARBALL}`, integrity });
    expect(lock.packages[''].dependencies).toEqual(readJson<{ dependencies: unknown }>(path.join(dir, 'package.json')).dependencies);
  });

  test('the lock file pins every dependency at the version this package is locked with, and carries none of its dev tools', async () => {
    const dir = path.join(scratchDir(), 'net');
    expect((await cli(['init', dir, '--yes'])).code).toBe(0);
    const ours = readJson<PackageLock>(path.join(ROOT, 'package-lock.json')).packages;
    const theirs = readJson<PackageLock>(path.join(dir, 'package-lock.json')).packages;
    for (const [at, entry] of Object.entries(theirs)) {
      if (at === '' || at === 'node_modules/gwlb-blueprint') continue;
      expect({ at, version: entry.version, integrity: entry.integrity }).toEqual({ at, version: ours[at].version, integrity: ours[at].integrity });
    }
    for (const needed of ['cdktf', '@cdktf/provider-aws', 'zod', 'cdktf-cli']) expect(theirs[`node_modules/${needed}`]).toBeDefined();
    for (const devOnly of ['jest', 'typescript', '@swc/core', 'fast-check']) expect(theirs[`node_modules/${devOnly}`]).toBeUndefined();
  });

  test('.gitignore keeps every kind of Terraform state and plan out of git, and the vendored tarball in', async () => {
    const dir = path.join(scratchDir(), 'net');
    expect((await cli(['init', dir, '--yes'])).code).toBe(0);
    expect(spawnSync('git', ['init', '-q'], { cwd: dir }).status).toBe(0);
    const ignored = (file: string) => spawnSync('git', ['check-ignore', '-q', '--no-index', file], { cwd: dir }).status === 0;
    for (const file of [
      'cdktf.out/state/acme-eu-west-2-hub.tfstate',
      'state/acme-eu-west-2-hub.tfstate',
      'generated/state/acme-eu-west-2-hub.tfstate',
      'generated/stacks/acme-eu-west-2-hub/terraform.tfstate',
      'generated/stacks/acme-eu-west-2-hub/terraform.tfstate.backup',
      'other/x.tfstate.1700000000.backup',
      'generated/stacks/acme-eu-west-2-hub/.terraform/providers/x',
      'generated/stacks/acme-eu-west-2-hub/tfplan',
      'node_modules/cdktf/package.json',
      'gwlb-blueprint-0.1.0.tgz',
    ]) {
      expect({ file, ignored: ignored(file) }).toEqual({ file, ignored: true });
    }
    for (const file of [`vendor/${TARBALL}`, 'blueprint.json', 'package-lock.json', 'README.md']) expect({ file, ignored: ignored(file) }).toEqual({ file, ignored: false });
  });

  test('with --from, writes that blueprint', async () => {
    const dir = path.join(scratchDir(), 'net');
    const from = path.join(ROOT, 'examples', 'multi-region.blueprint.yaml');
    const run = await cli(['init', dir, '--yes', '--from', from]);
    expect(run.code).toBe(0);
    expect(readJson(path.join(dir, 'blueprint.json'))).toEqual(withAzSlots(readBlueprintFile(from).value as Blueprint, { 'eu-west-1': 3, 'us-east-1': 6 }));
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('s3://globex-network-state/gwlb/globex/');
  });

  test('with a --from that breaks a rule, prints the problems and exits 1', async () => {
    const parent = scratchDir();
    const bad = reference();
    bad.regions['eu-west-2'].spokes!['prod-app'].cidr = '10.255.0.0/16';
    writeFileSync(path.join(parent, 'bad.json'), JSON.stringify(bad));
    const run = await cli(['init', path.join(parent, 'net'), '--yes', '--from', path.join(parent, 'bad.json')]);
    expect(run.code).toBe(1);
    expect(run.io.stderr.join('\n')).toContain('overlaps $.regions["eu-west-2"].egress.cidr');
    expect(readdirSync(parent)).toEqual(['bad.json']);
  });
});

describe('an existing folder', () => {
  function occupied(): string {
    const dir = path.join(scratchDir(), 'net');
    mkdirSync(path.join(dir, 'cdktf.out', 'state'), { recursive: true });
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    writeFileSync(path.join(dir, 'cdktf.out', 'state', 'acme-eu-west-2-hub.tfstate'), '{"version":4}');
    writeFileSync(path.join(dir, 'package.json'), '{"name":"old"}');
    return dir;
  }

  test('that is not empty is refused without --force, before any question', async () => {
    const dir = occupied();
    const before = listTree(dir);
    const run = await initScripted({}, {}, dir);
    expect(run.error?.message).toBe(
      `${dir} exists and is not empty; nothing was written (--force writes the project files into it and leaves other files alone)`,
    );
    expect(run.prompter.asked).toEqual([]);
    expect(listTree(dir)).toEqual(before);
    expect((await cli(['init', dir, '--yes'])).code).toBe(1);
  });

  test('with --force, gets the scaffold files written over, and everything else left alone', async () => {
    const dir = occupied();
    const run = await cli(['init', dir, '--yes', '--force']);
    expect(run.code).toBe(0);
    expect(listTree(dir)).toEqual([...SCAFFOLD_FILES, 'notes.txt', 'cdktf.out/state/acme-eu-west-2-hub.tfstate'].sort());
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(path.join(dir, 'cdktf.out', 'state', 'acme-eu-west-2-hub.tfstate'), 'utf8')).toBe('{"version":4}');
    expect(readJson<{ name: string }>(path.join(dir, 'package.json')).name).toBe('acme-network');
    expect(run.io.stdout.join('\n')).toContain('package.json (replaced)');
  });

  test('rewritten by another version, says which vendored tarball is no longer used, and leaves it', async () => {
    const dir = path.join(scratchDir(), 'net');
    expect((await cli(['init', dir, '--yes'])).code).toBe(0);
    writeFileSync(path.join(dir, 'vendor', 'gwlb-blueprint-0.0.1.tgz'), 'an older generator');
    const run = await cli(['init', dir, '--yes', '--force', '--from', path.join(dir, 'blueprint.json')]);
    expect(run.code).toBe(0);
    expect(run.io.stdout.join('\n')).toContain(`vendor/gwlb-blueprint-0.0.1.tgz is no longer used (package.json now installs vendor/${TARBALL}): delete it.`);
    expect(readFileSync(path.join(dir, 'vendor', 'gwlb-blueprint-0.0.1.tgz'), 'utf8')).toBe('an older generator');
  });

  test('that holds a blueprint is refused with the command that edits it', async () => {
    const dir = path.join(scratchDir(), 'net');
    expect((await cli(['init', dir, '--yes'])).code).toBe(0);
    const run = await cli(['init', dir, '--yes']);
    expect(run.code).toBe(1);
    expect(run.io.stderr.join('\n')).toContain(`to change its network, run init ${dir} --from ${path.join(dir, 'blueprint.json')} --force`);
  });

  test('that is empty is used as it is', async () => {
    const dir = path.join(scratchDir(), 'net');
    mkdirSync(dir);
    expect((await cli(['init', dir, '--yes'])).code).toBe(0);
    expect(listTree(dir)).toEqual([...SCAFFOLD_FILES].sort());
  });

  test('a file in the way is refused', async () => {
    const dir = path.join(scratchDir(), 'net');
    writeFileSync(dir, 'x');
    const run = await cli(['init', dir, '--yes', '--force']);
    expect(run.code).toBe(1);
    expect(run.io.stderr.join('\n')).toContain('exists and is not a folder');
  });
});

describe('Ctrl-C', () => {
  test.each(['accounts[2].id', 'regions[0].egress.cidr', 'regions[0].vpnConnections[0].bgpAsn', 'state.backend'])('at %s leaves nothing behind', async (id) => {
    const parent = scratchDir();
    const run = await initScripted({ [id]: CTRL_C }, {}, path.join(parent, 'net'));
    expect(run.error?.message).toBe('aborted; nothing written');
    expect(run.prompter.asked.at(-1)!.id).toBe(id);
    expect(readdirSync(parent)).toEqual([]);
  });

  test('in an existing folder with --force leaves it as it was', async () => {
    const dir = path.join(scratchDir(), 'net');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'blueprint.json'), '{}');
    const run = await initScripted({ 'regions[0].spokes.count': CTRL_C }, { force: true }, dir);
    expect(run.error?.message).toBe('aborted; nothing written');
    expect(listTree(dir)).toEqual(['blueprint.json']);
    expect(readFileSync(path.join(dir, 'blueprint.json'), 'utf8')).toBe('{}');
  });

  test('is reported by the CLI as exit 1', async () => {
    // runInit turns Ctrl-C into a UserError; main maps every UserError to exit 1.
    const { UserError } = await import('../../src/cli/errors');
    const run = await initScripted({ name: CTRL_C });
    expect(run.error).toBeInstanceOf(UserError);
    expect(existsSync(run.dir)).toBe(false);
  });
});
