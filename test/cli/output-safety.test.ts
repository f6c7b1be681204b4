/**
 * synth never loses or moves what is not its own (issue: data safety): guards on
 * real paths (links resolved), one run per folder at a time, and no leftovers
 * when a run is stopped by a signal. The child-process tests need `npm run build`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { memoryIo } from '../../src/util/io';
import { REFERENCE_FILE, ROOT } from '../helpers/blueprints';

const BIN = path.join(ROOT, 'bin', 'gwlb-blueprint.js');

let dir: string;
let base: string;
beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'gwlb-safety-')));
  // One synthesis, copied wherever a test needs an existing output.
  base = path.join(dir, 'base');
  expect((await run('synth', '-b', REFERENCE_FILE, '-o', base)).code).toBe(0);
  mkdirSync(path.join(base, 'state'));
  writeFileSync(path.join(base, 'state', 'acme-eu-west-2-hub.tfstate'), '{"serial": 42}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

function existingOutput(name: string): string {
  const out = path.join(dir, name);
  cpSync(base, out, { recursive: true });
  return out;
}

const stateOf = (out: string) => readFileSync(path.join(out, 'state', 'acme-eu-west-2-hub.tfstate'), 'utf8');
const dotted = (at: string) => readdirSync(at).filter((f) => f.startsWith('.'));

describe('symbolic links', () => {
  it('synth -b alias/blueprint.json -o p --force, with alias a link to p, is refused and deletes nothing', async () => {
    const p = existingOutput('p-alias');
    cpSync(REFERENCE_FILE, path.join(p, 'blueprint.json'));
    symlinkSync(p, path.join(dir, 'alias'));
    const result = await run('synth', '-b', path.join(dir, 'alias', 'blueprint.json'), '-o', p, '--force');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the blueprint .*alias\/blueprint\.json lies inside .*p-alias, which synth replaces as a whole/);
    expect(existsSync(path.join(p, 'blueprint.json'))).toBe(true);
    expect(stateOf(p)).toBe('{"serial": 42}');
  });

  it('refuses a blueprint that is a link inside the output folder (the link would go with the folder)', async () => {
    const p = existingOutput('p-linked');
    symlinkSync(REFERENCE_FILE, path.join(p, 'blueprint.json'));
    const result = await run('synth', '-b', path.join(p, 'blueprint.json'), '-o', p, '--force');
    expect(result.code).toBe(1);
    expect(lstatSync(path.join(p, 'blueprint.json')).isSymbolicLink()).toBe(true);
  });

  it('-o link --force replaces the folder the link points to, keeps the link, and keeps state/ in the real folder', async () => {
    const real = existingOutput('real-out');
    const link = path.join(dir, 'link-out');
    symlinkSync(real, link);
    const result = await run('synth', '-b', REFERENCE_FILE, '-o', link, '--force');
    expect(result.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(stateOf(real)).toBe('{"serial": 42}');
    expect(existsSync(path.join(real, 'manifest.json'))).toBe(true);
    expect(dotted(dir)).toEqual([]);
  });

  it('refuses -o a link that leads nowhere instead of replacing it', async () => {
    const link = path.join(dir, 'dangling');
    symlinkSync(path.join(dir, 'nowhere'), link);
    const result = await run('synth', '-b', REFERENCE_FILE, '-o', link);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/dangling is a symbolic link to .*nowhere, which does not exist; nothing was written/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});

describe('one run per output folder', () => {
  it('refuses a second synth while the first holds the folder, with a lock beside it, not inside', async () => {
    const out = existingOutput('busy');
    const first = spawn(process.execPath, [BIN, 'synth', '-b', REFERENCE_FILE, '-o', out, '--force'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lock = path.join(dir, '.busy.lock');
    const done = new Promise<number | null>((resolve) => first.on('close', resolve));
    for (let i = 0; i < 400 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(lock)).toBe(true);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: first.pid, host: hostname() });
    const second = await run('synth', '-b', REFERENCE_FILE, '-o', out, '--force');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`error: ${out} is being written by another gwlb-blueprint (pid ${first.pid} on ${hostname()}`);
    expect(await done).toBe(0);
    expect(dotted(dir)).toEqual([]);
    expect(stateOf(out)).toBe('{"serial": 42}');
  }, 60_000);

  it('takes over a lock whose process has ended', async () => {
    const out = existingOutput('stale');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(dir, '.stale.lock'), JSON.stringify({ pid: Number(gone.stdout), host: hostname(), started: '2020-01-01T00:00:00.000Z' }));
    const result = await run('synth', '-b', REFERENCE_FILE, '-o', out, '--force');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`note: took over the lock of pid ${gone.stdout}, which has ended`);
    expect(dotted(dir)).toEqual([]);
  });
});

describe('signals', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 1],
  ] as const)('%s during synth: exit %i with one line, no staging folder or lock left, the previous output and its state untouched', async (signal, code) => {
    const out = existingOutput(`signal-${signal}`);
    const before = readFileSync(path.join(out, 'manifest.json'), 'utf8');
    const child = spawn(process.execPath, [BIN, 'synth', '-b', REFERENCE_FILE, '-o', out, '--force'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    const staging = path.join(dir, `.signal-${signal}.staging-${child.pid}`);
    for (let i = 0; i < 400 && !existsSync(staging); i++) await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(staging)).toBe(true);
    child.kill(signal);
    expect(await closed).toEqual([code, null]);
    const lines = stderr.trim().split('\n').filter((l) => !l.includes(': warning $'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: (interrupted|terminated|the terminal closed) \(SIG[A-Z]+\); every unfinished write was undone$/);
    expect(dotted(dir)).toEqual([]);
    expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(stateOf(out)).toBe('{"serial": 42}');
  }, 60_000);

  it('cleans a staging folder left by a killed run at the next run', async () => {
    const out = existingOutput('killed');
    const child = spawn(process.execPath, [BIN, 'synth', '-b', REFERENCE_FILE, '-o', out, '--force'], { stdio: 'ignore' });
    const closed = new Promise((resolve) => child.on('close', resolve));
    const staging = path.join(dir, `.killed.staging-${child.pid}`);
    for (let i = 0; i < 400 && !existsSync(staging); i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await closed;
    expect(existsSync(staging)).toBe(true);
    const next = await run('synth', '-b', REFERENCE_FILE, '-o', out);
    expect(next.code).toBe(1); // not empty, no --force: but the leftovers are gone
    expect(next.stderr).toContain(`note: removed ${staging}, the unfinished output of a run (pid ${child.pid}) that was stopped`);
    expect(dotted(dir)).toEqual([]);
    expect(stateOf(out)).toBe('{"serial": 42}');
  }, 60_000);
});

describe('init', () => {
  const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

  it('writes into the folder a link points to, and keeps the link', async () => {
    const real = path.join(dir, 'project-real');
    mkdirSync(real);
    const link = path.join(dir, 'project-link');
    symlinkSync(real, link);
    expect((await run('init', link, '--yes')).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(real, 'blueprint.json'))).toBe(true);
  });

  it('removes the staging folders of an init that was killed, beside a new folder and inside an existing one', async () => {
    const pid = deadPid();
    const beside = path.join(dir, `.fresh-project.init-${pid}`);
    mkdirSync(beside);
    expect((await run('init', path.join(dir, 'fresh-project'), '--yes')).code).toBe(0);
    expect(existsSync(beside)).toBe(false);
    const inside = path.join(dir, 'fresh-project', `.gwlb-blueprint-init-${pid}`);
    mkdirSync(inside);
    expect((await run('init', path.join(dir, 'fresh-project'), '--yes', '--force')).code).toBe(0);
    expect(existsSync(inside)).toBe(false);
  });
});
