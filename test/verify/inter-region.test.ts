/**
 * Multi-region (issue "Multi-region core network"): the five-region reference
 * design peers every TGW pair with static routes both ways; verify traces spoke ↔
 * spoke and office ↔ spoke across every peering and catches a missing static
 * route and a one-sided peering.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { copy, failedFlows, stackEnding, synthesizeToJson, verifyStacks, type Synthesized } from './support';

const FIVE = path.join(__dirname, '..', '..', 'examples', 'five-regions.blueprint.json');
let everyRegion: Synthesized;
let once: Synthesized;

beforeAll(() => {
  everyRegion = synthesizeToJson(FIVE);
  const bp = JSON.parse(readFileSync(FIVE, 'utf8'));
  bp.interRegion = { inspection: 'once' };
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-once-'));
  const file = path.join(dir, 'once.blueprint.json');
  writeFileSync(file, JSON.stringify(bp));
  once = synthesizeToJson(file);
  rmSync(dir, { recursive: true, force: true });
});

const interRegion = (result: ReturnType<typeof verifyStacks>) => result.flows.filter((f) => f.flowClass === 'inter-region');

describe('five regions, every region inspects', () => {
  it('peers all ten region pairs, one stack each', () => {
    expect(Object.keys(everyRegion.stacks).filter((s) => s.includes('-peering-'))).toHaveLength(10);
  });

  it('verifies every inter-region flow, each direction inspected once in each region, symmetric', () => {
    const result = verifyStacks(everyRegion.stacks, everyRegion.intent);
    const flows = interRegion(result);
    expect(failedFlows(result)).toEqual([]);
    // Each peered pair of regions: every spoke of one with every spoke of the other (and the offices), both ways.
    const pairs = result.proof.classes.filter((c) => c.flowClass === 'inter-region');
    expect(pairs).toHaveLength(10);
    // A flow that crosses two egress VPCs has an AZ choice in each: 3 × 3.
    expect(Math.max(...pairs.map((p) => p.azChoices))).toBe(9);
    expect(pairs.reduce((n, p) => n + p.azPaths, 0)).toBeGreaterThan(2000);
    for (const f of flows) {
      expect(f.forward.inspections).toHaveLength(2);
      expect(new Set(f.forward.inspections.map((i) => i.fleet)).size).toBe(2);
    }
  });

  it('catches a missing static route for a remote region', () => {
    const stacks = copy(everyRegion.stacks);
    const peering = stackEnding(stacks, '-peering-eu-west-2-us-east-1');
    // London's inspection table no longer knows N. Virginia's apps spoke (10.220.0.0/16)
    delete peering.resource.aws_ec2_transit_gateway_route.eu_west_2_inspection_to_10_220_0_0_16;
    const failed = failedFlows(verifyStacks(stacks, everyRegion.intent));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((f) => f.flowClass === 'inter-region')).toBe(true);
    expect(failed[0].reason).toMatch(/TGW route table eu-west-2-tgw-inspection has no route for this destination/);
    expect(failed.flatMap((f) => f.failures.map((e) => (f.source.startsWith('us-east-1') ? e.sourceRange : e.destinationRange)))).toContain('10.220.0.0/19');
  });

  it('catches a peering never accepted on the peer side', () => {
    const stacks = copy(everyRegion.stacks);
    const peering = stackEnding(stacks, '-peering-eu-west-2-us-east-1').resource;
    delete peering.aws_ec2_transit_gateway_peering_attachment_accepter;
    const own = '${aws_ec2_transit_gateway_peering_attachment.peering_attachment.id}';
    for (const association of Object.values(peering.aws_ec2_transit_gateway_route_table_association) as any[]) association.transit_gateway_attachment_id = own;
    for (const route of Object.values(peering.aws_ec2_transit_gateway_route) as any[]) {
      if (String(route.transit_gateway_attachment_id).includes('peering_accepter')) route.transit_gateway_attachment_id = own;
    }
    const failed = failedFlows(verifyStacks(stacks, everyRegion.intent));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.map((f) => f.reason).join('\n')).toMatch(/eu-west-2-us-east-1, which is never accepted: it stays pendingAcceptance/);
  });

  it('catches a one-sided peering: accepted but never associated on the peer side', () => {
    const stacks = copy(everyRegion.stacks);
    delete stackEnding(stacks, '-peering-eu-west-2-us-east-1').resource.aws_ec2_transit_gateway_route_table_association.peering_association_us_east_1;
    const failed = failedFlows(verifyStacks(stacks, everyRegion.intent));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.map((f) => f.reason).join('\n')).toMatch(/eu-west-2-us-east-1 is associated with no route table of its TGW/);
  });
});

describe('five regions, each pair inspected once', () => {
  it('records the inspecting region per pair in the intent', () => {
    expect(once.intent.peerings).toContainEqual({ regions: ['eu-west-2', 'us-east-1'], inspectedBy: ['eu-west-2'] });
  });

  it('verifies: each direction inspected exactly once, by the same region’s fleet both ways', () => {
    const result = verifyStacks(once.stacks, once.intent);
    expect(failedFlows(result)).toEqual([]);
    const pair = interRegion(result).filter((f) => f.region === 'eu-west-2 ↔ us-east-1');
    expect(pair.length).toBeGreaterThan(0);
    for (const f of pair) {
      expect(f.forward.inspections).toHaveLength(1);
      expect(f.forward.inspections[0].fleet).toBe('eu-west-2-firewall');
      expect(f.reverse.inspections.map((i) => i.fleet)).toEqual(['eu-west-2-firewall']);
    }
  });

  it('fails when the region that does not inspect sends the pair to its own fleet', () => {
    const stacks = copy(once.stacks);
    const routes = stackEnding(stacks, '-peering-eu-west-2-us-east-1').resource.aws_ec2_transit_gateway_route;
    for (const name of Object.keys(routes).filter((n) => n.startsWith('us_east_1_spokes_to_'))) delete routes[name];
    const failed = failedFlows(verifyStacks(stacks, once.intent));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].reason).toMatch(/inspected 2 times \(us-east-1-firewall .*, eu-west-2-firewall .*\), expected 1|asymmetric/);
  });
});
