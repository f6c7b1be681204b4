/** Writing an output folder atomically: never half-written, never replaced without --force, never losing state. */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { memoryIo } from '../../src/util/io';
import { UserError } from '../../src/util/errors';
import { claimOutput, isWithin, type OutputOptions } from '../../src/util/atomic-output';
import { runInterruptCleanups } from '../../src/util/interrupts';

// renameSync is wrapped so that one test can make the final swap fail.
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...actual, renameSync: jest.fn(actual.renameSync) };
});
const realRename = jest.requireActual<typeof import('node:fs')>('node:fs').renameSync;

let dir: string;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(tmpdir(), 'gwlb-atomic-')));
});
afterEach(() => {
  (fs.renameSync as jest.Mock).mockImplementation(realRename);
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};
const leftovers = (at = dir) => fs.readdirSync(at).filter((f) => f.startsWith('.'));

/** Claims, stages `files`, commits and releases: one whole run. */
function writeOutput(target: string, files: Record<string, string>, options: OutputOptions = {}): void {
  const output = claimOutput(target, options);
  try {
    const staging = output.stage();
    for (const [name, text] of Object.entries(files)) write(path.join(staging, name), text);
    output.commit();
  } finally {
    output.release();
  }
}

describe('claimOutput', () => {
  it('creates a new folder only on commit, and leaves nothing on release without commit', () => {
    const target = path.join(dir, 'out');
    const output = claimOutput(target);
    write(path.join(output.stage(), 'a.json'), '{}');
    expect(fs.existsSync(target)).toBe(false);
    output.commit();
    output.release();
    expect(fs.readFileSync(path.join(target, 'a.json'), 'utf8')).toBe('{}');
    const again = claimOutput(path.join(dir, 'other'));
    again.stage();
    again.release();
    expect(fs.existsSync(path.join(dir, 'other'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('refuses to replace a non-empty folder without force, and leaves no lock behind', () => {
    const target = path.join(dir, 'out');
    write(path.join(target, 'keep.txt'), 'x');
    expect(() => claimOutput(target)).toThrow(UserError);
    expect(() => claimOutput(target)).toThrow(/exists and is not empty; nothing was written \(use --force to replace it\)/);
    expect(leftovers()).toEqual([]);
  });

  it('replaces with force and carries the kept entries (Terraform state) over', () => {
    const target = path.join(dir, 'out');
    write(path.join(target, 'stale.json'), 'old');
    write(path.join(target, 'state', 'hub.tfstate'), 'STATE');
    writeOutput(target, { 'fresh.json': 'new' }, { force: true, keep: ['state'] });
    expect(fs.readdirSync(target).sort()).toEqual(['fresh.json', 'state']);
    expect(fs.readFileSync(path.join(target, 'state', 'hub.tfstate'), 'utf8')).toBe('STATE');
    expect(leftovers()).toEqual([]);
  });

  it('keeps the previous state where it was until the new folder is in place', () => {
    const target = path.join(dir, 'out');
    write(path.join(target, 'state', 'hub.tfstate'), 'STATE');
    const seen: string[] = [];
    writeOutput(target, { 'fresh.json': 'new' }, {
      force: true,
      keep: ['state'],
      onStep: (step) => {
        const original = path.join(dir, 'out', 'state', 'hub.tfstate');
        const aside = fs.readdirSync(dir).find((f) => f.startsWith('.out.previous-'));
        const where = fs.existsSync(original) ? 'target' : aside && fs.existsSync(path.join(dir, aside, 'state', 'hub.tfstate')) ? 'previous' : 'nowhere';
        seen.push(`${step}:${where}`);
      },
    });
    expect(seen).toEqual(['copy-kept:target', 'copy-kept:target', 'verify-kept:target', 'move-aside:target', 'swap-in:previous', 'remove-previous:target']);
  });

  it('deletes the replaced folder on release, after the commit (a run reports first), and still under the lock', () => {
    const target = path.join(dir, 'out');
    write(path.join(target, 'stale.json'), 'old');
    const output = claimOutput(target, { force: true });
    write(path.join(output.stage(), 'fresh.json'), 'new');
    output.commit();
    expect(fs.readdirSync(target)).toEqual(['fresh.json']);
    expect(leftovers().sort()).toEqual(['.out.lock', `.out.previous-${process.pid}`]);
    output.release();
    expect(leftovers()).toEqual([]);
  });

  it('puts everything back when the swap fails: the old folder and its state stay where they were', () => {
    const target = path.join(dir, 'out');
    write(path.join(target, 'stale.json'), 'old');
    write(path.join(target, 'state', 'hub.tfstate'), 'STATE');
    const output = claimOutput(target, { force: true, keep: ['state'] });
    const staging = output.stage();
    write(path.join(staging, 'fresh.json'), 'new');
    (fs.renameSync as jest.Mock).mockImplementation((from: fs.PathLike, to: fs.PathLike) => {
      if (String(from) === staging) throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY', syscall: 'rename', path: staging });
      return realRename(from, to);
    });
    expect(() => output.commit()).toThrow(/cannot move .*: in use \(EBUSY\); nothing was written/);
    (fs.renameSync as jest.Mock).mockImplementation(realRename);
    output.release();
    expect(fs.readFileSync(path.join(target, 'stale.json'), 'utf8')).toBe('old');
    expect(fs.readFileSync(path.join(target, 'state', 'hub.tfstate'), 'utf8')).toBe('STATE');
    expect(leftovers()).toEqual([]);
  });

  it('removes the staging folder and the lock when interrupted (the CLI runs these cleanups on SIGINT, SIGTERM and SIGHUP)', () => {
    const output = claimOutput(path.join(dir, 'out'));
    write(path.join(output.stage(), 'half.json'), '{');
    expect(leftovers().sort()).toEqual(['.out.lock', `.out.staging-${process.pid}`]);
    runInterruptCleanups();
    expect(leftovers()).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('refuses the current folder and its parents', () => {
    expect(() => claimOutput(process.cwd(), { force: true })).toThrow(/is the current folder or one of its parents/);
    expect(() => claimOutput(path.dirname(process.cwd()), { force: true })).toThrow(/is the current folder or one of its parents/);
  });

  it('refuses an output whose parent is a file, and a name too long to stage beside, with one line each', () => {
    write(path.join(dir, 'file.txt'), 'x');
    expect(() => claimOutput(path.join(dir, 'file.txt', 'out'))).toThrow(/^cannot resolve .*file\.txt\/out: a part of the path is not a folder \(ENOTDIR\); nothing was written/);
    expect(() => claimOutput(path.join(dir, 'x'.repeat(240)))).toThrow(/the folder name is 240 bytes long; .* at most 234$/);
    expect(() => claimOutput(path.join(dir, 'y'.repeat(300)))).toThrow(/the name is too long \(ENAMETOOLONG\)/);
  });
});

describe('isWithin', () => {
  it('tells a path inside a folder from one beside it', () => {
    expect(isWithin('/a/b/c.json', '/a/b')).toBe(true);
    expect(isWithin('/a/b', '/a/b')).toBe(true);
    expect(isWithin('/a/bc/d', '/a/b')).toBe(false);
    expect(isWithin('/a', '/a/b')).toBe(false);
  });
});

describe('synth', () => {
  it('refuses an output folder that holds the blueprint, and writes nothing', async () => {
    const out = path.join(dir, 'net');
    const blueprint = path.join(out, 'blueprint.json');
    fs.mkdirSync(out);
    fs.copyFileSync(path.join(__dirname, '..', '..', 'templates', 'reference.blueprint.json'), blueprint);
    const io = memoryIo();
    expect(await main(['synth', '-b', blueprint, '-o', out, '--force'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/lies inside .* which synth replaces as a whole/);
    expect(fs.readdirSync(out)).toEqual(['blueprint.json']);
  });
});
