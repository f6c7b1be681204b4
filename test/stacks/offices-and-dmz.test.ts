/**
 * What the offices learn (DESIGN.md row `onprem`) and how closed a DMZ is (rows
 * `dmzs`, "DMZ"): the TGW advertises to a BGP office the table its VPN is
 * associated with, DMZs have a table of their own, and a DMZ's S3 endpoint admits
 * only the blueprint's accounts and the AWS-owned buckets instances need.
 */
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import type { Blueprint } from '../../src/blueprint/schema';
import { intentOf } from '../../src/synth/intent';
import { modelOf, modelOfValue, REFERENCE, ROOT, resources, synthStacks, type SynthesizedStack } from './support';

const SINGLE = path.join(ROOT, 'examples', 'single-account.blueprint.json');
const MULTI_REGION = path.join(ROOT, 'examples', 'multi-region.blueprint.yaml');
const reference = () => readBlueprintFile(REFERENCE).value as Blueprint;

/** `<table> <destination> → <attachment expression tail>` of every TGW route of a stack. */
function tgwRoutes(stack: SynthesizedStack): string[] {
  return (Object.values(resources(stack, 'aws_ec2_transit_gateway_route')) as any[])
    .map((r) => `${String(r.transit_gateway_route_table_id).replace(/.*(hub_route_table_|peering_route_table_)(\w+?)(_id\}|\.id\})$/, '$2')} ${r.destination_cidr_block}`)
    .sort();
}

describe('what the offices learn: the onprem table', () => {
  let stacks: Record<string, SynthesizedStack>;
  beforeAll(() => {
    stacks = synthStacks(modelOf(REFERENCE));
  });

  it('holds one route per VPC CIDR of the region, to the egress attachment, and no default route', () => {
    const onprem = tgwRoutes(stacks['acme-eu-west-2-egress']).filter((r) => r.startsWith('onprem '));
    expect(onprem).toEqual(['10.10.0.0/16', '10.20.0.0/16', '10.253.0.0/20', '10.254.0.0/20', '10.255.0.0/20', '10.30.0.0/16'].map((c) => `onprem ${c}`).sort());
    expect(onprem).not.toContain('onprem 0.0.0.0/0');
  });

  it('adds 0.0.0.0/0 when the blueprint sends the offices\' internet traffic through AWS', () => {
    const bp = reference();
    bp.regions['eu-west-2'].officeInternetThroughAws = true;
    const egress = synthStacks(modelOfValue(bp))['acme-eu-west-2-egress'];
    expect(resources(egress, 'aws_ec2_transit_gateway_route').tgw_route_onprem_default).toMatchObject({
      destination_cidr_block: '0.0.0.0/0',
      transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.id}',
    });
  });

  it('learns the peered region\'s ranges too: to the egress VPC where the region inspects the pair, to the peering where it does not', () => {
    const every = tgwRoutes(synthStacks(modelOf(MULTI_REGION))['globex-peering-eu-west-1-us-east-1']).filter((r) => r.startsWith('onprem '));
    // both regions inspect: eu-west-1's onprem learns us-east-1's 2 VPCs, us-east-1's learns eu-west-1's 4 VPCs and the Dublin office
    expect(every).toHaveLength(7);
    const bp = readBlueprintFile(MULTI_REGION).value as Blueprint;
    bp.interRegion = { inspection: 'once' };
    const peering = synthStacks(modelOfValue(bp))['globex-peering-eu-west-1-us-east-1'];
    const routes = resources(peering, 'aws_ec2_transit_gateway_route');
    expect(routes.eu_west_1_onprem_to_10_81_0_0_16.transit_gateway_attachment_id).toMatch(/cross_stack_reference_input_globex_eu_west_1_egress\.outputs\./);
    expect(routes.us_east_1_onprem_to_10_65_0_0_16.transit_gateway_attachment_id).toBe('${aws_ec2_transit_gateway_peering_attachment_accepter.peering_accepter.id}');
  });
});

describe('DMZs have a TGW table of their own (eastWest=false still inspects DMZ ↔ spoke)', () => {
  let lab: Record<string, SynthesizedStack>;
  beforeAll(() => {
    lab = synthStacks(modelOf(SINGLE));
  });

  it('the hub creates the dmzs table; the egress stack gives it 0.0.0.0/0 to inspection and nothing else', () => {
    expect(Object.keys(resources(lab['lab-us-east-1-hub'], 'aws_ec2_transit_gateway_route_table')).sort()).toEqual(
      ['dmzs', 'inspection', 'onprem', 'spokes'].map((t) => `hub_route_table_${t}`),
    );
    expect(tgwRoutes(lab['lab-us-east-1-egress']).filter((r) => r.startsWith('dmzs '))).toEqual(['dmzs 0.0.0.0/0']);
  });

  it('the DMZ associates with dmzs and propagates into no table but inspection', () => {
    const dmz = lab['lab-us-east-1-dmz-web'];
    const tableOf = (r: any) => String(r.transit_gateway_route_table_id).replace(/.*hub_route_table_(\w+)_id\}$/, '$1');
    expect((Object.values(resources(dmz, 'aws_ec2_transit_gateway_route_table_association')) as any[]).map(tableOf)).toEqual(['dmzs']);
    expect((Object.values(resources(dmz, 'aws_ec2_transit_gateway_route_table_propagation')) as any[]).map(tableOf)).toEqual(['inspection']);
  });

  it('the intent says DMZ ↔ spoke is inspected, spoke ↔ spoke direct', () => {
    const flows = intentOf(modelOf(SINGLE)).regions['us-east-1'].flows;
    expect(flows['dmz-spoke']).toBe('inspect');
    expect(flows['spoke-spoke']).toBe('direct');
  });

  it('a region without DMZs has no dmzs table', () => {
    const multi = synthStacks(modelOf(MULTI_REGION));
    expect(resources(multi['globex-us-east-1-hub'], 'aws_ec2_transit_gateway_route_table').hub_route_table_dmzs).toBeUndefined();
  });
});

describe('the DMZ S3 gateway endpoint admits the blueprint\'s accounts and the buckets instances need, no more', () => {
  const policyOf = (stack: SynthesizedStack): string => resources(stack, 'aws_vpc_endpoint').s3_endpoint.policy;
  const ACCOUNTS = 'data.terraform_remote_state.cross_stack_reference_input_acme_eu_west_2_hub.outputs.network_account_ids';
  let stacks: Record<string, SynthesizedStack>;
  beforeAll(() => {
    stacks = synthStacks(modelOf(REFERENCE));
  });

  it('lets principals of the blueprint\'s accounts reach buckets those accounts own (the accounts read from the hub)', () => {
    const policy = policyOf(stacks['acme-eu-west-2-dmz-prod-dmz']);
    expect(policy).toMatch(/^\$\{jsonencode\(\{"Version" = "2012-10-17"/);
    expect(policy).toContain(`"Sid" = "BlueprintAccountsToTheirOwnBuckets", "Effect" = "Allow", "Principal" = "*", "Action" = "s3:*", "Resource" = "*"`);
    expect(policy).toContain(`"Condition" = {"StringEquals" = {"aws:PrincipalAccount" = ${ACCOUNTS}, "aws:ResourceAccount" = ${ACCOUNTS}}}`);
    expect(stacks['acme-eu-west-2-hub'].json.output.network_account_ids.value).toEqual(['111111111111', '222222222222', '333333333333', '444444444444']);
  });

  it('lets anyone in the VPC read the AWS-owned buckets of the region: Amazon Linux repositories, SSM, CloudWatch agent', () => {
    const policy = policyOf(stacks['acme-eu-west-2-dmz-prod-dmz']);
    expect(policy).toContain('"Sid" = "AwsOwnedBucketsInstancesNeed", "Effect" = "Allow", "Principal" = "*", "Action" = ["s3:GetObject", "s3:ListBucket"]');
    for (const bucket of ['al2023-repos-eu-west-2-de612dc2', 'amazonlinux-2-repos-eu-west-2', 'amazon-ssm-eu-west-2', 'patch-baseline-snapshot-eu-west-2', 'amazoncloudwatch-agent-eu-west-2']) {
      expect(policy).toContain(`"arn:aws:s3:::${bucket}/*"`);
    }
    expect(policy).not.toMatch(/\{region\}|us-east-1/);
  });

  it('adds the buckets the blueprint lists, read-only; with enabled false there is no endpoint', () => {
    const bp = reference();
    bp.regions['eu-west-2'].dmzs!['prod-dmz'].s3Endpoint = { buckets: ['vendor-packages'] };
    bp.regions['eu-west-2'].dmzs!['partner-dmz'].s3Endpoint = { enabled: false };
    const changed = synthStacks(modelOfValue(bp));
    expect(policyOf(changed['acme-eu-west-2-dmz-prod-dmz'])).toContain(
      '{"Sid" = "BucketsTheBlueprintAdds", "Effect" = "Allow", "Principal" = "*", "Action" = ["s3:GetObject", "s3:ListBucket"], "Resource" = ["arn:aws:s3:::vendor-packages", "arn:aws:s3:::vendor-packages/*"]}',
    );
    expect(resources(changed['acme-eu-west-2-dmz-partner-dmz'], 'aws_vpc_endpoint').s3_endpoint).toBeUndefined();
  });
});

describe('onprem past the 1,000 routes a VPN connection is advertised', () => {
  it('carries the internal ranges instead of one route per VPC, and the peering adds none to the egress VPC', () => {
    const bp = reference();
    const second = JSON.parse(JSON.stringify(bp.regions['eu-west-2'])) as Blueprint['regions'][string];
    second.availabilityZones = ['use1-az1', 'use1-az2', 'use1-az4'];
    second.transitGateway.amazonSideAsn = 64530;
    second.egress.cidr = '10.199.0.0/20';
    second.dmzs = { 'us-dmz': { account: 'network', cidr: '10.198.0.0/20', fleet: 'cloudguard' } };
    second.spokes = { 'us-app': { account: 'production', cidr: '10.110.0.0/16' } };
    // 995 office prefixes in us-east-1: eu-west-2's offices would learn 6 + 3 + 995 routes
    second.vpnConnections = { 'nyc-office': { customerGatewayIp: '198.51.100.7', bgpAsn: 65020, cidrs: Array.from({ length: 995 }, (_, i) => `172.${16 + (i >> 8)}.${i % 256}.0/24`) } };
    bp.regions['us-east-1'] = second;
    const stacks = synthStacks(modelOfValue(bp));
    expect(tgwRoutes(stacks['acme-eu-west-2-egress']).filter((r) => r.startsWith('onprem '))).toEqual(['onprem 10.0.0.0/8', 'onprem 172.16.0.0/12', 'onprem 192.168.0.0/16']);
    const peering = Object.keys(resources(stacks['acme-peering-eu-west-2-us-east-1'], 'aws_ec2_transit_gateway_route'));
    expect(peering.filter((n) => n.startsWith('eu_west_2_onprem_to_'))).toEqual([]);
    // us-east-1 (3 + 6 routes) is not summarised: it learns its own and eu-west-2's VPCs one by one
    expect(peering.filter((n) => n.startsWith('us_east_1_onprem_to_'))).toHaveLength(6);
    expect(tgwRoutes(stacks['acme-us-east-1-egress']).filter((r) => r.startsWith('onprem '))).toEqual(['onprem 10.110.0.0/16', 'onprem 10.198.0.0/20', 'onprem 10.199.0.0/20']);
  });
});
