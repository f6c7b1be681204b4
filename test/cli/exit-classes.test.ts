/**
 * Bad input or a hostile environment ends a command with exit 1 and one line
 * naming what and where, never a stack trace (issue: exit classes): nesting
 * thousands deep, an output folder that cannot be written or whose name is too
 * long, a terminal closed in the middle of the wizard, stdout to a full device.
 * The child-process tests need `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { memoryIo } from '../../src/util/io';
import { REFERENCE_FILE, ROOT } from '../helpers/blueprints';

const BIN = path.join(ROOT, 'bin', 'gwlb-blueprint.js');
const TMUX_FOUND = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;

let dir: string;
beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'gwlb-exit-')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr };
}

/** Lines that are neither warnings about the blueprint nor notes: what the refusal said. */
const said = (lines: readonly string[]) => lines.join('\n').split('\n').filter((l) => l && !/(^|: )warning \$/.test(l));

describe('deeply nested input', () => {
  it.each([
    ['objects', 'net.json', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`, /^error: .*net\.json:1:161: malformed JSON: nested more than 32 levels deep/],
    ['arrays', 'net.json', `${'['.repeat(5000)}${']'.repeat(5000)}`, /^error: .*net\.json:1:33: malformed JSON: nested more than 32 levels deep/],
    ['YAML flow sequences', 'net.yaml', `x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /^error: .*net\.yaml:\d+:\d+: malformed YAML: nested more than 32 levels deep/],
  ])('%s thousands deep: exit 1, one line with the position (was exit 2, "Maximum call stack size exceeded")', async (_what, name, text, expected) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const result = await run('validate', '-b', file);
    expect(result.code).toBe(1);
    expect(said(result.stderr)).toHaveLength(1);
    expect(said(result.stderr)[0]).toMatch(expected);
  });
});

describe('an output folder that cannot be written', () => {
  it.each([
    ['under a file', () => path.join(dir, 'a-file', 'out'), /^error: cannot resolve .*a-file\/out: a part of the path is not a folder \(ENOTDIR\); nothing was written/],
    ['with a name over 255 bytes', () => path.join(dir, 'x'.repeat(300)), /^error: cannot resolve .*: the name is too long \(ENAMETOOLONG\); nothing was written/],
    ['with a name too long to stage beside it', () => path.join(dir, 'y'.repeat(240)), /^error: .*: the folder name is 240 bytes long; .* at most 234$/],
    ['in a file system that takes no new files (/proc)', () => '/proc/gwlb-out', /^error: cannot open \/proc\/\.gwlb-out\.lock-\d+\.tmp: no such file or folder \(ENOENT\); nothing was written/],
  ])('%s: exit 1 with one line (was exit 2)', async (_what, out, expected) => {
    writeFileSync(path.join(dir, 'a-file'), 'x');
    const result = await run('synth', '-b', REFERENCE_FILE, '-o', out());
    expect(result.code).toBe(1);
    expect(said(result.stderr)).toHaveLength(1);
    expect(said(result.stderr)[0]).toMatch(expected);
  });
});

describe('other outputs that cannot be written', () => {
  it.each([
    ['diagram -o under a file', () => ['diagram', '-b', REFERENCE_FILE, '-o', path.join(dir, 'a-file', 'net.mmd')], /^error: cannot create .*a-file: already exists \(EEXIST\); nothing was written$/],
    ['diagram -o in /proc', () => ['diagram', '-b', REFERENCE_FILE, '-o', '/proc/gwlb-net.mmd'], /^error: cannot open \/proc\/\.gwlb-net\.mmd\.tmp-\d+: no such file or folder \(ENOENT\); nothing was written$/],
    ['init under a file', () => ['init', path.join(dir, 'a-file', 'project'), '--yes'], /^error: cannot resolve .*a-file\/project: a part of the path is not a folder \(ENOTDIR\); nothing was written$/],
  ])('%s: exit 1 with one line (was exit 2)', async (_what, argv, expected) => {
    writeFileSync(path.join(dir, 'a-file'), 'x');
    const result = await run(...argv());
    expect(result.code).toBe(1);
    expect(said(result.stderr)).toHaveLength(1);
    expect(said(result.stderr)[0]).toMatch(expected);
  });
});

describe('standard output to a full device', () => {
  (existsSync('/dev/full') ? it : it.skip)('exits 1 with one line on stderr, no trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [BIN, 'validate', '-b', REFERENCE_FILE], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 30_000 });
      expect(result.status).toBe(1);
      expect(said(result.stderr.split('\n'))).toEqual(['error: cannot write to standard output: no space left on the device (ENOSPC)']);
    } finally {
      closeSync(full);
    }
  });
});

describe('the terminal closed in the middle of the wizard', () => {
  if (!TMUX_FOUND) process.stderr.write('test/cli/exit-classes.test.ts: the closed-terminal test is skipped, tmux is not installed\n');
  (TMUX_FOUND ? it : it.skip)('exits 1 with one line, not SIGABRT and a native stack trace, and writes nothing', async () => {
    const session = `gwlb-hangup-${process.pid}`;
    const result = path.join(dir, 'result.json');
    const stderr = path.join(dir, 'stderr.txt');
    const target = path.join(dir, 'project');
    const wrapper = path.join(__dirname, 'fixtures', 'hangup-wrapper.js');
    const command = [process.execPath, wrapper, result, stderr, BIN, 'init', target].map((a) => `'${a}'`).join(' ');
    expect(spawnSync('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '40', command]).status).toBe(0);
    try {
      let screen = '';
      for (let i = 0; i < 300 && !screen.includes('Network name'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        screen = spawnSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' }).stdout ?? '';
      }
      expect(screen).toContain('Network name');
    } finally {
      spawnSync('tmux', ['kill-session', '-t', session]);
    }
    for (let i = 0; i < 200 && !existsSync(result); i++) await new Promise((r) => setTimeout(r, 50));
    expect(JSON.parse(readFileSync(result, 'utf8'))).toEqual({ code: 1, signal: null });
    const lines = readFileSync(stderr, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: the terminal closed/);
    expect(existsSync(target)).toBe(false);
  }, 60_000);
});
