/** Writing an output folder atomically: never half-written, never replaced without --force, never losing state. */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { memoryIo } from '../../src/util/io';
import { UserError } from '../../src/util/errors';
import { isWithin, stageOutput } from '../../src/util/atomic-output';

// renameSync is wrapped so that one test can make the final swap fail.
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...actual, renameSync: jest.fn(actual.renameSync) };
});
const realRename = jest.requireActual<typeof import('node:fs')>('node:fs').renameSync;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(tmpdir(), 'gwlb-atomic-'));
});
afterEach(() => {
  (fs.renameSync as jest.Mock).mockImplementation(realRename);
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};
const leftovers = () => fs.readdirSync(dir).filter((f) => f.startsWith('.'));

describe('stageOutput', () => {
  it('creates a new folder only on commit, and leaves nothing on abort', () => {
    const target = path.join(dir, 'out');
    const staged = stageOutput(target);
    write(path.join(staged.staging, 'a.json'), '{}');
    expect(fs.existsSync(target)).toBe(false);
    staged.commit();
    expect(fs.readFileSync(path.join(target, 'a.json'), 'utf8')).toBe('{}');
    const again = stageOutput(path.join(dir, 'other'));
    again.abort();
    expect(fs.existsSync(path.join(dir, 'other'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('refuses to replace a non-empty folder without force', () => {
    const target = path.join(dir, 'out');
    write(path.join(target, 'keep.txt'), 'x');
    expect(() => stageOutput(target)).toThrow(UserError);
    expect(() => stageOutput(target)).toThrow(/exists and is not empty; nothing was written \(use --force to replace it\)/);
  });

  it('replaces with force and carries the kept entries (Terraform state) over', () => {
    const target = path.join(dir, 'out');
    write(path.join(target, 'stale.json'), 'old');
    write(path.join(target, 'state', 'hub.tfstate'), 'STATE');
    const staged = stageOutput(target, { force: true, keep: ['state'] });
    write(path.join(staged.staging, 'fresh.json'), 'new');
    staged.commit();
    expect(fs.readdirSync(target).sort()).toEqual(['fresh.json', 'state']);
    expect(fs.readFileSync(path.join(target, 'state', 'hub.tfstate'), 'utf8')).toBe('STATE');
    expect(leftovers()).toEqual([]);
  });

  it('puts everything back when the swap fails: the old folder and its state stay where they were', () => {
    const target = path.join(dir, 'out');
    write(path.join(target, 'stale.json'), 'old');
    write(path.join(target, 'state', 'hub.tfstate'), 'STATE');
    const staged = stageOutput(target, { force: true, keep: ['state'] });
    write(path.join(staged.staging, 'fresh.json'), 'new');
    (fs.renameSync as jest.Mock).mockImplementation((from: fs.PathLike, to: fs.PathLike) => {
      if (String(from) === staged.staging) throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' });
      return realRename(from, to);
    });
    expect(() => staged.commit()).toThrow('EBUSY');
    (fs.renameSync as jest.Mock).mockImplementation(realRename);
    expect(fs.readFileSync(path.join(target, 'stale.json'), 'utf8')).toBe('old');
    expect(fs.readFileSync(path.join(target, 'state', 'hub.tfstate'), 'utf8')).toBe('STATE');
  });

  it('refuses the current folder and its parents', () => {
    expect(() => stageOutput(process.cwd(), { force: true })).toThrow(/is the current folder or one of its parents/);
    expect(() => stageOutput(path.dirname(process.cwd()), { force: true })).toThrow(/is the current folder or one of its parents/);
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
