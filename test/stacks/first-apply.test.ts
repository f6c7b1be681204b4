/**
 * What a first apply on real AWS needs that a mocked provider accepts either way
 * (issue "The first apply on real AWS"): routes that wait for acceptances, 4-byte
 * customer gateway ASNs in the right attribute, the Terraform the backend needs,
 * VPN tunnel logs, and the management path into a region that does not inspect a
 * peering.
 */
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import type { Blueprint } from '../../src/blueprint/schema';
import { applianceSecurityGroupRules } from '../../src/blueprint/rules/security-group-rules';
import { modelOf, modelOfValue, REFERENCE, ROOT, resources, synthStacks, type SynthesizedStack } from './support';

const MULTI_REGION = path.join(ROOT, 'examples', 'multi-region.blueprint.yaml');

let reference: Record<string, SynthesizedStack>;
let multi: Record<string, SynthesizedStack>;
beforeAll(() => {
  reference = synthStacks(modelOf(REFERENCE));
  multi = synthStacks(modelOf(MULTI_REGION));
});

const ACCEPTER_TGW = '${aws_ec2_transit_gateway_vpc_attachment_accepter.tgw_attachment_accepter.transit_gateway_id}';
const ATTACHMENT_TGW = '${aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.transit_gateway_id}';
const tgwRoutesOf = (stack: SynthesizedStack) => (Object.values(resources(stack, 'aws_route')) as any[]).filter((r) => r.transit_gateway_id);

describe('routes to the TGW wait for the acceptance of a cross-account attachment', () => {
  it.each(['spoke-partner-app', 'spoke-prod-app', 'dmz-partner-dmz'])('%s (another account than the TGW): every route reads the TGW ID off the accepter', (name) => {
    const routes = tgwRoutesOf(reference[`acme-eu-west-2-${name}`]);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route.transit_gateway_id).toBe(ACCEPTER_TGW);
  });

  it('dmz-prod-dmz and the egress VPC (the TGW\'s own account): nothing to accept, the attachment itself', () => {
    for (const name of ['dmz-prod-dmz', 'egress']) {
      const stack = reference[`acme-eu-west-2-${name}`];
      expect(resources(stack, 'aws_ec2_transit_gateway_vpc_attachment_accepter')).toEqual({});
      for (const route of tgwRoutesOf(stack)) expect(route.transit_gateway_id).toBe(ATTACHMENT_TGW);
    }
  });

  it('the TGW side (association, propagations) of a cross-account attachment names the accepter', () => {
    const stack = reference['acme-eu-west-2-spoke-partner-app'];
    for (const type of ['aws_ec2_transit_gateway_route_table_association', 'aws_ec2_transit_gateway_route_table_propagation']) {
      for (const r of Object.values(resources(stack, type)) as any[]) {
        expect(r.transit_gateway_attachment_id).toBe('${aws_ec2_transit_gateway_vpc_attachment_accepter.tgw_attachment_accepter.id}');
      }
    }
  });
});

describe('attachments in an account that accepts the TGW share by invitation (partner, external)', () => {
  it('the hub publishes the TGW ID for that account only after accepting the share there', () => {
    const hub = multi['globex-eu-west-1-hub'];
    expect(hub.json.output.transit_gateway_id_accepted_by_partner).toMatchObject({
      value: '${aws_ec2_transit_gateway.hub_tgw.id}',
      depends_on: ['aws_ram_resource_share_accepter.share_accepter_partner'],
    });
    expect(resources(hub, 'aws_ram_resource_share_accepter').share_accepter_partner.provider).toBe('aws.partner');
  });

  it.each(['dmz-partner-edge', 'spoke-partner-api'])('%s attaches to the TGW ID of the accepted share; an account in the Organization does not wait', (name) => {
    const attachment = resources(multi[`globex-eu-west-1-${name}`], 'aws_ec2_transit_gateway_vpc_attachment').tgw_attachment_attachment;
    expect(attachment.transit_gateway_id).toBe('${data.terraform_remote_state.cross_stack_reference_input_globex_eu_west_1_hub.outputs.transit_gateway_id_accepted_by_partner}');
    const shop = resources(multi['globex-eu-west-1-spoke-shop'], 'aws_ec2_transit_gateway_vpc_attachment').tgw_attachment_attachment;
    expect(shop.transit_gateway_id).toMatch(/outputs\.cross_stack_output_aws_ec2_transit_gateway_hub_tgw_id\}$/);
  });
});

describe('customer gateway ASNs (terraform-provider-aws #38738)', () => {
  function hubWithOfficeAsn(asn: number): SynthesizedStack {
    const bp = readBlueprintFile(REFERENCE).value as Blueprint;
    bp.regions['eu-west-2'].vpnConnections!['london-office'].bgpAsn = asn;
    return synthStacks(modelOfValue(bp))['acme-eu-west-2-hub'];
  }

  it('a private 4-byte ASN above 2,147,483,647 goes in bgp_asn_extended, never in bgp_asn', () => {
    const cgw = resources(hubWithOfficeAsn(4_200_000_010), 'aws_customer_gateway')['vpn_london_office_customer_gateway'];
    expect(cgw).toMatchObject({ bgp_asn_extended: '4200000010' });
    expect(cgw.bgp_asn).toBeUndefined();
  });

  it('a 2-byte private ASN stays in bgp_asn', () => {
    const cgw = resources(reference['acme-eu-west-2-hub'], 'aws_customer_gateway')['vpn_london_office_customer_gateway'];
    expect(cgw).toMatchObject({ bgp_asn: '65010' });
    expect(cgw.bgp_asn_extended).toBeUndefined();
  });
});

describe('every stack requires the Terraform its backend needs (use_lockfile is generally available from 1.11)', () => {
  /** Whether `>= x.y` admits `version`; the only constraint form the stacks use. */
  const admits = (constraint: string, version: string) => {
    const m = /^>= (\d+)\.(\d+)$/.exec(constraint);
    if (!m) throw new Error(`unexpected constraint ${constraint}`);
    const [major, minor] = version.split('.').map(Number);
    return major > Number(m[1]) || (major === Number(m[1]) && minor >= Number(m[2]));
  };
  it.each([['reference'], ['multi-region']])('%s: every stack refuses 1.10 and admits 1.11', (which) => {
    const stacks = which === 'reference' ? reference : multi;
    for (const [name, stack] of Object.entries(stacks)) {
      const constraint = stack.json.terraform.required_version;
      expect([name, typeof constraint]).toEqual([name, 'string']);
      expect([name, admits(constraint, '1.10.5'), admits(constraint, '1.11.0')]).toEqual([name, false, true]);
    }
  });
});

describe('VPN tunnels log to CloudWatch', () => {
  it('both tunnels of every VPN send JSON logs to a log group of their own, under /aws/vendedlogs/', () => {
    const hub = reference['acme-eu-west-2-hub'];
    const group = resources(hub, 'aws_cloudwatch_log_group')['vpn_london_office_tunnel_logs'];
    expect(group.name).toBe('/aws/vendedlogs/gwlb-blueprint/acme-eu-west-2-london-office/vpn-tunnels');
    expect(group.retention_in_days).toBe(365);
    const vpn = resources(hub, 'aws_vpn_connection')['vpn_london_office_connection'];
    for (const tunnel of ['tunnel1_log_options', 'tunnel2_log_options']) {
      expect(vpn[tunnel]).toEqual({
        cloudwatch_log_options: { log_enabled: true, log_group_arn: '${aws_cloudwatch_log_group.vpn_london_office_tunnel_logs.arn}', log_output_format: 'json' },
      });
    }
  });
});

describe('a region that does not inspect a peering (interRegion.inspection: once)', () => {
  it('lets what arrives over the peering reach its egress VPC, so the other region can manage its appliances', () => {
    const bp = readBlueprintFile(MULTI_REGION).value as Blueprint;
    bp.interRegion = { inspection: 'once' };
    const peering = synthStacks(modelOfValue(bp))['globex-peering-eu-west-1-us-east-1'];
    const propagations = resources(peering, 'aws_ec2_transit_gateway_route_table_propagation');
    // eu-west-1 (first alphabetically) inspects; us-east-1 does not
    expect(propagations.us_east_1_peer_egress).toMatchObject({
      transit_gateway_attachment_id: expect.stringMatching(/cross_stack_reference_input_globex_us_east_1_egress\.outputs\./),
      transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.peering_route_table_us_east_1.id}',
    });
    expect(propagations.eu_west_1_peer_egress).toBeUndefined();
  });
});

describe('the security group rule count that validation checks against the quota', () => {
  it.each([
    ['reference', 'acme-eu-west-2-egress', 'eu-west-2', 'cloudguard'],
    ['multi-region', 'globex-eu-west-1-egress', 'eu-west-1', 'vmseries'],
    ['multi-region', 'globex-us-east-1-egress', 'us-east-1', 'fortigate'],
  ])('%s %s: the appliance security groups of %s/%s hold the inbound and outbound rules security-group-rules counts', (which, stackName, region, fleet) => {
    const stacks = which === 'reference' ? reference : multi;
    const bp = readBlueprintFile(which === 'reference' ? REFERENCE : MULTI_REGION).value as Blueprint;
    const expected = applianceSecurityGroupRules(bp.regions[region].fleets[fleet], bp.regions[region].availabilityZones.length);
    const count = (type: string, group: string) =>
      (Object.values(resources(stacks[stackName], type)) as any[]).filter((r) => r.security_group_id === `\${aws_security_group.fleet_${fleet}_${group}.id}`).length;
    const rulesOf = (group: string) => ({ inbound: count('aws_vpc_security_group_ingress_rule', group), outbound: count('aws_vpc_security_group_egress_rule', group) });
    expect({ data: rulesOf('security_group'), management: rulesOf('management_security_group') }).toEqual(expected);
    expect(expected.management.inbound).toBeGreaterThan(0);
  });
});
