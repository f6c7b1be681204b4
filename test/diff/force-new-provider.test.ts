/**
 * The force-new table (src/diff/force-new.ts) against the real AWS provider:
 * the old configuration of a stack "applied" on paper (src/terraform/state-from-plan.ts),
 * the new one planned over it offline, and the provider's own `replace_paths`
 * compared with what `diff` says.
 *
 * `npm test` runs one stack: a spoke whose CIDR changes (the VPC, its subnets and
 * everything that reads them follow) while a new tag changes the rest in place.
 * `npm run force-new:check` (GWLB_FORCE_NEW_ALL=1) changes every attribute
 * gwlb-blueprint writes, of every resource type, one at a time per resource, in the
 * stacks of every example, and checks each against the table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import type { Blueprint } from '../../src/blueprint/schema';
import { validateBlueprint } from '../../src/blueprint/validate';
import { forcesReplacement, FORCE_NEW } from '../../src/diff/force-new';
import { markReplacements } from '../../src/diff/replacement';
import { diffStacks } from '../../src/diff/resources';
import { synthesizeNetwork } from '../../src/synth/synthesize';
import type { SynthFolder } from '../../src/synth-folder';
import { contextOf } from '../../src/terraform/mock-values';
import { offlineConfig } from '../../src/terraform/offline-config';
import { isReplacement, planReplacements, type PlannedChange } from '../../src/terraform/replace-plan';
import { defaultProvider, readSynthesis, stacksOf, type Synthesis } from '../../src/terraform/synthesis';
import { terraformSetOf } from '../../src/verify/terraform-json';
import { attributePaths, isFixed, mutate } from './force-new-mutations';
import { withTerraform } from '../terraform/with-terraform';

const ROOT = path.resolve(__dirname, '..', '..');
const ALL = process.env.GWLB_FORCE_NEW_ALL === '1';

let outRoot: string;
beforeAll(() => {
  outRoot = mkdtempSync(path.join(os.tmpdir(), 'gwlb-force-new-'));
});
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

function synthesize(bp: unknown, name: string): { dir: string; folder: SynthFolder; synthesis: Synthesis } {
  const result = validateBlueprint(bp);
  if (!result.model) throw new Error(JSON.stringify(result.problems.filter((p) => p.severity === 'error')));
  const dir = path.join(outRoot, name);
  // A blueprint that names where the Reachability Analyzer paths go is synthesized with them.
  const { folder } = synthesizeNetwork(result.model, { outdir: dir, postDeployChecks: result.model.postDeployChecks !== undefined });
  return { dir, folder, synthesis: readSynthesis(dir, stacksOf(dir)) };
}

const reference = () => readBlueprintFile(path.join(ROOT, 'templates', 'reference.blueprint.json')).value as Blueprint;

/** ["health_check", 0, "interval"] → `health_check.interval`. */
const pathText = (p: readonly (string | number)[]) => p.filter((x) => typeof x === 'string').join('.');

describe('the table', () => {
  it('has an entry, with its source, for every resource type the examples write', () => {
    const types = new Set<string>();
    for (const file of ['templates/reference.blueprint.json', 'examples/single-account.blueprint.json', 'examples/multi-region.blueprint.yaml', 'examples/five-regions.blueprint.json']) {
      const { folder } = synthesize(readBlueprintFile(path.join(ROOT, file)).value, `types-${path.basename(file)}`);
      for (const stack of folder.stacks) for (const type of Object.keys(stack.config.resource)) types.add(type);
    }
    expect([...types].filter((t) => !FORCE_NEW[t])).toEqual([]);
    for (const entry of Object.values(FORCE_NEW)) expect(entry.source).toMatch(/^internal\/service\/[a-z0-9]+\/[a-z0-9_]+\.go$/);
  });

  it('reads paths the way plans and diffs write them', () => {
    expect(forcesReplacement('aws_subnet', 'cidr_block')).toBe(true);
    expect(forcesReplacement('aws_subnet', 'tags.Name')).toBe(false);
    expect(forcesReplacement('aws_ec2_network_insights_path', 'filter_at_source.destination_address')).toBe(true);
    expect(forcesReplacement('aws_route_table_association', 'route_table_id')).toBe(false);
    expect(forcesReplacement('aws_not_a_type', 'name')).toBe(false);
  });
});

withTerraform('test/diff/force-new-provider.test.ts', 'the force-new table against the AWS provider', () => {
  it(
    'a spoke CIDR change: the provider replaces exactly what diff says, and updates the rest in place',
    async () => {
      const stack = 'acme-eu-west-2-spoke-prod-app';
      const old = synthesize(reference(), 'old');
      const bp = reference();
      bp.regions['eu-west-2'].spokes!['prod-app'].cidr = '10.13.0.0/16';
      bp.tags = { ...bp.tags, Review: 'change-42' };
      const next = synthesize(bp, 'new');
      const oldJson = offlineConfig(old.synthesis.stacks.get(stack)!, old.synthesis.stacks).json;
      const newJson = offlineConfig(next.synthesis.stacks.get(stack)!, next.synthesis.stacks).json;
      const plan = await planReplacements(oldJson, newJson);
      expect(plan.errors).toEqual([]);
      expect(plan.ok).toBe(true);

      const stacks = diffStacks(old.folder, next.folder);
      markReplacements(stacks, terraformSetOf(old.folder), terraformSetOf(next.folder));
      const predicted = new Map(stacks.find((s) => s.name === stack)!.resources.filter((r) => r.replacedBecause).map((r) => [`${r.type}.${r.name}`, r.replacedBecause!]));
      const byProvider = plan.changes.filter(isReplacement);
      // The provider replaces what diff says is replaced, for the reasons diff gives...
      expect(byProvider.map((c) => c.address).filter((a) => !predicted.has(a))).toEqual([]);
      for (const change of byProvider) {
        const attributes = predicted.get(change.address)!.map((r) => r.split(' ')[0]);
        expect({ address: change.address, paths: change.replacePaths.map(pathText).sort() }).toEqual({ address: change.address, paths: [...new Set(attributes)].sort() });
      }
      // ...and what it plans as an update while diff says replaced is an attribute it knows only at apply, where
      // the new value (of a replaced resource's ID) forces the replacement the plan could not yet show.
      const updatedInstead = [...predicted.keys()].filter((a) => !byProvider.some((c) => c.address === a));
      for (const address of updatedInstead) {
        const change = plan.changes.find((c) => c.address === address);
        expect({ address, actions: change?.actions }).toEqual({ address, actions: ['update'] });
        for (const reason of predicted.get(address)!) expect(reason).toMatch(/ follows .* \(replaced\)$/);
        expect(predicted.get(address)!.every((r) => change!.unknown.includes(r.split(' ')[0]))).toBe(true);
      }
      expect(byProvider.length).toBeGreaterThan(20);
      expect(byProvider.map((c) => c.address)).toEqual(expect.arrayContaining(['aws_vpc.vpc_vpc', 'aws_subnet.vpc_subnet_workload_az1', 'aws_flow_log.vpc_flow_logs_flow_log']));
      // The new tag changes the log group, role and policy in place: nothing replaces them.
      for (const address of ['aws_cloudwatch_log_group.vpc_flow_logs_log_group', 'aws_iam_role.vpc_flow_logs_role']) {
        expect(plan.changes.find((c) => c.address === address)?.actions).toEqual(['update']);
        expect(predicted.has(address)).toBe(false);
      }
    },
    5 * 60 * 1000,
  );

  if (!ALL) return;

  it(
    'every attribute gwlb-blueprint writes: its change replaces the resource exactly where the table says',
    async () => {
      const failures = await checkEveryAttribute();
      expect(failures).toEqual([]);
    },
    3 * 60 * 60 * 1000,
  );
});

interface Assignment {
  readonly address: string;
  readonly type: string;
  readonly path: string;
}

interface Job {
  readonly label: string;
  readonly oldJson: Record<string, any>;
  readonly newJson: Record<string, any>;
  readonly files: Map<string, string>;
  readonly assignments: readonly Assignment[];
}

/** The networks whose stacks, together, write every attribute gwlb-blueprint writes. */
function networks(): [string, unknown][] {
  const file = (f: string) => readBlueprintFile(path.join(ROOT, f)).value as Blueprint;
  const asn = file('examples/single-account.blueprint.json');
  asn.regions['us-east-1'].vpnConnections!['lab-office'].bgpAsn = 4_200_000_010;
  return [
    ['reference', reference()],
    ['single-account-4-byte-asn', asn],
    ['multi-region', file('examples/multi-region.blueprint.yaml')],
    ['five-regions', file('examples/five-regions.blueprint.json')],
  ];
}

function jobsFor(name: string, synth: ReturnType<typeof synthesize>, covered: Set<string>): Job[] {
  const jobs: Job[] = [];
  for (const stack of synth.folder.stacks) {
    const source = synth.synthesis.stacks.get(stack.name);
    if (!source) continue;
    const oldJson = offlineConfig(source, synth.synthesis.stacks).json as Record<string, any>;
    const ctx = contextOf(defaultProvider(oldJson));
    const files = new Map(stack.extraFiles.filter((f) => !f.endsWith('.lock.hcl')).map((f) => [f, require('node:fs').readFileSync(path.join(synth.dir, stack.dir, f), 'utf8') as string]));
    for (let round = 0; round < 20; round++) {
      const newJson = JSON.parse(JSON.stringify(oldJson)) as Record<string, any>;
      const assignments: Assignment[] = [];
      for (const [type, byName] of Object.entries((oldJson.resource ?? {}) as Record<string, Record<string, any>>)) {
        for (const [resource, args] of Object.entries(byName)) {
          const next = attributePaths(args).find((p) => !covered.has(`${type}:${p}`) && !isFixed(type, p));
          if (!next) continue;
          const mutated = mutate(type, resource, args, next, ctx);
          covered.add(`${type}:${next}`);
          if (!mutated) continue;
          newJson.resource[type][resource] = mutated;
          assignments.push({ address: `${type}.${resource}`, type, path: next });
        }
      }
      if (assignments.length === 0) break;
      jobs.push({ label: `${name} ${stack.name} round ${round}`, oldJson, newJson, files, assignments });
    }
  }
  return jobs;
}

async function checkEveryAttribute(): Promise<string[]> {
  const covered = new Set<string>();
  const jobs = networks().flatMap(([name, bp]) => jobsFor(name, synthesize(bp, `all-${name}`), covered));
  const failures: string[] = [];
  const report: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const plan = await planReplacements(job.oldJson, job.newJson, { control: true, files: job.files });
      if (!plan.ok) {
        failures.push(`${job.label}: ${plan.step} failed: ${plan.errors.slice(0, 3).join(' | ')} (changed ${job.assignments.map((a) => `${a.type}:${a.path}`).join(', ')})`);
        continue;
      }
      const replacedInControl = plan.controlChanges.filter(isReplacement).map((c) => c.address);
      if (replacedInControl.length > 0) failures.push(`${job.label}: the unchanged configuration replaces ${replacedInControl.join(', ')} (the state harness is wrong)`);
      for (const a of job.assignments) {
        const change: PlannedChange | undefined = plan.changes.find((c) => c.address === a.address);
        const forced = !!change && isReplacement(change) && change.replacePaths.map(pathText).some((p) => p === a.path || a.path.startsWith(`${p}.`) || p.startsWith(`${a.path}.`));
        report.push(`${a.type}:${a.path} ${forced ? 'REPLACES' : 'updates'}`);
        if (forced !== forcesReplacement(a.type, a.path)) {
          failures.push(`${a.type}:${a.path}: the provider ${forced ? 'replaces' : 'updates in place'} (${a.address} in ${job.label}: ${change?.actions.join('+') ?? 'no change'}), the table says ${forced ? 'update' : 'replace'}`);
        }
      }
    }
  };
  await Promise.all([worker(), worker()]);
  if (process.env.GWLB_FORCE_NEW_REPORT) require('node:fs').writeFileSync(process.env.GWLB_FORCE_NEW_REPORT, `${report.sort().join('\n')}\n`);
  return failures;
}
