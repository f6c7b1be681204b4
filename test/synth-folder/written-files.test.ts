/**
 * The folder as a synthesis wrote it (synth-folder/files.ts): the reader sees in the
 * written files exactly what it sees on disk — the same stacks, configuration and
 * refusals — and writtenIsOnDisk tells when the disk holds anything else.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import { validateBlueprint } from '../../src/blueprint/validate';
import { readSynthFolderSync, writtenFiles, writtenIsOnDisk } from '../../src/synth-folder';
import { writeJsonStacks } from '../../src/synth/synthesize';
import { readStackAhead, stackFromJson, terraformSetOf } from '../../src/verify/terraform-json';

const ROOT = path.join(__dirname, '..', '..');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwlb-written-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every file under `folder`, relative and `/`-separated, with its text. */
function filesOnDisk(folder: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(path.join(folder, prefix)).sort()) {
    const file = prefix ? `${prefix}/${name}` : name;
    if (statSync(path.join(folder, file)).isDirectory()) for (const [f, t] of filesOnDisk(folder, file)) out.set(f, t);
    else out.set(file, readFileSync(path.join(folder, file), 'utf8'));
  }
  return out;
}

/** What the reader makes of a folder, or the refusal it gives. */
function reading(read: () => unknown): unknown {
  try {
    return { read: read() };
  } catch (err) {
    return { refused: (err as Error).message };
  }
}

function synthesizeExample(out: string): Map<string, string> {
  const model = validateBlueprint(readBlueprintFile(path.join(ROOT, 'examples', 'multi-region.blueprint.yaml')).value).model!;
  const written = new Map<string, string>();
  writeJsonStacks(model, {
    outdir: out,
    postDeployChecks: true,
    writeFile: (file, text) => {
      written.set(file, text);
      mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      writeFileSync(path.join(out, file), text);
    },
  });
  return written;
}

describe('the folder as written', () => {
  it('reads as the folder on disk does: every stack, file and merged configuration, with or without JSON parsed ahead', () => {
    const written = synthesizeExample(dir);
    // Every file the synthesis put on disk went through writeFile (the hand-off documents are written later).
    expect(new Set(written.keys())).toEqual(new Set(filesOnDisk(dir).keys()));
    expect(writtenIsOnDisk(dir, written, ['stacks'])).toBe(true);
    const fromDisk = readSynthFolderSync(dir);
    expect(fromDisk.stacks.length).toBeGreaterThan(3);
    expect(readSynthFolderSync(writtenFiles(dir, written))).toEqual(fromDisk);
    const parsed = new Map([...written].filter(([f]) => f.endsWith('.json')).map(([f, t]) => [f, JSON.parse(t) as unknown]));
    const parsedCount = parsed.size;
    expect(readSynthFolderSync(writtenFiles(dir, written, parsed))).toEqual(fromDisk);
    // Each value parsed ahead is handed out once, and every one of them was used.
    expect(parsedCount).toBeGreaterThan(3);
    expect(parsed.size).toBe(0);
  });

  it('reads a stack read ahead (as the proof thread does while the rest is written) as it reads it from disk, and uses that reading', () => {
    const written = synthesizeExample(dir);
    const parsed = new Map([...written].filter(([f]) => f.endsWith('.json')).map(([f, t]) => [f, JSON.parse(t) as unknown]));
    const ahead = new Map<string, ReturnType<typeof readStackAhead>>();
    for (const [file, json] of parsed) {
      const stack = /^stacks\/([^/]+)\/cdk\.tf\.json$/.exec(file)?.[1];
      if (stack) ahead.set(stack, readStackAhead(stack, json as Record<string, unknown>));
    }
    expect(ahead.size).toBeGreaterThan(3);
    const fromDisk = terraformSetOf(readSynthFolderSync(dir));
    const readAhead = terraformSetOf(readSynthFolderSync(writtenFiles(dir, written, parsed)));
    expect([...readAhead.stacks.values()]).toEqual([...fromDisk.stacks.values()]);
    for (const [name, stack] of ahead) expect(readAhead.stacks.get(name)!.resource).toBe(stack.resource);
  });

  it('reads a stack afresh where its folder holds more than the file read ahead', () => {
    const written = synthesizeExample(dir);
    const file = [...written.keys()].find((f) => f.endsWith('-hub/cdk.tf.json'))!;
    const name = file.split('/')[1];
    const json = JSON.parse(written.get(file)!) as { resource: Record<string, Record<string, unknown>> };
    const [type, instances] = Object.entries(json.resource).find(([, byName]) => Object.keys(byName).length > 0)!;
    const first = Object.keys(instances)[0];
    readStackAhead(name, json);
    const override = `${path.posix.dirname(file)}/z_override.tf.json`;
    const withOverride = new Map([...written, [override, JSON.stringify({ resource: { [type]: { [first]: { tags: { Name: 'overridden' } } } } })]]);
    const set = terraformSetOf(readSynthFolderSync(writtenFiles(dir, withOverride, new Map([[file, json]]))));
    expect(set.stacks.get(name)!.resource[type][first].tags).toEqual({ Name: 'overridden' });
  });

  it('reads a stack the caller changed since the last reading as it is now (only what was read ahead is reused)', () => {
    const json = { provider: { aws: [{ region: 'eu-west-2' }] }, resource: { aws_vpc: { a: { cidr_block: '10.0.0.0/16' } } } } as Record<string, unknown> & { resource: Record<string, Record<string, unknown>> };
    expect(Object.keys(stackFromJson('s', json).resource.aws_vpc)).toEqual(['a']);
    json.resource.aws_vpc.b = { cidr_block: '10.1.0.0/16' };
    expect(Object.keys(stackFromJson('s', json).resource.aws_vpc)).toEqual(['a', 'b']);
  });

  it.each([
    ['an override file beside a stack', (d: string) => writeFileSync(path.join(d, 'stacks', 'a', 'z_override.tf.json'), JSON.stringify({ resource: { aws_vpc: { v: { cidr_block: '10.9.0.0/16' } } } }))],
    ['a stack folder the manifest does not name', (d: string) => (mkdirSync(path.join(d, 'stacks', 'stray')), writeFileSync(path.join(d, 'stacks', 'stray', 'main.tf.json'), '{}'))],
    ['a stack file that is not JSON', (d: string) => writeFileSync(path.join(d, 'stacks', 'a', 'cdk.tf.json'), '{"resource": ')],
    ['a manifest naming a missing stack file', (d: string) => unlinkSync(path.join(d, 'stacks', 'a', 'cdk.tf.json'))],
    ['no manifest', (d: string) => unlinkSync(path.join(d, 'manifest.json'))],
    ['a nested folder of user data', (d: string) => (mkdirSync(path.join(d, 'stacks', 'a', 'files', 'deep'), { recursive: true }), writeFileSync(path.join(d, 'stacks', 'a', 'files', 'deep', 'x.sh'), 'echo'))],
    ['a hidden file and a skipped editor backup', (d: string) => (writeFileSync(path.join(d, 'stacks', 'a', '.hidden'), 'x'), writeFileSync(path.join(d, 'stacks', 'a', 'old.tf.json~'), '{'))],
  ])('refuses or reads %s as the disk does', (_what, change) => {
    mkdirSync(path.join(dir, 'stacks', 'a'), { recursive: true });
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: { a: { name: 'a', synthesizedStackPath: 'stacks/a/cdk.tf.json', workingDirectory: 'stacks/a' } } }));
    writeFileSync(path.join(dir, 'stacks', 'a', 'cdk.tf.json'), JSON.stringify({ resource: { aws_vpc: { v: { cidr_block: '10.0.0.0/16' } } } }));
    change(dir);
    const fromDisk = reading(() => readSynthFolderSync(dir));
    expect(reading(() => readSynthFolderSync(writtenFiles(dir, filesOnDisk(dir))))).toEqual(fromDisk);
  });

  it('answers for files and folders as the disk does, with the same error codes', () => {
    const files = writtenFiles(dir, new Map([['stacks/a/cdk.tf.json', '{}'], ['manifest.json', '{}']]));
    expect([files.exists('stacks'), files.exists('stacks/a'), files.exists('stacks/a/cdk.tf.json'), files.exists('stacks/b')]).toEqual([true, true, true, false]);
    expect([files.isFile('stacks/a'), files.isFile('stacks/a/cdk.tf.json')]).toEqual([false, true]);
    expect(files.list('.').map((e) => [e.name, e.isDirectory])).toEqual([
      ['stacks', true],
      ['manifest.json', false],
    ]);
    expect(() => files.list('stacks/b')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => files.list('manifest.json')).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => files.readText('stacks/a')).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    expect(() => files.readText('nothing.json')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('is not the folder on disk once anything else is in a stack folder, or anything written is gone', () => {
    const written = synthesizeExample(dir);
    const stack = [...written.keys()].find((f) => f.endsWith('-hub/cdk.tf.json'))!;
    writeFileSync(path.join(dir, path.dirname(stack), 'extra_override.tf.json'), '{}');
    expect(writtenIsOnDisk(dir, written, ['stacks'])).toBe(false);
    unlinkSync(path.join(dir, path.dirname(stack), 'extra_override.tf.json'));
    expect(writtenIsOnDisk(dir, written, ['stacks'])).toBe(true);
    unlinkSync(path.join(dir, stack));
    expect(writtenIsOnDisk(dir, written, ['stacks'])).toBe(false);
    expect(writtenIsOnDisk(dir, written, ['no-such-folder'])).toBe(false);
  });
});
