/**
 * `gwlb-blueprint diff`: what a blueprint change does to stacks, resources and
 * flows, and when it blocks (exit 3). Each network is synthesized once; the
 * reference blueprint is the OLD side of most cases.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffSides, resolveSide, type DiffResult, type Resolved } from '../../src/diff';
import { diffResultJson, formatDiffMarkdown, formatDiffText } from '../../src/diff/report';
import type { Blueprint } from '../../src/blueprint/schema';
import { memoryIo } from '../../src/util/io';
import { reference, regionOf } from '../helpers/blueprints';

let dir: string;
let old: Resolved;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-diff-test-'));
  old = await side(reference(), 'old');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function side(bp: Blueprint, name: string): Promise<Resolved> {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(bp));
  return resolveSide(file, 'NEW', {}, memoryIo());
}

async function diffWith(change: (bp: Blueprint) => void, name: string, before: Resolved = old): Promise<DiffResult> {
  const bp = reference();
  change(bp);
  return diffSides(before, await side(bp, name));
}

const replaced = (r: DiffResult) => r.stacks.flatMap((s) => s.resources.filter((x) => x.replacedBecause).map((x) => `${s.name}/${x.type}.${x.name}`));
const stack = (r: DiffResult, name: string) => r.stacks.find((s) => s.name === name);

describe('changes that are safe to apply (exit 0)', () => {
  it('adding a spoke: its stack is new, nothing is replaced or destroyed, no flow loses anything', async () => {
    const result = await diffWith((bp) => (regionOf(bp).spokes!['new-app'] = { account: 'production', cidr: '10.40.0.0/16' }), 'add-spoke');
    expect(result.blocking).toEqual([]);
    expect(stack(result, 'acme-eu-west-2-spoke-new-app')?.kind).toBe('added');
    expect(replaced(result)).toEqual([]);
    expect(result.stacks.flatMap((s) => s.resources.filter((r) => r.kind === 'destroyed'))).toEqual([]);
    expect(result.flows.changes).toEqual([]);
    expect(result.flows.added).toBeGreaterThan(0);
    // The egress stack learns the spoke's CIDR for the offices, by an added route and nothing else.
    expect(stack(result, 'acme-eu-west-2-egress')?.resources.map((r) => `${r.kind} ${r.type}`)).toEqual(['added aws_ec2_transit_gateway_route']);
    expect(formatDiffText(result)).toContain('+ acme-eu-west-2-spoke-new-app: new stack');
  });

  it('adding an account with its spoke: the hub shares the TGW with it, and that is all that changes', async () => {
    const result = await diffWith((bp) => {
      bp.accounts.analytics = { id: '666666666666', roleArn: 'arn:aws:iam::666666666666:role/OrganizationAccountAccessRole' };
      regionOf(bp).spokes!.analytics = { account: 'analytics', cidr: '10.41.0.0/16' };
    }, 'add-account');
    expect(result.blocking).toEqual([]);
    expect(stack(result, 'acme-eu-west-2-spoke-analytics')?.kind).toBe('added');
    expect(stack(result, 'acme-eu-west-2-hub')?.resources.map((r) => `${r.kind} ${r.type}.${r.name}`)).toEqual(['added aws_ram_principal_association.hub_share_with_analytics']);
    expect(replaced(result)).toEqual([]);
  });
});

describe('changes that need a review (exit 3)', () => {
  it('east-west inspection off: every spoke pair is named as newly uninspected', async () => {
    const result = await diffWith((bp) => (regionOf(bp).inspection = { eastWest: false }), 'east-west-off');
    const lost = result.flows.changes.filter((c) => c.kind === 'newly-uninspected');
    expect(lost.map((c) => `${c.source} → ${c.destination}`).sort()).toEqual([
      'spoke-internal-app → spoke-partner-app',
      'spoke-internal-app → spoke-prod-app',
      'spoke-partner-app → spoke-internal-app',
      'spoke-partner-app → spoke-prod-app',
      'spoke-prod-app → spoke-internal-app',
      'spoke-prod-app → spoke-partner-app',
    ]);
    for (const c of lost) {
      expect(c.flowClass).toBe('spoke-spoke');
      expect(c.before).toMatchObject({ status: 'inspected', fleets: ['cloudguard'] });
      expect(c.after).toMatchObject({ status: 'uninspected', fleets: [] });
    }
    // Nothing else changes its treatment: DMZ ↔ spoke stays inspected whatever eastWest says.
    expect(result.flows.changes).toHaveLength(6);
    expect(result.blocking).toEqual(['6 flows no longer inspected on every AZ path']);
    const text = formatDiffText(result).replace(/\n +/g, ' ');
    expect(text).toContain('eu-west-2 spoke-spoke: spoke-prod-app → spoke-partner-app: was inspected by cloudguard on all 27 AZ paths; now 9 of 9 AZ paths pass no appliance');
    expect(text).toContain('Review before applying (exit 3)');
  });

  it('a DMZ moved to another fleet: its flows are named with both fleets, and its endpoints are replaced', async () => {
    const withLab = (bp: Blueprint) => {
      regionOf(bp).fleets.lab = { vendor: 'generic', ami: 'ami-0123456789abcdef0', instanceType: 'c5.large', minSize: 3, maxSize: 3 };
    };
    const before = await side((() => {
      const bp = reference();
      withLab(bp);
      return bp;
    })(), 'two-fleets');
    const result = await diffWith((bp) => {
      withLab(bp);
      regionOf(bp).dmzs!['prod-dmz'].fleet = 'lab';
    }, 'dmz-moved', before);
    const moved = result.flows.changes.filter((c) => c.kind === 'moved').map((c) => `${c.flowClass} ${c.source} → ${c.destination}: ${c.before.fleets.join('+')} → ${c.after.fleets.join('+')}`);
    expect(moved.sort()).toEqual(['dmz-internet dmz-prod-dmz → internet: cloudguard → cloudguard+lab', 'internet-dmz internet → dmz-prod-dmz: cloudguard → lab']);
    expect(formatDiffText(result)).toContain('eu-west-2 internet-dmz: internet → dmz-prod-dmz: from cloudguard to lab');
    expect(replaced(result).filter((r) => r.includes('aws_vpc_endpoint.gwlbe_endpoint'))).toHaveLength(3);
    expect(result.blocking).toEqual(['3 existing resources replaced (destroyed, then created again)']);
  });

  it('a VPC CIDR changed: the VPC and its subnets are replaced, and what reads them follows', async () => {
    const result = await diffWith((bp) => (regionOf(bp).spokes!['prod-app'].cidr = '10.13.0.0/16'), 'cidr');
    const spoke = stack(result, 'acme-eu-west-2-spoke-prod-app')!;
    const reasons = new Map(spoke.resources.filter((r) => r.replacedBecause).map((r) => [`${r.type}.${r.name}`, r.replacedBecause!]));
    expect(reasons.get('aws_vpc.vpc_vpc')).toEqual(['cidr_block changes']);
    for (const subnet of ['tgw_az1', 'tgw_az2', 'tgw_az3', 'workload_az1', 'workload_az2', 'workload_az3']) {
      expect(reasons.get(`aws_subnet.vpc_subnet_${subnet}`)).toEqual(['cidr_block changes', 'vpc_id follows aws_vpc.vpc_vpc (replaced)']);
    }
    expect(reasons.get('aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment')).toEqual(['vpc_id follows aws_vpc.vpc_vpc (replaced)']);
    expect(result.blocking).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+ existing resources replaced/)]));
    const text = formatDiffText(result).replace(/\n +/g, ' ');
    expect(text).toContain('-/+ aws_vpc.vpc_vpc REPLACED: cidr_block changes cidr_block: "10.10.0.0/16" → "10.13.0.0/16"');
  });

  it('a spoke removed: its stack is reported destroyed', async () => {
    const result = await diffWith((bp) => delete regionOf(bp).spokes!['partner-app'], 'remove-spoke');
    expect(stack(result, 'acme-eu-west-2-spoke-partner-app')).toMatchObject({ kind: 'destroyed', resourcesAfter: 0 });
    expect(result.blocking[0]).toMatch(/^1 stack destroyed \(acme-eu-west-2-spoke-partner-app\): \d+ resources$/);
    expect(result.flows.removed).toBeGreaterThan(0);
    expect(formatDiffText(result)).toMatch(/- acme-eu-west-2-spoke-partner-app: DESTROYED, \d+ resources/);
  });

  it('a spoke moved to another account: every resource of its stack is created anew there', async () => {
    const result = await diffWith((bp) => (regionOf(bp).spokes!['prod-app'].account = 'partner'), 'move-account');
    const spoke = stack(result, 'acme-eu-west-2-spoke-prod-app')!;
    expect(spoke.resources.find((r) => r.type === 'aws_vpc')?.replacedBecause).toEqual([expect.stringMatching(/^its provider aws moves to account 333333333333 \(from 222222222222\)/)]);
  });
});

describe('the report forms', () => {
  it('JSON for machines and Markdown for a pull request say the same verdict', async () => {
    const result = await diffWith((bp) => (regionOf(bp).inspection = { eastWest: false }), 'forms');
    const json = diffResultJson(result) as { ok: boolean; blocking: string[]; flows: { changes: unknown[] } };
    expect(json.ok).toBe(false);
    expect(json.blocking).toEqual(result.blocking);
    expect(json.flows.changes).toHaveLength(6);
    const markdown = formatDiffMarkdown(result);
    expect(markdown).toContain('**Review before applying**');
    expect(markdown).toContain('| eu-west-2 | spoke-spoke | spoke-prod-app | spoke-partner-app | inspected by cloudguard on all 27 AZ paths | 9 of 9 AZ paths pass no appliance |');
  });
});

describe('replacements that cross stacks', () => {
  it('a TGW replaced in the hub: every attachment in the spoke and DMZ stacks, which reads it from the hub\'s state, follows', async () => {
    const { readSynthFolder } = await import('../../src/synth-folder');
    const { readFileSync, writeFileSync, mkdirSync } = await import('node:fs');
    const { synthesizeNetwork } = await import('../../src/synth/synthesize');
    const { validateBlueprint } = await import('../../src/blueprint/validate');
    const { diffStacks } = await import('../../src/diff/resources');
    const { markReplacements } = await import('../../src/diff/replacement');
    const { terraformSetOf } = await import('../../src/verify/terraform-json');
    const model = validateBlueprint(reference()).model!;
    const before = path.join(dir, 'tgw-old');
    const after = path.join(dir, 'tgw-new');
    synthesizeNetwork(model, { outdir: before });
    synthesizeNetwork(model, { outdir: after });
    const hub = path.join(after, 'stacks', 'acme-eu-west-2-hub', 'cdk.tf.json');
    const json = JSON.parse(readFileSync(hub, 'utf8'));
    // Not something the tool writes, but a change the provider cannot make in place (force-new.ts).
    json.resource.aws_ec2_transit_gateway.hub_tgw.default_route_table_association = 'enable';
    mkdirSync(path.dirname(hub), { recursive: true });
    writeFileSync(hub, JSON.stringify(json));
    // verify would refuse this TGW (it traces only explicit associations), so the resource diff is taken alone.
    const [a, b] = [await readSynthFolder(before), await readSynthFolder(after)];
    const stacks = diffStacks(a, b);
    markReplacements(stacks, terraformSetOf(a), terraformSetOf(b));
    const result = { stacks } as unknown as DiffResult;
    const spoke = stack(result, 'acme-eu-west-2-spoke-prod-app')!;
    expect(spoke.resources.find((r) => r.type === 'aws_ec2_transit_gateway_vpc_attachment')?.replacedBecause).toEqual([
      'transit_gateway_id follows aws_ec2_transit_gateway.hub_tgw of acme-eu-west-2-hub (replaced)',
    ]);
    expect(stack(result, 'acme-eu-west-2-hub')!.resources.find((r) => r.type === 'aws_ec2_transit_gateway')?.replacedBecause).toEqual(['default_route_table_association changes']);
    for (const name of ['acme-eu-west-2-spoke-partner-app', 'acme-eu-west-2-spoke-internal-app', 'acme-eu-west-2-dmz-prod-dmz', 'acme-eu-west-2-dmz-partner-dmz', 'acme-eu-west-2-egress']) {
      expect({ name, replaced: stack(result, name)?.resources.some((r) => r.type === 'aws_ec2_transit_gateway_vpc_attachment' && r.replacedBecause) }).toEqual({ name, replaced: true });
    }
    // The spoke stack's own configuration did not change: the replacement comes from what it reads.
    expect(spoke.resources.every((r) => r.changes.length === 0)).toBe(true);
  });
});
