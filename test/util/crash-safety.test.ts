/**
 * The commit is crash-safe for state/ at every step: a child process commits a
 * new output over an old one and SIGKILLs itself at step n (before each commit
 * step and after each state file copied), for every n. After each kill, the next
 * run puts things right: the output folder is the old one or the new one, whole,
 * its state/ byte for byte what it was, and nothing of the killed run is left
 * (staging, previous copy, lock). Needs `npm run build` (the child runs dist/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { claimOutput } from '../../src/util/atomic-output';

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const CHILD = path.join(__dirname, 'fixtures', 'commit-child.js');

const STATE = { 'hub.tfstate': '{"serial": 7, "resources": ["tgw"]}', 'egress.tfstate': '{"serial": 3}', 'nested/spoke.tfstate': '{"serial": 1}' };

let dir: string;
beforeAll(() => {
  if (!existsSync(path.join(DIST, 'util', 'atomic-output.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'gwlb-crash-')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function oldOutput(target: string): void {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.join(target, 'stacks'), { recursive: true });
  writeFileSync(path.join(target, 'stacks', 'hub.tf.json'), '{"old": true}');
  writeFileSync(path.join(target, 'manifest.json'), '{"version": "old"}');
  for (const [file, text] of Object.entries(STATE)) {
    mkdirSync(path.dirname(path.join(target, 'state', file)), { recursive: true });
    writeFileSync(path.join(target, 'state', file), text);
  }
}

function runChild(target: string, killAt: number) {
  const result = spawnSync(process.execPath, [CHILD, DIST, target, String(killAt)], { encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return result;
}

/** The next run's start: claiming the folder repairs what the killed run left. */
function nextRun(target: string): string[] {
  const output = claimOutput(target, { force: true });
  output.release();
  return [...output.notices];
}

function whichOutput(target: string): 'old' | 'new' {
  const manifest = JSON.parse(readFileSync(path.join(target, 'manifest.json'), 'utf8')) as { version: 'old' | 'new' };
  const hub = JSON.parse(readFileSync(path.join(target, 'stacks', 'hub.tf.json'), 'utf8')) as Record<string, boolean>;
  // Whole: the stack matches the manifest it came with.
  expect(hub[manifest.version]).toBe(true);
  expect(readdirSync(target).sort()).toEqual(['manifest.json', 'stacks', 'state']);
  return manifest.version;
}

describe('a run killed at any step of the commit', () => {
  it('never loses state/, and the next run leaves the old or the new output, whole, and nothing else', () => {
    const target = path.join(dir, 'out');
    oldOutput(target);
    const clean = runChild(target, 0);
    expect(clean.status).toBe(0);
    const steps = Number(clean.stdout);
    // copy-kept, one per state file, verify-kept, move-aside, swap-in, remove-previous
    expect(steps).toBe(4 + Object.keys(STATE).length + 1);

    const outcomes: string[] = [];
    for (let killAt = 1; killAt <= steps; killAt++) {
      oldOutput(target);
      const killed = runChild(target, killAt);
      expect(killed.signal).toBe('SIGKILL');
      const notices = nextRun(target);
      expect(readdirSync(dir)).toEqual(['out']);
      for (const [file, text] of Object.entries(STATE)) expect(readFileSync(path.join(target, 'state', file), 'utf8')).toBe(text);
      outcomes.push(`${killAt}:${whichOutput(target)}:${notices.length > 0 ? 'repaired' : 'clean'}`);
    }
    // Until the swap the old output stands (killed after moving it aside, it is put back); from the swap on, the new one.
    // Every kill left something (a staging folder, a lock, the previous copy) that the next run removed.
    const swapIn = steps - 1;
    expect(outcomes).toEqual(Array.from({ length: steps }, (_, i) => `${i + 1}:${i + 1 <= swapIn ? 'old' : 'new'}:repaired`));
  }, 120_000);
});
