/**
 * The acceptance property of the data-safety issue: synth over an existing
 * output, driven with random faults (killed with SIGKILL or SIGINT at a random
 * moment, a read-only folder, a full disk), never loses anything. After each:
 * the output folder is whole (the previous one, or the new one when the run got
 * to commit) and its state/ is byte for byte what it was; no staging folder,
 * previous copy or lock is left (after the next run, for SIGKILL); the exit code
 * is 0 (it finished first), 1, 130 or 137, never 2.
 *
 * Read-only and full disks are real where a tmpfs can be mounted (root), and
 * injected otherwise (fixtures/fs-fault.js makes writes fail as they would).
 * Kept to a handful of runs (each synth of the reference takes about a second);
 * needs `npm run build`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { REFERENCE_FILE, ROOT } from '../helpers/blueprints';

const BIN = path.join(ROOT, 'bin', 'gwlb-blueprint.js');
const FS_FAULT = path.join(__dirname, 'fixtures', 'fs-fault.js');
const STATE = { 'acme-eu-west-2-hub.tfstate': '{"serial": 42, "lineage": "hub"}', 'acme-eu-west-2-egress.tfstate': '{"serial": 9}' };

type Fault = { kind: 'kill'; signal: 'SIGKILL' | 'SIGINT'; delayMs: number } | { kind: 'read-only' } | { kind: 'full-disk'; writesBefore: number };

let root: string;
let base: string;
let mountable = false;

function tryMount(at: string, options: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at], { stdio: 'ignore' }).status === 0;
}
const umount = (at: string) => spawnSync('umount', [at], { stdio: 'ignore' });

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'gwlb-faults-')));
  base = path.join(root, 'base', 'out');
  const made = cli(['synth', '-b', REFERENCE_FILE, '-o', base]);
  if (made.status !== 0) throw new Error(made.stderr);
  mkdirSync(path.join(base, 'state'));
  for (const [file, text] of Object.entries(STATE)) writeFileSync(path.join(base, 'state', file), text);
  const probe = path.join(root, 'probe');
  mkdirSync(probe);
  // GWLB_TEST_FAULTS=inject tries the injected faults where mounting would work.
  mountable = process.env.GWLB_TEST_FAULTS !== 'inject' && tryMount(probe, 'size=1m');
  if (mountable) umount(probe);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(args: string[], env: NodeJS.ProcessEnv = process.env, preload: string[] = []) {
  return spawnSync(process.execPath, [...preload, BIN, ...args], { encoding: 'utf8', env, timeout: 60_000 });
}

/** What an exit looks like to a shell: the code, or 128 + the signal. */
function exitOf(status: number | null, signal: NodeJS.Signals | null): number {
  return status ?? 128 + constants.signals[signal!];
}

function sizeOf(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const at = path.join(dir, entry.name);
    bytes += entry.isDirectory() ? 4096 + sizeOf(at) : Math.ceil(readFileSync(at).length / 4096) * 4096;
  }
  return bytes;
}

async function killAfter(out: string, signal: 'SIGKILL' | 'SIGINT', delayMs: number): Promise<number> {
  const child = spawn(process.execPath, [BIN, 'synth', '-b', REFERENCE_FILE, '-o', out, '--force'], { stdio: 'ignore' });
  const closed = new Promise<number>((resolve) => child.on('close', (code, sig) => resolve(exitOf(code, sig))));
  const timer = setTimeout(() => child.kill(signal), delayMs);
  const code = await closed;
  clearTimeout(timer);
  return code;
}

/** Runs synth --force over `out` (in `parent`) with the fault; returns the exit code. */
async function synthWith(fault: Fault, parent: string, out: string): Promise<number> {
  if (fault.kind === 'kill') return killAfter(out, fault.signal, fault.delayMs);
  const args = ['synth', '-b', REFERENCE_FILE, '-o', out, '--force'];
  if (!mountable) {
    const injected = { code: fault.kind === 'read-only' ? 'EROFS' : 'ENOSPC', dir: parent, after: fault.kind === 'read-only' ? 0 : fault.writesBefore };
    const run = cli(args, { ...process.env, GWLB_TEST_FS_FAULT: JSON.stringify(injected) }, ['-r', FS_FAULT]);
    return exitOf(run.status, run.signal);
  }
  if (fault.kind === 'read-only') {
    spawnSync('mount', ['-o', 'remount,ro', parent]);
    const run = cli(args);
    spawnSync('mount', ['-o', 'remount,rw', parent]);
    return exitOf(run.status, run.signal);
  }
  // Room for the old output and a little more: the new one cannot fit beside it.
  spawnSync('mount', ['-o', `remount,size=${sizeOf(out) + 64 * 1024}`, parent]);
  const run = cli(args);
  return exitOf(run.status, run.signal);
}

function expectWhole(out: string): void {
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  expect(Object.keys(manifest.stacks).length).toBe(7);
  for (const stack of Object.keys(manifest.stacks)) JSON.parse(readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  for (const file of ['README.md', 'diagram.mmd', 'gwlb-blueprint.intent.json']) expect(existsSync(path.join(out, file))).toBe(true);
  for (const [file, text] of Object.entries(STATE)) expect(readFileSync(path.join(out, 'state', file), 'utf8')).toBe(text);
}

const faults: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constant('kill' as const), signal: fc.constantFrom('SIGKILL' as const, 'SIGINT' as const), delayMs: fc.integer({ min: 0, max: 2500 }) }),
  fc.constant({ kind: 'read-only' as const }),
  // A synthesis of the reference makes about 25 writes: the fault comes before the last.
  fc.record({ kind: fc.constant('full-disk' as const), writesBefore: fc.integer({ min: 0, max: 20 }) }),
);

describe('synth with random faults', () => {
  let run = 0;
  it('never loses the previous output or its state, leaves nothing behind, and exits 0, 1, 130 or 137, never 2', async () => {
    await fc.assert(
      fc.asyncProperty(faults, async (fault) => {
        const parent = path.join(root, `run-${run++}`);
        mkdirSync(parent);
        const onTmpfs = mountable && fault.kind !== 'kill';
        if (onTmpfs && !tryMount(parent, 'size=16m')) throw new Error(`cannot mount a tmpfs at ${parent}`);
        try {
          const out = path.join(parent, 'out');
          cpSync(base, out, { recursive: true });
          const code = await synthWith(fault, parent, out);
          const allowed = fault.kind === 'kill' ? [0, fault.signal === 'SIGKILL' ? 137 : 130] : [1];
          expect(allowed).toContain(code);
          if (fault.kind === 'kill' && fault.signal === 'SIGKILL') {
            // The next run repairs what the killed one left (here refused: not empty, no --force).
            expect([0, 1]).toContain(cli(['synth', '-b', REFERENCE_FILE, '-o', out]).status);
          }
          expectWhole(out);
          expect(readdirSync(parent)).toEqual(['out']);
        } finally {
          if (onTmpfs) umount(parent);
        }
      }),
      { numRuns: 6, examples: [[{ kind: 'read-only' }], [{ kind: 'full-disk', writesBefore: 5 }]] },
    );
  }, 240_000);
});
