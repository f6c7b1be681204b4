/**
 * The attacks a sampled verify missed (issue 11), each its own test: a more-specific
 * bypass at a prefix the test draws at random, routes Terraform would not create
 * (`count = 0`), a manifest that hides or drops stacks, a static TGW route that skips
 * the egress VPC for one spoke, and one spoke's return in one AZ of a 48-spoke network.
 */
import fc from 'fast-check';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { contains, format, parseCidr, type Ipv4Block } from '../../src/blueprint/cidr';
import { main } from '../../src/cli/main';
import { memoryIo } from '../../src/util/io';
import { copy, failedFlows, failureLines, stackEnding, synthesizeToJson, verifyStacks, type Synthesized } from './support';

const ROOT = path.join(__dirname, '..', '..');
const REFERENCE = path.join(ROOT, 'templates', 'reference.blueprint.json');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateBlueprint } = require('../../bench/blueprints') as { generateBlueprint: (spokes: number) => object };

let reference: Synthesized;
let dir: string;

beforeAll(async () => {
  reference = synthesizeToJson(REFERENCE);
  dir = mkdtempSync(path.join(tmpdir(), 'gwlb-proof-mutations-'));
  expect(await main(['synth', '-b', REFERENCE, '-o', path.join(dir, 'out')], memoryIo())).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOT_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'].map((c) => parseCidr(c));
const isPublic = (b: Ipv4Block) => NOT_PUBLIC.every((p) => p.ok && !contains(p.block, b) && !contains(b, p.block));
const block = (base: number, prefix: number): Ipv4Block => ({ base: prefix === 0 ? 0 : (base & (0xffffffff << (32 - prefix))) >>> 0, prefix });
/** A public prefix, /4 to /32, that is neither private nor special nor holds such a range. */
const publicPrefix = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 4, max: 32 })).map(([base, prefix]) => block(base, prefix)).filter(isPublic);
const az = fc.integer({ min: 1, max: 3 });
const rangeWithin = (range: string, prefix: Ipv4Block) => {
  const [first] = range.split(/[–/]/);
  const parsed = parseCidr(`${first}/32`);
  return parsed.ok && contains(prefix, parsed.block);
};

describe('a more-specific bypass at a prefix drawn at random', () => {
  it('a public prefix → NAT on one egress tgw-subnet table sends that prefix out uninspected: caught, the route named', () => {
    fc.assert(
      fc.property(publicPrefix, az, (prefix, k) => {
        const stacks = copy(reference.stacks);
        stackEnding(stacks, '-egress').resource.aws_route.bypass = {
          destination_cidr_block: format(prefix),
          route_table_id: `\${aws_route_table.vpc_route_table_tgw_az${k}.id}`,
          nat_gateway_id: `\${aws_nat_gateway.nat_nat_az${k}.id}`,
        };
        const result = verifyStacks(stacks, reference.intent);
        expect(result.ok).toBe(false);
        const lines = failureLines(result);
        expect(lines.every((l) => l.includes(`reaches the internet without passing a GWLB endpoint (egress-tgw-az${k} [${format(prefix)}] → NAT)`))).toBe(true);
        // exactly the flows the hash sends to AZ k, to the prefix: 9 spoke and 6 DMZ app subnets
        const internet = (cls: string) => result.proof.classes.find((c) => c.flowClass === cls)!.failed;
        expect(internet('spoke-internet')).toBe(9);
        expect(internet('dmz-internet')).toBe(6);
        for (const f of failedFlows(result)) for (const e of f.failures) expect(rangeWithin(e.destinationRange, prefix)).toBe(true);
      }),
      { numRuns: 8 },
    );
  });

  it('an app subnet missing from a DMZ IGW edge table: the internet reaches an app address with a public IP uninspected', () => {
    fc.assert(
      fc.property(az, fc.constantFrom('prod-dmz', 'partner-dmz'), (k, dmz) => {
        const stacks = copy(reference.stacks);
        const dmzStack = stackEnding(stacks, `-dmz-${dmz}`);
        const appCidr = dmzStack.resource.aws_subnet[`vpc_subnet_app_az${k}`].cidr_block;
        delete dmzStack.resource.aws_route[`edge_route_app_az${k}`];
        const result = verifyStacks(stacks, reference.intent);
        expect(result.ok).toBe(false);
        const lines = failureLines(result);
        expect(lines.length).toBeGreaterThan(0);
        // Only that app subnet, only from the internet, and only because the edge no longer hands it to an endpoint.
        for (const l of lines) {
          expect(l.startsWith(`internet-ingress internet → dmz-${dmz}`)).toBe(true);
          expect(l).toContain(`→ ${appCidr}]`);
          expect(l).toMatch(/forward: enters from the internet without passing a GWLB endpoint/);
        }
      }),
      { numRuns: 4 },
    );
  });

  it('a public prefix → IGW on a DMZ public subnet table skips the DMZ endpoint both ways: caught', () => {
    fc.assert(
      fc.property(publicPrefix, az, fc.constantFrom('prod-dmz', 'partner-dmz'), (prefix, k, dmz) => {
        const stacks = copy(reference.stacks);
        stackEnding(stacks, `-dmz-${dmz}`).resource.aws_route.bypass = {
          destination_cidr_block: format(prefix),
          route_table_id: `\${aws_route_table.vpc_route_table_public_az${k}.id}`,
          gateway_id: '${aws_internet_gateway.vpc_igw.id}',
        };
        const result = verifyStacks(stacks, reference.intent);
        const lines = failureLines(result);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.every((l) => l.includes(`reaches the internet without passing a GWLB endpoint (dmz-${dmz}-public-az${k} [${format(prefix)}] → IGW)`))).toBe(true);
        // the DMZ's answers to clients in the prefix leave uninspected too
        expect(lines.some((l) => l.startsWith(`internet-dmz internet → dmz-${dmz}`) && l.includes('return: reaches the internet'))).toBe(true);
      }),
      { numRuns: 8 },
    );
  });

  it('a prefix inside one spoke’s workload subnet, routed in the spokes TGW table straight to that spoke: caught for that prefix only', () => {
    const spokes = ['prod-app', 'partner-app', 'internal-app'];
    fc.assert(
      fc.property(fc.constantFrom(...spokes), az, fc.integer({ min: 0, max: 2 ** 14 - 1 }), fc.integer({ min: 19, max: 32 }), (spoke, k, offset, length) => {
        const stacks = copy(reference.stacks);
        const target = stackEnding(stacks, `-spoke-${spoke}`);
        const subnet = parseCidr(target.resource.aws_subnet[`vpc_subnet_workload_az${k}`].cidr_block);
        if (!subnet.ok) throw new Error('no subnet');
        const prefix = block(subnet.block.base + offset, length);
        target.resource.aws_ec2_transit_gateway_route = {
          skip: {
            provider: 'aws.network',
            destination_cidr_block: format(prefix),
            transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment_accepter.tgw_attachment_accepter.id}',
            transit_gateway_route_table_id: HUB_SPOKES_TABLE,
          },
        };
        const result = verifyStacks(stacks, reference.intent);
        expect(result.ok).toBe(false);
        const failing = failedFlows(result);
        // DMZs have their own TGW table (dmzs), so only the spokes' conversations with the prefix go around.
        expect([...new Set(failing.map((f) => f.flowClass))]).toEqual(['spoke-spoke']);
        // Traffic to the prefix goes straight to the spoke: flows to it fail forward, flows from it fail on return.
        for (const f of failing) {
          const towards = f.destination === `spoke-${spoke}`;
          expect(towards || f.source === `spoke-${spoke}`).toBe(true);
          for (const e of f.failures) {
            expect(rangeWithin(towards ? e.destinationRange : e.sourceRange, prefix)).toBe(true);
            expect(e.reason).toMatch(new RegExp(`^${towards ? 'forward' : 'return'}: not inspected \\(.* → TGW tgw-spokes → spoke-${spoke}-tgw-az\\d`));
          }
        }
      }),
      { numRuns: 8 },
    );
  });
});

const HUB = 'data.terraform_remote_state.cross_stack_reference_input_acme_eu_west_2_hub.outputs';
const HUB_SPOKES_TABLE = `\${${HUB}.cross_stack_output_aws_ec2_transit_gateway_route_table_hub_route_table_spokes_id}`;

it('count = 0 on the routes to the inspection endpoints: Terraform creates none, and verify sees none', () => {
  const stacks = copy(reference.stacks);
  const routes = stackEnding(stacks, '-egress').resource.aws_route;
  for (const name of Object.keys(routes).filter((n) => n.startsWith('vpc_route_tgw_'))) routes[name].count = 0;
  const result = verifyStacks(stacks, reference.intent);
  expect(result.ok).toBe(false);
  const lines = failureLines(result).filter((l) => l.startsWith('spoke-internet'));
  // every spoke subnet, every internet range, every AZ of the hash
  expect(lines).toHaveLength(9 * 4 * 3);
  expect(lines.every((l) => /forward: egress-tgw-az\d has no route for this destination/.test(l))).toBe(true);
});

it('a static TGW route in the office table that skips the egress VPC for one spoke: caught for that spoke only', () => {
  const stacks = copy(reference.stacks);
  // The office table's route for the spoke now leads to the spoke instead of the egress VPC.
  delete stackEnding(stacks, '-egress').resource.aws_ec2_transit_gateway_route.tgw_route_onprem_10_30_0_0_16;
  stackEnding(stacks, '-spoke-internal-app').resource.aws_ec2_transit_gateway_route = {
    skip: {
      provider: 'aws.network',
      destination_cidr_block: '10.30.0.0/16',
      transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment_accepter.tgw_attachment_accepter.id}',
      transit_gateway_route_table_id: `\${${HUB}.cross_stack_output_aws_ec2_transit_gateway_route_table_hub_route_table_onprem_id}`,
    },
  };
  const result = verifyStacks(stacks, reference.intent);
  // Both directions of the office's conversations with that spoke: the office's packets go straight to it.
  const failing = failedFlows(result);
  expect(failing.map((f) => `${f.flowClass} ${f.source} → ${f.destination}`)).toEqual(['vpn-spoke london-office → spoke-internal-app', 'vpn-spoke spoke-internal-app → london-office']);
  expect(failing[0].reason).toMatch(/^forward: not inspected \(london-office → TGW tgw-onprem → spoke-internal-app-tgw-az\d → spoke-internal-app-workload-az\d\)$/);
  expect(failing[1].reason).toMatch(/^return: not inspected \(london-office → TGW tgw-onprem → spoke-internal-app-tgw-az\d → spoke-internal-app-workload-az\d\)$/);
});

describe('the manifest', () => {
  const folder = (name: string) => {
    const copyDir = path.join(dir, name);
    cpSync(path.join(dir, 'out'), copyDir, { recursive: true });
    return copyDir;
  };
  const verify = async (target: string) => {
    const io = memoryIo();
    const code = await main(['verify', target], io);
    return { code, err: io.stderr.join('\n'), out: io.stdout.join('\n') };
  };

  it.each([
    ['{}', '{}', /manifest\.json: \$\.stacks: must be an object of stacks by name/],
    ['no stacks', '{"version": "0.21.0", "stacks": {}}', /manifest\.json: \$\.stacks = \{\}: names no stack: this folder describes no network/],
    ['null', 'null', /manifest\.json: \$ = null: is not a cdktf manifest/],
  ])('an empty manifest (%s) is refused with exit 1, never "verified: 0"', async (name, text, message) => {
    const target = folder(`empty-${name.replace(/\W/g, '')}`);
    writeFileSync(path.join(target, 'manifest.json'), text);
    const { code, err, out } = await verify(target);
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(out).not.toMatch(/verified/);
  });

  it('a stack missing from the manifest (still on disk) is refused with exit 1, naming it', async () => {
    const target = folder('dropped');
    const manifest = JSON.parse(readFileSync(path.join(target, 'manifest.json'), 'utf8'));
    delete manifest.stacks['acme-eu-west-2-spoke-prod-app'];
    writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest));
    const { code, err } = await verify(target);
    expect(code).toBe(1);
    expect(err).toMatch(/manifest\.json: \$\.stacks = "acme-eu-west-2-spoke-prod-app": has no entry for the stack folder stacks\/acme-eu-west-2-spoke-prod-app on disk/);
  });
});

describe('a 48-spoke network (bench/blueprints.js)', () => {
  let large: Synthesized;
  beforeAll(() => {
    large = synthesizeToJson(generateBlueprint(48));
  });

  it('proves every spoke pair in every AZ combination, and nothing is sampled', () => {
    const result = verifyStacks(large.stacks, large.intent);
    expect(result.ok).toBe(true);
    const spokeSpoke = result.proof.classes.find((c) => c.flowClass === 'spoke-spoke')!;
    // 48 × 47 ordered pairs, 3 × 3 subnets, 3 AZs of the egress attachment
    expect(spokeSpoke).toMatchObject({ pairs: 48 * 47, azPaths: 48 * 47 * 9 * 3, sources: 48 * 3 });
  });

  it('one spoke’s return path through NAT in one AZ skips inspection: exactly those AZ paths fail', () => {
    const stacks = copy(large.stacks);
    stackEnding(stacks, '-egress').resource.aws_route.skip = {
      destination_cidr_block: '10.17.16.0/20',
      route_table_id: '${aws_route_table.vpc_route_table_public_az2.id}',
      transit_gateway_id: '${aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.transit_gateway_id}',
    };
    const result = verifyStacks(stacks, large.intent);
    expect(failedFlows(result).map((f) => `${f.flowClass} ${f.source} → ${f.destination}`)).toEqual(['spoke-internet spoke-spoke-17 → internet']);
    const lines = failureLines(result);
    // spoke-17's 3 workload subnets, each internet range, when the hash picks euw2-az2
    expect(lines).toHaveLength(3 * 4);
    expect(lines.every((l) => l.includes('(hash: euw2-az2)') && /return: not inspected \(internet → NAT egress-public-az2 → TGW tgw-inspection → spoke-spoke-17-tgw-az2/.test(l))).toBe(true);
  });
});
