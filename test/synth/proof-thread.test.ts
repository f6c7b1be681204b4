/**
 * synth's proof thread (src/synth/proof-thread.ts) changes when things happen, never
 * what: through the built command line, with the thread and without it
 * (GWLB_PROOF_THREAD=0), the same exit code, the same words and the same folder, for
 * networks that verify and for blueprints that are refused; where the thread was not
 * told every file (cdktf's own synthesizer) the folder is proven from disk; and a
 * folder that does not verify gets from the thread verify's own report. Needs
 * `npm run build` (the thread runs the built code).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import { validateBlueprint } from '../../src/blueprint/validate';
import { errorFrom, threadErrorOf, type ProofThread, type Verdict } from '../../src/synth/proof-thread';
import { synthesizeForCli } from '../../src/synth/verified-synthesis';
import { PARALLEL_MIN_STACKS } from '../../src/synth/network-size';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateBlueprint } = require('../../bench/blueprints') as { generateBlueprint: (spokes: number) => unknown };
import { UserError, ValidationFailed } from '../../src/util/errors';
import { memoryIo } from '../../src/util/io';
import { REFERENCE_FILE, ROOT } from '../helpers/blueprints';
import { filesUnder } from '../helpers/files';

const BIN = path.join(ROOT, 'bin', 'gwlb-blueprint.js');
const MULTI_REGION = path.join(ROOT, 'examples', 'multi-region.blueprint.yaml');

let dir: string;
beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'synth', 'proof-thread-worker.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  dir = mkdtempSync(path.join(tmpdir(), 'gwlb-proof-thread-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** synth through the built CLI into `<dir>/<name>`; what it said, with the output folder's name made the same. */
function synth(name: string, args: readonly string[], env: Record<string, string> = {}) {
  const out = path.join(dir, name);
  const result = spawnSync(process.execPath, [BIN, 'synth', '-o', out, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  const same = (text: string) => text.split(out).join('<out>');
  return { out, status: result.status, stdout: same(result.stdout), stderr: same(result.stderr) };
}

describe('synth with the proof thread', () => {
  it.each([
    ['the reference blueprint', [REFERENCE_FILE], []],
    ['the multi-region example with its Reachability Analyzer stacks', [MULTI_REGION], ['--post-deploy-checks']],
  ] as const)('says and writes for %s what it does without the thread', (what, [blueprint], extra) => {
    const args = ['-b', blueprint, ...extra];
    const name = what.replace(/\W+/g, '-');
    const threaded = synth(`${name}-threaded`, args);
    const alone = synth(`${name}-alone`, args, { GWLB_PROOF_THREAD: '0' });
    expect(threaded.status).toBe(0);
    expect(threaded.stdout).toMatch(/verified: [\d,]+ AZ paths inspected as intended/);
    expect(threaded).toEqual({ ...alone, out: threaded.out });
    expect(filesUnder(threaded.out)).toEqual(filesUnder(alone.out));
  });

  it('proves on the thread (its phases are in --timings), and without it in this thread', () => {
    const threaded = synth('timed', ['-b', REFERENCE_FILE, '--timings']);
    expect(threaded.status).toBe(0);
    expect(threaded.stderr).toMatch(/^wait for the proof thread +\d+$/m);
    // The deploy order is checked by whichever thread is free first: here, or there.
    expect(threaded.stderr).toMatch(/^proof thread: blueprint read, validate, plan \d+ ms, read the folder as written \d+ ms, verify \d+ ms(, deploy order \d+ ms)?$/m);
    const deployOrderThere = /, deploy order \d+ ms$/m.test(threaded.stderr);
    expect(/^check the deploy order +\d+$/m.test(threaded.stderr)).toBe(!deployOrderThere);
    const alone = synth('timed-alone', ['-b', REFERENCE_FILE, '--timings'], { GWLB_PROOF_THREAD: '0' });
    expect(alone.stderr).toMatch(/^verify +\d+$/m);
    expect(alone.stderr).not.toMatch(/proof thread/);
  });

  it('is not started (or stopped as soon as the blueprint is named) for a blueprint that looks large: two processes write it', () => {
    const file = path.join(dir, 'large.json');
    writeFileSync(file, JSON.stringify(generateBlueprint(PARALLEL_MIN_STACKS)));
    const large = synth('large', ['-b', file, '--timings']);
    expect(large.status).toBe(0);
    expect(large.stderr).toMatch(/second process \(\d+ of \d+ stacks\)/);
    expect(large.stderr).not.toMatch(/proof thread/);
  }, 60_000);

  it("proves the folder from disk where cdktf's own synthesizer wrote stacks the thread was not told of (GWLB_CDKTF_STOCK=1)", () => {
    const stock = synth('stock', ['-b', REFERENCE_FILE, '--timings'], { GWLB_CDKTF_STOCK: '1' });
    expect(stock.status).toBe(0);
    expect(stock.stderr).toMatch(/^read the folder back +\d+$/m);
    expect(stock.stderr).toMatch(/^verify +\d+$/m);
    expect(stock.stderr).not.toMatch(/wait for the proof thread/);
    expect(filesUnder(stock.out)).toEqual(filesUnder(synth('not-stock', ['-b', REFERENCE_FILE]).out));
  });

  it.each([
    ['a blueprint that breaks rules', () => {
      const file = path.join(dir, 'overlap.json');
      const bp = JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as { regions: Record<string, { spokes: Record<string, { cidr: string }> }> };
      const spokes = Object.values(bp.regions)[0].spokes;
      const [first, second] = Object.keys(spokes);
      spokes[second].cidr = spokes[first].cidr;
      writeFileSync(file, JSON.stringify(bp, null, 2));
      return file;
    }],
    ['a blueprint that is not JSON', () => {
      const file = path.join(dir, 'broken.json');
      writeFileSync(file, '{"name": ');
      return file;
    }],
    ['a blueprint that is not there', () => path.join(dir, 'missing.json')],
  ])('refuses %s with the same exit code and words, and writes nothing', (what, blueprintFile) => {
    const file = blueprintFile();
    const name = what.replace(/\W+/g, '-');
    const threaded = synth(`${name}-threaded`, ['-b', file]);
    const alone = synth(`${name}-alone`, ['-b', file], { GWLB_PROOF_THREAD: '0' });
    expect(threaded.status).toBe(1);
    expect(threaded.stderr).toMatch(/error/);
    expect(threaded).toEqual({ ...alone, out: threaded.out });
    expect(existsSync(threaded.out)).toBe(false);
  });
});

describe('the proof thread on its own', () => {
  it('proves what verify proves (the deploy order too, where it is free first), and fails a folder that does not verify', async () => {
    // The built code: the thread runs it.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { ProofThread } = require(path.join(ROOT, 'dist', 'synth', 'proof-thread.js')) as typeof import('../../src/synth/proof-thread');
    const { readSynthFolderSync } = require(path.join(ROOT, 'dist', 'synth-folder', 'index.js')) as typeof import('../../src/synth-folder');
    const { verifySynthFolder } = require(path.join(ROOT, 'dist', 'verify', 'index.js')) as typeof import('../../src/verify');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const { out } = synth('to-break', ['-b', REFERENCE_FILE]);
    // A spoke that no longer routes anywhere: its flows are undelivered.
    const spoke = readdirSync(path.join(out, 'stacks')).find((s) => s.includes('-spoke-'))!;
    const stackFile = path.join(out, 'stacks', spoke, 'cdk.tf.json');
    const config = JSON.parse(readFileSync(stackFile, 'utf8')) as { resource: Record<string, unknown> };
    expect(config.resource.aws_route).toBeDefined();
    delete config.resource.aws_route;
    writeFileSync(stackFile, JSON.stringify(config));
    const expected = verifySynthFolder(readSynthFolderSync(out));
    expect(expected.ok).toBe(false);

    const thread = ProofThread.start(REFERENCE_FILE)!;
    try {
      const io = memoryIo();
      await thread.checkedBlueprint(io);
      for (const [file, text] of Object.entries(filesUnder(out))) thread.written(file, text);
      const proof = thread.verify(out);
      const { verdict, deployOrderOk } = await proof.result;
      // The flows fail; the deploy order of what is left still holds, and the thread, free first, checked it.
      expect(expected.deployOrder.ok).toBe(true);
      expect(verdict).toEqual({ ok: false, azPaths: expected.proof.azPaths, controls: expected.controls.length });
      expect(deployOrderOk).toBe(true);
      expect(proof.claimDeployOrder()).toBe(false);
    } finally {
      thread.stop();
    }
  });

  it('brings an error across as the thread threw it: the CLI gives the same exit and words', () => {
    const across = (err: unknown) => errorFrom(threadErrorOf(err));
    const validation = across(new ValidationFailed(3));
    expect(validation).toBeInstanceOf(ValidationFailed);
    expect(validation.message).toBe(new ValidationFailed(3).message);
    const user = across(new UserError('$.name = "x": bad'));
    expect(user).toBeInstanceOf(UserError);
    expect(user.message).toBe('$.name = "x": bad');
    const disk = across(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', syscall: 'open', path: '/x/y' }));
    expect(disk).not.toBeInstanceOf(UserError);
    expect(disk).toMatchObject({ message: 'EACCES: permission denied', code: 'EACCES', syscall: 'open', path: '/x/y' });
    expect(across('not an error')).toMatchObject({ message: 'not an error' });
  });
});

describe("synth's side of the proof (verified-synthesis.ts, synthesizeForCli)", () => {
  /** A stand-in for the thread that answers `verdict` (and, when it claims the deploy order first, `deployOrderOk`), and what it was given. */
  function fakeThread(verdict: Verdict, deployOrderOk?: boolean) {
    const given = new Map<string, string>();
    let claimedHere = false;
    const thread = {
      written: (file: string, text: string) => void given.set(file, text),
      verify: () => ({
        result: Promise.resolve({ verdict, ...(deployOrderOk !== undefined ? { deployOrderOk } : {}) }),
        claimDeployOrder: () => (claimedHere = deployOrderOk === undefined),
      }),
      stop: () => undefined,
    } as unknown as ProofThread;
    return { thread, given, claimedHere: () => claimedHere };
  }
  const model = () => validateBlueprint(readBlueprintFile(REFERENCE_FILE).value).model!;

  it("takes the thread's verdict where it and this thread's deploy-order check pass, having given it every file written", async () => {
    const out = path.join(dir, 'fake-ok');
    const fake = fakeThread({ ok: true, azPaths: 7, controls: 1 });
    const { synthesis, verdict } = await synthesizeForCli(model(), { outdir: out }, undefined, fake.thread);
    expect(verdict).toEqual({ ok: true, azPaths: 7, controls: 1 });
    const onDisk = filesUnder(out);
    const { 'README.md': readme, 'diagram.mmd': diagram, ...synthesized } = onDisk;
    expect(readme && diagram).toBeTruthy();
    expect(Object.fromEntries(fake.given)).toEqual(synthesized);
    expect(synthesis.stacks.length).toBeGreaterThan(3);
    expect(fake.claimedHere()).toBe(true);
  });

  it('leaves the deploy order to the thread where it claimed it first, and takes its answer', async () => {
    const passes = fakeThread({ ok: true, azPaths: 7, controls: 1 }, true);
    expect((await synthesizeForCli(model(), { outdir: path.join(dir, 'fake-claimed') }, undefined, passes.thread)).verdict).toEqual({ ok: true, azPaths: 7, controls: 1 });
    expect(passes.claimedHere()).toBe(false);
    // The thread says the deploy order fails: proven again here, where the folder verifies, which is a contradiction.
    const fails = fakeThread({ ok: true, azPaths: 7, controls: 1 }, false);
    await expect(synthesizeForCli(model(), { outdir: path.join(dir, 'fake-claimed-fails') }, undefined, fails.thread)).rejects.toThrow(/disagree/);
  });

  it('proves a failure again in this thread for its report, and refuses a thread that fails a folder which verifies', async () => {
    const fake = fakeThread({ ok: false, azPaths: 7, controls: 1 });
    await expect(synthesizeForCli(model(), { outdir: path.join(dir, 'fake-fails') }, undefined, fake.thread)).rejects.toThrow(/proof thread and this thread disagree/);
  });

  it("proves the folder from disk in this thread where cdktf's own synthesizer wrote stacks the thread was not told of", async () => {
    const previous = process.env.GWLB_CDKTF_STOCK;
    process.env.GWLB_CDKTF_STOCK = '1';
    try {
      const fake = fakeThread({ ok: false, azPaths: 7, controls: 1 });
      const { verdict } = await synthesizeForCli(model(), { outdir: path.join(dir, 'fake-stock') }, undefined, fake.thread);
      expect(verdict.ok).toBe(true);
      expect(verdict.azPaths).toBeGreaterThan(1000);
      expect([...fake.given.keys()].some((f) => f.endsWith('cdk.tf.json'))).toBe(false);
    } finally {
      if (previous === undefined) delete process.env.GWLB_CDKTF_STOCK;
      else process.env.GWLB_CDKTF_STOCK = previous;
    }
  });
});
