/**
 * Strict input: what Terraform would really create is what verify traces, and what
 * it cannot evaluate or does not model is refused by name: exit 1, the file and the
 * JSON path named, never exit 0 on a guess, never exit 2 with a TypeError.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { memoryIo } from '../../src/util/io';

const ROOT = path.join(__dirname, '..', '..');
let dir: string;
let n = 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwlb-verify-strict-'));
  expect(await main(['synth', '-b', path.join(ROOT, 'templates', 'reference.blueprint.json'), '-o', path.join(dir, 'out')], memoryIo())).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPOKE = 'stacks/acme-eu-west-2-spoke-prod-app/cdk.tf.json';
const EGRESS = 'stacks/acme-eu-west-2-egress/cdk.tf.json';
const INTENT = 'gwlb-blueprint.intent.json';

type Json = any;

/** A copy of the synthesized folder with `file` changed by `change` (which may return a replacement). */
function mutated(file: string, change: (json: Json, folder: string) => Json | void): string {
  const folder = path.join(dir, `case-${n++}`);
  cpSync(path.join(dir, 'out'), folder, { recursive: true });
  const full = path.join(folder, file);
  const json = JSON.parse(readFileSync(full, 'utf8'));
  const replaced = change(json, folder);
  writeFileSync(full, JSON.stringify(replaced === undefined ? json : replaced));
  return folder;
}

async function verify(folder: string) {
  const io = memoryIo();
  const code = await main(['verify', folder], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const route = (json: Json) => json.resource.aws_route.vpc_route_tgw_az1_default;

describe('refused by name, exit 1', () => {
  it.each<[string, string, (json: Json) => Json | void, RegExp]>([
    ['a route to a variable', EGRESS, (j) => void (route(j).destination_cidr_block = '${var.x}'), /egress\/cdk\.tf\.json: \$\.resource\.aws_route\.vpc_route_tgw_az1_default\.destination_cidr_block = "\$\{var\.x\}": is an expression/],
    ['a route to a local', EGRESS, (j) => void (route(j).destination_cidr_block = '${local.egress}'), /destination_cidr_block = "\$\{local\.egress\}": is an expression/],
    ['a destination that is not a CIDR', EGRESS, (j) => void (route(j).destination_cidr_block = '10.0.0.1/16'), /destination_cidr_block = "10\.0\.0\.1\/16": has host bits set \(10\.0\.0\.0\/16\)/],
    ['a route to a managed prefix list', EGRESS, (j) => void Object.assign(route(j), { destination_cidr_block: undefined, destination_prefix_list_id: 'pl-0123' }), /destination_prefix_list_id = "pl-0123": routes a managed prefix list/],
    ['an IPv6 route', EGRESS, (j) => void Object.assign(route(j), { destination_cidr_block: undefined, destination_ipv6_cidr_block: '::/0' }), /destination_ipv6_cidr_block = "::\/0": is an IPv6 route/],
    ['a route to a target verify cannot trace', EGRESS, (j) => void Object.assign(route(j), { vpc_endpoint_id: undefined, vpc_peering_connection_id: 'pcx-1' }), /vpc_peering_connection_id = "pcx-1": is a route target verify cannot trace/],
    ['a route to a literal gateway ID', EGRESS, (j) => void Object.assign(route(j), { vpc_endpoint_id: undefined, gateway_id: 'igw-0abc' }), /gateway_id = "igw-0abc": is not a reference to a resource of this folder/],
    ['a route with two targets', EGRESS, (j) => void (route(j).nat_gateway_id = '${aws_nat_gateway.nat_nat_az1.id}'), /is a second target of one route \(nat_gateway_id, vpc_endpoint_id\)/],
    ['a route into a table this folder does not create', EGRESS, (j) => void (route(j).route_table_id = '${aws_route_table.nowhere.id}'), /route_table_id = "\$\{aws_route_table\.nowhere\.id\}": names aws_route_table\.nowhere, which this folder does not create/],
    ['a secondary VPC CIDR', SPOKE, (j) => void (j.resource.aws_vpc_ipv4_cidr_block_association = { extra: { vpc_id: '${aws_vpc.vpc_vpc.id}', cidr_block: '100.64.0.0/16' } }), /\$\.resource\.aws_vpc_ipv4_cidr_block_association\.extra: adds a secondary CIDR to a VPC/],
    ['a TGW route to a variable', EGRESS, (j) => void (j.resource.aws_ec2_transit_gateway_route.tgw_route_spokes_default.destination_cidr_block = '${var.x}'), /aws_ec2_transit_gateway_route\.tgw_route_spokes_default\.destination_cidr_block = "\$\{var\.x\}"/],
    ['a TGW route with neither attachment nor blackhole', EGRESS, (j) => void delete j.resource.aws_ec2_transit_gateway_route.tgw_route_spokes_default.transit_gateway_attachment_id, /transit_gateway_attachment_id: is missing \(a static route names an attachment or is a blackhole\)/],
    ['provider.aws: {}', SPOKE, (j) => void (j.provider.aws = {}), /spoke-prod-app\/cdk\.tf\.json: \$\.provider\.aws\[0\]\.region: must be a literal AWS Region/],
    ['no aws provider', SPOKE, (j) => void delete j.provider, /\$\.provider\.aws: is missing: verify cannot tell which Region and account this stack acts in/],
    ['a VPC without its role tag', SPOKE, (j) => void (j.resource.aws_vpc.vpc_vpc.tags = null), /\$\.resource\.aws_vpc\.vpc_vpc\.tags = null: must be an object of literal strings/],
    ['a VPC of an unknown role', SPOKE, (j) => void (j.resource.aws_vpc.vpc_vpc.tags['gwlb-blueprint:role'] = 'lab'), /tags\["gwlb-blueprint:role"\] = "lab": must be one of spoke, dmz, egress/],
    ['inline routes that are not blocks', SPOKE, (j) => void (j.resource.aws_route_table.vpc_route_table_tgw_az1.route = 5), /aws_route_table\.vpc_route_table_tgw_az1\.route = 5: must be a block/],
    ['attachment subnets that are not a list', SPOKE, (j) => void (j.resource.aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.subnet_ids = 'x'), /subnet_ids = "x": must be a list of references to aws_subnet/],
    ['a subnet outside its VPC', SPOKE, (j) => void (j.resource.aws_subnet.vpc_subnet_tgw_az1.cidr_block = '10.99.0.0/28'), /vpc_subnet_tgw_az1\.cidr_block = "10\.99\.0\.0\/28": lies outside its VPC's 10\.10\.0\.0\/16/],
    ['a dynamic block', EGRESS, (j) => void (j.resource.aws_route_table.vpc_route_table_tgw_az1.dynamic = { route: { for_each: '${var.r}' } }), /aws_route_table\.vpc_route_table_tgw_az1\.dynamic = .*: is a dynamic block/],
    ['a non-literal count', EGRESS, (j) => void (route(j).count = '${var.n}'), /vpc_route_tgw_az1_default\.count = "\$\{var\.n\}": is not a literal whole number/],
    ['a TGW that associates attachments with its default route table', 'stacks/acme-eu-west-2-hub/cdk.tf.json', (j) => void delete j.resource.aws_ec2_transit_gateway.hub_tgw.default_route_table_association, /aws_ec2_transit_gateway\.hub_tgw\.default_route_table_association: must be "disable"/],
    ['a module call', EGRESS, (j) => void (j.module = { more: { source: './more' } }), /\$\.module\.more: is a module call/],
    ['a second route to one destination in a table', EGRESS, (j) => void (j.resource.aws_route.again = { ...route(j), '//': undefined }), /aws_route\.again\.destination_cidr_block = "0\.0\.0\.0\/0": is a second route to this destination in acme-eu-west-2-egress-tgw-az1/],
    ['a gateway endpoint for a service that has none', 'stacks/acme-eu-west-2-dmz-prod-dmz/cdk.tf.json', (j) => void (j.resource.aws_vpc_endpoint.s3_endpoint.service_name = 'com.amazonaws.eu-west-2.ec2'), /s3_endpoint\.service_name = "com\.amazonaws\.eu-west-2\.ec2": is not the S3 or DynamoDB service of a Region/],
  ])('%s', async (_name, file, change, message) => {
    const { code, err, out } = await verify(mutated(file, change));
    expect(err).toMatch(message);
    expect(err).not.toMatch(/internal error|    at /);
    expect(out).not.toMatch(/verified/);
    expect(code).toBe(1);
  });
});

describe('a malformed intent file, refused with its JSON path', () => {
  it.each<[string, (json: Json) => Json | void, RegExp]>([
    ['regions: null', (j) => void (j.regions = null), /intent\.json: \$\.regions = null: must be an object of regions by code/],
    ['a region entry of the wrong shape', (j) => void (j.regions['eu-west-2'] = 5), /\$\.regions\["eu-west-2"\] = 5: must be an object with flows and vpnPrefixes/],
    ['a region without flows', (j) => void (j.regions['eu-west-2'] = {}), /\$\.regions\["eu-west-2"\]\.flows: must be an object of flow policies by class/],
    ['an unknown policy', (j) => void (j.regions['eu-west-2'].flows['spoke-spoke'] = 'maybe'), /flows\["spoke-spoke"\] = "maybe": must be "inspect" or "direct"/],
    ['a misspelt field', (j) => void (j.peering = []), /\$\.peering = \[\]: is not a field of a gwlb-blueprint intent file/],
    ['office prefixes that are not CIDRs', (j) => void (j.regions['eu-west-2'].vpnPrefixes['acme-eu-west-2-london-office'] = ['10.255.255.1/24']), /vpnPrefixes\["acme-eu-west-2-london-office"\]\[0\] = "10\.255\.255\.1\/24": has host bits set/],
    ['a region the stacks do not have', (j) => void (j.regions['us-east-1'] = j.regions['eu-west-2']), /\$\.regions\["us-east-1"\]: is a region where no stack of this folder creates a VPC/],
    ['an office the stacks do not have', (j) => void (j.regions['eu-west-2'].vpnPrefixes.ghost = ['10.1.0.0/16']), /vpnPrefixes\.ghost: names a VPN connection no stack of this region creates/],
    ['not an object', () => [], /gwlb-blueprint\.intent\.json: \$ = \[\]: is not a gwlb-blueprint intent file/],
  ])('%s', async (_name, change, message) => {
    const { code, err } = await verify(mutated(INTENT, change));
    expect(err).toMatch(message);
    expect(err).not.toMatch(/internal error/);
    expect(code).toBe(1);
  });
});

describe('what Terraform would create, traced as it would', () => {
  it('resolves references to count and for_each instances', async () => {
    const folder = mutated(SPOKE, (j) => {
      const tables = j.resource.aws_route_table;
      tables.workload = { ...tables.vpc_route_table_workload_az1, count: 1 };
      tables.edge = { ...tables.vpc_route_table_workload_az2, for_each: { a: 'x' } };
      delete tables.vpc_route_table_workload_az1;
      delete tables.vpc_route_table_workload_az2;
      j.resource.aws_route.vpc_route_workload_az1_default.route_table_id = '${aws_route_table.workload[0].id}';
      j.resource.aws_route_table_association.vpc_route_table_association_workload_az1.route_table_id = '${aws_route_table.workload[0].id}';
      j.resource.aws_route.vpc_route_workload_az2_default.route_table_id = '${aws_route_table.edge["a"].id}';
      j.resource.aws_route_table_association.vpc_route_table_association_workload_az2.route_table_id = '${aws_route_table.edge["a"].id}';
    });
    const { code, out } = await verify(folder);
    expect(out).toMatch(/^verified: [\d,]+ AZ paths/m);
    expect(code).toBe(0);
  });

  it('refuses a reference to a counted resource without its instance key', async () => {
    const folder = mutated(SPOKE, (j) => {
      j.resource.aws_route_table.vpc_route_table_workload_az1.count = 1;
    });
    const { code, err } = await verify(folder);
    expect(err).toMatch(/route_table_id = "\$\{aws_route_table\.vpc_route_table_workload_az1\.id\}": names aws_route_table\.vpc_route_table_workload_az1, which this folder does not create/);
    expect(code).toBe(1);
  });

  it('applies an override file: a route it sends to NAT is a bypass, named', async () => {
    const folder = mutated(EGRESS, () => undefined);
    const override = { resource: { aws_route: { vpc_route_tgw_az2_default: { vpc_endpoint_id: null, nat_gateway_id: '${aws_nat_gateway.nat_nat_az2.id}' } } } };
    writeFileSync(path.join(folder, 'stacks', 'acme-eu-west-2-egress', 'override.tf.json'), JSON.stringify(override));
    const { code, out } = await verify(folder);
    expect(out.replace(/\n +/g, ' ')).toMatch(/reaches the internet without passing a GWLB endpoint \(egress-tgw-az2 \[0\.0\.0\.0\/0\] → NAT\)/);
    expect(code).toBe(1);
  });

  it('reads every other config file of a stack folder: a bypass route added in one is caught', async () => {
    const folder = mutated(EGRESS, () => undefined);
    const extra = { resource: { aws_route: { extra: { destination_cidr_block: '8.0.0.0/8', route_table_id: '${aws_route_table.vpc_route_table_tgw_az1.id}', nat_gateway_id: '${aws_nat_gateway.nat_nat_az1.id}' } } } };
    writeFileSync(path.join(folder, 'stacks', 'acme-eu-west-2-egress', 'extra.tf.json'), JSON.stringify(extra));
    const { code, out } = await verify(folder);
    expect(out.replace(/\n +/g, ' ')).toMatch(/→ 8\.0\.0\.0\/8: forward: reaches the internet without passing a GWLB endpoint \(egress-tgw-az1 \[8\.0\.0\.0\/8\] → NAT\)/);
    expect(code).toBe(1);
  });

  it('refuses a folder that describes no network: stacks without a VPC', async () => {
    const folder = mutated('manifest.json', (m, where) => {
      for (const name of Object.keys(m.stacks)) {
        if (name === 'acme-eu-west-2-hub') continue;
        delete m.stacks[name];
        rmSync(path.join(where, 'stacks', name), { recursive: true });
      }
      m.stacks['acme-eu-west-2-hub'].dependencies = [];
    });
    const { code, err } = await verify(folder);
    expect(err).toMatch(/no stack of this folder creates an aws_vpc: there is no network to verify/);
    expect(code).toBe(1);
  });
});
