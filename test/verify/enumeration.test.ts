/**
 * What a proof covers, counted from the blueprint's facts (not from the code):
 * every source range, every destination range, every AZ choice, and nothing sampled.
 * The reference has one region with 3 AZs, 3 spokes (3 workload subnets each), 2 DMZs
 * (3 public and 3 app subnets each), one office (one /24) and the RFC 1918 supernets as
 * internal ranges, so the internet is 4 ranges: below 10/8, between 10/8 and 172.16/12,
 * between 172.16/12 and 192.168/16, above 192.168/16.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { copy, failureLines, stackEnding, synthesizeToJson, verifyStacks, type Synthesized } from './support';

const REFERENCE = path.join(__dirname, '..', '..', 'templates', 'reference.blueprint.json');
let reference: Synthesized;

beforeAll(() => {
  reference = synthesizeToJson(REFERENCE);
});

const AZS = 3;
const INTERNET = 4;

describe('the proof of the reference', () => {
  it('covers every source range, destination range and AZ choice of every class', () => {
    const { proof } = verifyStacks(reference.stacks, reference.intent);
    const classes = Object.fromEntries(proof.classes.map((c) => [c.flowClass, c]));
    // each spoke subnet, to each internet range, through each AZ the egress attachment's flow hash may pick
    expect(classes['spoke-internet']).toMatchObject({ sources: 9, destinationRanges: INTERNET, azChoices: AZS, azPaths: 9 * INTERNET * AZS, failed: 0 });
    // DMZ app subnets leave through the egress VPC (3 AZ choices), public subnets through their own endpoint (none)
    expect(classes['dmz-internet']).toMatchObject({ sources: 12, azPaths: 2 * (3 * INTERNET * AZS + 3 * INTERNET) });
    expect(classes['internet-dmz']).toMatchObject({ sources: INTERNET, destinationRanges: 6, azPaths: INTERNET * 6 });
    // 6 ordered spoke pairs × 3 source subnets × 3 destination subnets × 3 AZs
    expect(classes['spoke-spoke']).toMatchObject({ sources: 9, destinationRanges: 9, pairs: 6, azPaths: 6 * 3 * 3 * AZS });
    // both ways: 2 DMZs × 3 spokes, 6 DMZ subnets × 3 spoke subnets × 3 AZs
    expect(classes['dmz-spoke']).toMatchObject({ pairs: 12, azPaths: 2 * 6 * 6 * 3 * AZS });
    expect(classes['vpn-spoke']).toMatchObject({ pairs: 6, azPaths: 2 * 3 * 3 * AZS });
    expect(proof.azPaths).toBe(108 + 96 + 24 + 162 + 648 + 54);
    expect(proof.failed).toBe(0);
  });

  it('sweeps every destination range of 0.0.0.0/0 from every spoke and DMZ subnet (but the DMZ endpoint subnets) and the office', () => {
    const { proof } = verifyStacks(reference.stacks, reference.intent);
    const sweep = proof.classes.find((c) => c.flowClass === 'any-destination')!;
    expect(sweep.destinationRanges).toBe(proof.destinationRanges);
    // spokes: 3 tgw + 3 workload subnets each; DMZs: 3 tgw + 3 public + 3 app each; the office
    expect(sweep.sources).toBe(3 * 6 + 2 * 9 + 1);
    expect(sweep.failed).toBe(0);
  });

  it('names the one way around inspection the design has: the DMZ app subnets’ S3 gateway endpoint', () => {
    const { proof } = verifyStacks(reference.stacks, reference.intent);
    const apps = ['partner-dmz', 'prod-dmz'].flatMap((dmz) => [1, 2, 3].map((az) => `dmz-${dmz}-app-az${az}`));
    expect(proof.serviceRoutes).toEqual([{ service: 'com.amazonaws.eu-west-2.s3', tables: apps }]);
  });

  it('proves each AZ choice on its own: breaking one AZ fails exactly the AZ paths through it', () => {
    const stacks = copy(reference.stacks);
    delete stackEnding(stacks, '-egress').resource.aws_route.vpc_route_gwlbe_az3_default;
    const result = verifyStacks(stacks, reference.intent);
    // spoke subnets and DMZ app subnets to each internet range, when the hash picks az3: one AZ choice in three
    expect(result.proof.failed).toBe(9 * INTERNET + 2 * 3 * INTERNET);
    const lines = failureLines(result);
    expect(lines).toHaveLength(result.proof.failed);
    expect(lines.every((l) => l.includes('(hash: euw2-az3)'))).toBe(true);
    // every internet range fails, none is skipped
    expect(new Set(lines.map((l) => /\[[^\]]* → ([^\]]+)\]/.exec(l)![1])).size).toBe(INTERNET);
  });

  it('splits a range wherever a route begins or ends, so a /32 is a destination range of its own', () => {
    const stacks = copy(reference.stacks);
    const before = verifyStacks(stacks, reference.intent).proof.destinationRanges;
    stackEnding(stacks, '-egress').resource.aws_route.probe = {
      destination_cidr_block: '203.0.113.7/32',
      route_table_id: '${aws_route_table.vpc_route_table_gwlbe_az1.id}',
      nat_gateway_id: '${aws_nat_gateway.nat_nat_az1.id}',
    };
    const result = verifyStacks(stacks, reference.intent);
    expect(result.proof.destinationRanges).toBe(before + 2);
    expect(result.proof.classes.find((c) => c.flowClass === 'spoke-internet')!.destinationRanges).toBe(INTERNET + 2);
    expect(result.ok).toBe(true);
  });

  it('takes the internal ranges from the intent: a region that routes 100.64.0.0/10 back to the TGW does not send it to the internet', () => {
    const blueprint = JSON.parse(readFileSync(REFERENCE, 'utf8'));
    blueprint.regions['eu-west-2'].internalCidrs = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];
    const shared = synthesizeToJson(blueprint);
    expect(shared.intent.regions['eu-west-2'].internalCidrs).toContain('100.64.0.0/10');
    const result = verifyStacks(shared.stacks, shared.intent);
    expect(failureLines(result)).toEqual([]);
    // 100.64.0.0/10 is not the internet here: one internet range fewer between 10/8 and 172.16/12, cut in two
    expect(result.proof.classes.find((c) => c.flowClass === 'spoke-internet')!.destinationRanges).toBe(INTERNET + 1);
    // Without the intent's internal ranges it would be the internet, which the egress VPC rightly does not send it to.
    const { internalCidrs: _, ...older } = shared.intent.regions['eu-west-2'];
    const lines = failureLines(verifyStacks(shared.stacks, { ...shared.intent, regions: { 'eu-west-2': older } }));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => /100\.64\.0\.0\/10.*\]: (forward|return): TGW route table tgw-inspection has no route for this destination/.test(l))).toBe(true);
  });
});
