/**
 * Synthesis on two processes (src/synth/partition.ts) writes what one process
 * writes, byte for byte: in this process with two Apps and any split of the
 * stacks (the exchange of cross-stack outputs both ways), and through the
 * command line at the size where it starts, with a real second process. The
 * Reachability Analyzer stacks (--post-deploy-checks) and central flow logs are
 * among them: their remote-state reads become manifest dependencies whichever
 * process writes the reading stack.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import type { NetworkModel } from '../../src/blueprint/model';
import { validateBlueprint } from '../../src/blueprint/validate';
import { AppSynthesis } from '../../src/cdk/core';
import { PARALLEL_MIN_STACKS, planPartition, stackCount, stackWeight } from '../../src/synth/partition';
import { plannedStacks } from '../../src/stacks/network-app';
import { finishStacks, generatorRecord, networkApp, synthesizeNetwork, withStateReads, writeIntent } from '../../src/synth/synthesize';
import { MANIFEST_FILE } from '../../src/synth-folder';
import { filesUnder } from '../helpers/files';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateBlueprint } = require('../../bench/blueprints') as { generateBlueprint: (spokes: number) => unknown };

const ROOT = path.join(__dirname, '..', '..');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwlb-partition-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function kindOf(stack: string): string {
  return /-hub$/.test(stack) ? 'hub' : /-egress$/.test(stack) ? 'egress' : /-peering-/.test(stack) ? 'peering' : /-post-deploy-checks$/.test(stack) ? 'post-deploy-checks' : /-dmz-/.test(stack) ? 'dmz' : 'spoke';
}

function exampleModel(file: string): NetworkModel {
  return validateBlueprint(readBlueprintFile(path.join(ROOT, file)).value).model!;
}

/**
 * What the two processes do, with two Apps in this process: `second` picks the second one's stacks,
 * and each App constructs only the stacks it writes and what they take references to.
 */
function twoApps(model: NetworkModel, outdir: string, postDeployChecks: boolean, second: (stack: string, index: number) => boolean): void {
  const names = plannedStacks(model, { postDeployChecks }).map((s) => s.name);
  const theirs = new Set(names.filter(second));
  const a = networkApp(model, { outdir, postDeployChecks }, false, (stack) => !theirs.has(stack));
  const b = networkApp(model, { outdir, postDeployChecks }, false, (stack) => theirs.has(stack));
  const first = new AppSynthesis(a.app, (s) => !theirs.has(s.node.id));
  const other = new AppSynthesis(b.app, (s) => theirs.has(s.node.id));
  first.prepare();
  other.prepare();
  const fromFirst = first.outgoingReferences();
  const fromOther = other.outgoingReferences();
  first.addIncomingReferences(fromOther);
  other.addIncomingReferences(fromFirst);
  first.synthesize();
  other.synthesize();
  finishStacks(outdir, a.stacks.filter((s) => !theirs.has(s.node.id)));
  finishStacks(outdir, b.stacks.filter((s) => theirs.has(s.node.id)));
  writeIntent(outdir, model);
  const entries = {
    ...withStateReads(first.manifestEntries(), a.stacks.filter((s) => !theirs.has(s.node.id))),
    ...withStateReads(other.manifestEntries(), b.stacks.filter((s) => theirs.has(s.node.id))),
  };
  writeFileSync(path.join(outdir, MANIFEST_FILE), first.manifestJson(entries, generatorRecord(model)));
}

describe('two processes', () => {
  it.each([
    ['examples/five-regions.blueprint.json', false],
    // Central flow logs, and a Reachability Analyzer stack per region reading other stacks' states.
    ['examples/multi-region.blueprint.yaml', true],
  ] as const)(
    'write %s (post-deploy checks: %s) as one does, whichever stacks each takes, cross-stack outputs traded both ways',
    (file, postDeployChecks) => {
      const model = exampleModel(file);
      const single = path.join(dir, 'single');
      synthesizeNetwork(model, { outdir: single, postDeployChecks });
      const expected = filesUnder(single);
      if (postDeployChecks) {
        const manifest = JSON.parse(expected[MANIFEST_FILE]) as { stacks: Record<string, { dependencies: string[] }> };
        const checks = Object.keys(manifest.stacks).filter((s) => s.endsWith('-post-deploy-checks'));
        expect(checks).toHaveLength(model.regions.length);
        for (const s of checks) expect(manifest.stacks[s].dependencies.length).toBeGreaterThan(0);
      }
      for (const [split, second] of [
        ['every other stack', (_: string, i: number) => i % 2 === 1],
        ['the hubs and the peerings', (s: string) => /-hub$|-peering-/.test(s)],
        // What planPartition gives the worker: the end of the deploy order, where the checks stacks are.
        ['the last stacks', (_: string, i: number) => i >= 5],
      ] as const) {
        const out = path.join(dir, split.replace(/ /g, '-'));
        twoApps(model, out, postDeployChecks, second);
        // The hand-off documents are written from the folder read back, after both processes: not compared here.
        const { 'README.md': readme, 'diagram.mmd': diagram, ...synthesized } = expected;
        expect(readme && diagram).toBeTruthy();
        expect(filesUnder(out)).toEqual(synthesized);
      }
    },
  );

  it('give the worker spokes from the end of the deploy order by weight, never a hub, an egress VPC, a DMZ, a peering or the first stack', () => {
    const stacks = [
      { name: 'hub', weight: 20, movable: false },
      { name: 'egress', weight: 150, movable: false },
      ...Array.from({ length: 10 }, (_, i) => ({ name: `spoke-${i}`, weight: 40, movable: true })),
      { name: 'peering', weight: 30, movable: false },
    ];
    const theirs = planPartition(stacks, 0.45);
    // 600 in all; 45% is 270: six spokes of 40, the peering passed over.
    expect([...theirs].sort()).toEqual(['spoke-4', 'spoke-5', 'spoke-6', 'spoke-7', 'spoke-8', 'spoke-9']);
    expect(planPartition([{ name: 'only', weight: 1, movable: true }], 1)).toEqual(new Set());
  });

  it.each(['templates/reference.blueprint.json', 'examples/five-regions.blueprint.json', 'examples/multi-region.blueprint.yaml', 'examples/single-account.blueprint.json'])(
    'know the stacks of %s, in deploy order, before constructing any; and construct a spoke only where it is written or a peering needs it',
    (file) => {
      const model = exampleModel(file);
      const postDeployChecks = model.postDeployChecks !== undefined;
      const planned = plannedStacks(model, { postDeployChecks });
      const { stacks } = networkApp(model, { outdir: dir, postDeployChecks }, false);
      expect(planned.map((s) => s.name)).toEqual(stacks.map((s) => s.node.id));
      expect(planned.map((s) => s.kind)).toEqual(stacks.map((s) => kindOf(s.node.id)));
      // The measure of a stack's work stays near its construct nodes (within a factor of two), so the split stays balanced.
      for (const [i, s] of planned.entries()) {
        const nodes = stacks[i].node.findAll().length;
        expect(stackWeight(s) / nodes).toBeGreaterThan(0.5);
        expect(stackWeight(s) / nodes).toBeLessThan(2);
      }
      const spokes = planned.filter((s) => s.kind === 'spoke').map((s) => s.name);
      const one = spokes[spokes.length - 1];
      const onlyOne = networkApp(model, { outdir: dir, postDeployChecks }, false, (stack) => stack === one).stacks.map((s) => s.node.id);
      const producers = planned.filter((s) => ['hub', 'egress', 'dmz'].includes(s.kind)).map((s) => s.name);
      expect(onlyOne).toEqual(planned.filter((s) => producers.includes(s.name) || s.name === one).map((s) => s.name));
      const peering = planned.find((s) => s.kind === 'peering')?.name;
      if (peering) {
        const withPeering = networkApp(model, { outdir: dir, postDeployChecks }, false, (stack) => stack === peering).stacks.map((s) => s.node.id);
        expect(withPeering).toEqual(planned.filter((s) => s.kind !== 'peering' && s.kind !== 'post-deploy-checks').map((s) => s.name).concat(peering));
      }
    },
  );

  it('start at PARALLEL_MIN_STACKS stacks through the command line (central flow logs and post-deploy checks on), and write what one process writes', () => {
    const blueprint = path.join(dir, 'large.json');
    // generateBlueprint: a hub, an egress VPC, a DMZ and the spokes; the checks add a stack.
    const large = generateBlueprint(PARALLEL_MIN_STACKS - 4) as { accounts: Record<string, unknown> };
    large.accounts['log-archive'] = { id: '100000000099' };
    Object.assign(large, { centralFlowLogs: { account: 'log-archive', bucket: 'bench-flow-logs', prefix: 'network' }, postDeployChecks: { account: 'network' } });
    writeFileSync(blueprint, JSON.stringify(large));
    expect(stackCount(validateBlueprint(large).model!, true)).toBe(PARALLEL_MIN_STACKS);
    const cli = (out: string, env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin', 'gwlb-blueprint.js'), 'synth', '-b', blueprint, '-o', out, '--post-deploy-checks', '--timings'], {
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, ...env },
      });
    const two = cli(path.join(dir, 'two'));
    expect(two.status).toBe(0);
    expect(two.stderr).toMatch(/second process \(\d+ of 150 stacks\)/);
    // Where two processes write, the folder is proven from disk here: the proof thread, where it was started
    // (the blueprint looked smaller than it is: src/synth/network-size.ts), only checked the blueprint.
    expect(two.stderr).toMatch(/^verify +\d+$/m);
    expect(two.stderr).not.toMatch(/proof thread: .*verify/);
    const one = cli(path.join(dir, 'one'), { GWLB_SYNTH_PROCESSES: '1' });
    expect(one.status).toBe(0);
    expect(one.stderr).not.toMatch(/second process/);
    expect(filesUnder(path.join(dir, 'two'))).toEqual(filesUnder(path.join(dir, 'one')));
    // The checks stack, last in the deploy order, is the second process's; its state reads are still dependencies.
    const manifest = JSON.parse(readFileSync(path.join(dir, 'two', MANIFEST_FILE), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
    expect(manifest.stacks['bench-eu-west-2-post-deploy-checks'].dependencies).toEqual(expect.arrayContaining(['bench-eu-west-2-egress', 'bench-eu-west-2-hub']));
  }, 120_000);

  it("fail with the second process's error as it was (a file system error stays one), and leave no process behind", async () => {
    // The build: under jest the worker's code is TypeScript, which no second process can run.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const built = require(path.join(ROOT, 'dist', 'synth', 'partition.js')) as typeof import('../../src/synth/partition');
    const model = validateBlueprint(generateBlueprint(PARALLEL_MIN_STACKS - 3)).model!;
    const out = path.join(dir, 'out');
    // The last spoke is the worker's; a file where its folder goes makes its write fail.
    const last = `bench-eu-west-2-spoke-spoke-${PARALLEL_MIN_STACKS - 4}`;
    mkdirSync(path.join(out, 'stacks'), { recursive: true });
    writeFileSync(path.join(out, 'stacks', last), 'in the way');
    const children = () => spawnSync('pgrep', ['-P', String(process.pid), '-f', 'partition-worker'], { encoding: 'utf8' }).stdout.trim();
    await expect(built.synthesizeNetworkInParallel(model, { outdir: out })).rejects.toMatchObject({ code: 'ENOTDIR', path: expect.stringContaining(last) });
    expect(children()).toBe('');
  }, 60_000);
});
