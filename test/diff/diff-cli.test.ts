/** `gwlb-blueprint diff` on the command line: its inputs (blueprints and folders), its forms and its exit codes. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { memoryIo } from '../../src/util/io';
import { REFERENCE_FILE, reference, regionOf } from '../helpers/blueprints';

let dir: string;
let jsonFolder: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-diff-cli-'));
  jsonFolder = path.join(dir, 'json');
  expect((await run('synth', '-b', REFERENCE_FILE, '-o', jsonFolder)).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('diff inputs', () => {
  it('a folder against the blueprint it was made from: no change, exit 0', async () => {
    const { code, stdout } = await run('diff', jsonFolder, REFERENCE_FILE);
    const { version } = require('../../package.json') as { version: string };
    expect(stdout).toContain(`OLD ${jsonFolder} (folder written by gwlb-blueprint ${version}, verifies)`);
    expect(stdout).toContain('no stack changes');
    expect(stdout).toContain('Safe to apply (exit 0)');
    expect(code).toBe(0);
  });

  it('the same synthesis as JSON and as HCL: no resource differs (HCL is parsed as Terraform would)', async () => {
    const hclFolder = path.join(dir, 'hcl');
    expect((await run('synth', '-b', REFERENCE_FILE, '-o', hclFolder, '--hcl')).code).toBe(0);
    const { code, stdout } = await run('diff', '--json', jsonFolder, hclFolder);
    const result = JSON.parse(stdout) as { ok: boolean; stacks: { resources: unknown[]; providers: unknown[] }[] };
    expect(result.stacks.flatMap((s) => [...s.resources, ...s.providers])).toEqual([]);
    expect(code).toBe(0);
  });

  it('a change that loses inspection exits 3, in every form', async () => {
    const bp = reference();
    regionOf(bp).inspection = { eastWest: false };
    const file = write('east-west-off.json', bp);
    const text = await run('diff', REFERENCE_FILE, file);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('Newly uninspected');
    const json = await run('diff', '--json', REFERENCE_FILE, file);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).ok).toBe(false);
    const markdown = await run('diff', '--markdown', REFERENCE_FILE, file);
    expect(markdown.code).toBe(3);
    expect(markdown.stdout).toMatch(/^## gwlb-blueprint diff/);
  });
});

describe('bad input exits 1 and names it', () => {
  it('a path that does not exist', async () => {
    const { code, stderr } = await run('diff', path.join(dir, 'nope.json'), REFERENCE_FILE);
    expect(code).toBe(1);
    expect(stderr).toContain(`error: OLD "${path.join(dir, 'nope.json')}" is neither a blueprint file nor a folder written by synth: it does not exist`);
  });

  it('a blueprint that breaks a rule', async () => {
    const bp = reference();
    regionOf(bp).spokes!['prod-app'].cidr = '10.10.0.1/16';
    const { code, stderr } = await run('diff', REFERENCE_FILE, write('bad.json', bp));
    expect(code).toBe(1);
    expect(stderr).toContain('$.regions["eu-west-2"].spokes["prod-app"].cidr = "10.10.0.1/16"');
  });

  it('a folder that is not a synthesis', async () => {
    const empty = mkdtempSync(path.join(dir, 'empty-'));
    const { code, stderr } = await run('diff', empty, REFERENCE_FILE);
    expect(code).toBe(1);
    expect(stderr).toContain('holds no manifest.json');
  });

  it('--json and --markdown together', async () => {
    const { code, stderr } = await run('diff', '--json', '--markdown', REFERENCE_FILE, REFERENCE_FILE);
    expect(code).toBe(1);
    expect(stderr).toContain('--json and --markdown exclude each other');
  });
});
