/**
 * Every routing row of DESIGN.md ("Routing"), checked on the synthesized stacks of
 * the reference blueprint: each route table holds exactly the routes the design
 * lists, per AZ, and the TGW tables are associated and propagated as it says.
 */
import * as path from 'node:path';
import { modelOf, REFERENCE, ROOT, resources, routeRows, synthStacks, type SynthesizedStack } from './support';

const INTERNAL = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const AZS = ['az1', 'az2', 'az3'];

let stacks: Record<string, SynthesizedStack>;
beforeAll(() => {
  stacks = synthStacks(modelOf(REFERENCE));
});

/** The rows of one route table, as sorted `destination → target` strings. */
function table(stack: SynthesizedStack, name: string): string[] {
  return routeRows(stack)
    .filter((r) => r.table === name)
    .map((r) => `${r.destination} → ${r.target}`)
    .sort();
}

const rows = (destinations: string[], target: string) => destinations.map((d) => `${d} → ${target}`);

describe('egress VPC (DESIGN.md rows "egress")', () => {
  const egress = () => stacks['acme-eu-west-2-egress'];
  it.each(AZS)('tgw subnet %s: 0.0.0.0/0 → that AZ’s GWLB endpoint', (az) => {
    expect(table(egress(), `vpc_route_table_tgw_${az}`)).toEqual([`0.0.0.0/0 → aws_vpc_endpoint.gwlbe_endpoint_${az}`]);
  });
  it.each(AZS)('gwlbe subnet %s: 0.0.0.0/0 → NAT of that AZ; internal ranges → TGW', (az) => {
    expect(table(egress(), `vpc_route_table_gwlbe_${az}`)).toEqual([`0.0.0.0/0 → aws_nat_gateway.nat_nat_${az}`, ...rows(INTERNAL, 'tgw')].sort());
  });
  it.each(AZS)('public subnet %s: 0.0.0.0/0 → IGW; internal ranges → that AZ’s endpoint (inspected return)', (az) => {
    expect(table(egress(), `vpc_route_table_public_${az}`)).toEqual(['0.0.0.0/0 → aws_internet_gateway.vpc_igw', ...rows(INTERNAL, `aws_vpc_endpoint.gwlbe_endpoint_${az}`)].sort());
  });
  it.each(AZS)('appliance subnet %s: 0.0.0.0/0 → NAT of that AZ; internal ranges → TGW (management)', (az) => {
    expect(table(egress(), `vpc_route_table_appliance_${az}`)).toEqual([`0.0.0.0/0 → aws_nat_gateway.nat_nat_${az}`, ...rows(INTERNAL, 'tgw')].sort());
  });
  it('puts each NAT gateway in the public subnet of its own AZ', () => {
    for (const az of AZS) expect(resources(egress(), 'aws_nat_gateway')[`nat_nat_${az}`].subnet_id).toBe(`\${aws_subnet.vpc_subnet_public_${az}.id}`);
  });
  it('places every endpoint in its own AZ’s gwlbe subnet, consuming the egress fleet’s service', () => {
    for (const az of AZS) {
      const endpoint = resources(egress(), 'aws_vpc_endpoint')[`gwlbe_endpoint_${az}`];
      expect(endpoint.subnet_ids).toEqual([`\${aws_subnet.vpc_subnet_gwlbe_${az}.id}`]);
      expect(endpoint.vpc_endpoint_type).toBe('GatewayLoadBalancer');
      expect(endpoint.service_name).toBe('${aws_vpc_endpoint_service.fleet_cloudguard_endpoint_service.service_name}');
    }
  });
  it('attaches to the TGW with appliance mode, associated with the inspection table and propagated nowhere', () => {
    const attachment = resources(egress(), 'aws_ec2_transit_gateway_vpc_attachment').tgw_attachment_attachment;
    expect(attachment.appliance_mode_support).toBe('enable');
    expect(attachment.subnet_ids).toEqual(AZS.map((az) => `\${aws_subnet.vpc_subnet_tgw_${az}.id}`));
    const association = resources(egress(), 'aws_ec2_transit_gateway_route_table_association').tgw_attachment_association;
    expect(association.transit_gateway_route_table_id).toMatch(/hub_route_table_inspection_id\}$/);
    expect(resources(egress(), 'aws_ec2_transit_gateway_route_table_propagation')).toEqual({});
  });
});

describe('TGW route tables (DESIGN.md rows "TGW")', () => {
  it('spokes and dmzs tables: 0.0.0.0/0 → the egress attachment; onprem: each VPC CIDR of the region, no default (written from the egress stack in the TGW account)', () => {
    const routes = resources(stacks['acme-eu-west-2-egress'], 'aws_ec2_transit_gateway_route');
    const vpcCidrs = ['10.255.0.0/20', '10.254.0.0/20', '10.253.0.0/20', '10.10.0.0/16', '10.20.0.0/16', '10.30.0.0/16'];
    const rows = (Object.values(routes) as any[]).map((r) => `${r.transit_gateway_route_table_id.replace(/.*hub_route_table_(\w+)_id\}$/, '$1')} ${r.destination_cidr_block}`);
    expect(rows.sort()).toEqual(['spokes 0.0.0.0/0', 'dmzs 0.0.0.0/0', ...vpcCidrs.map((c) => `onprem ${c}`)].sort());
    for (const route of Object.values(routes) as any[]) {
      // network owns the egress VPC and the TGW: no accepter, the attachment itself
      expect(route.transit_gateway_attachment_id).toBe('${aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.id}');
    }
  });
  it('every spoke associates with the spokes table, every DMZ with the dmzs table; both propagate into inspection only (east-west on)', () => {
    for (const name of ['spoke-prod-app', 'spoke-partner-app', 'spoke-internal-app', 'dmz-prod-dmz', 'dmz-partner-dmz']) {
      const stack = stacks[`acme-eu-west-2-${name}`];
      const association = Object.values(resources(stack, 'aws_ec2_transit_gateway_route_table_association')) as any[];
      expect(association.map((a) => a.transit_gateway_route_table_id.replace(/.*hub_route_table_(\w+)_id\}$/, '$1'))).toEqual([name.startsWith('dmz-') ? 'dmzs' : 'spokes']);
      const propagations = Object.values(resources(stack, 'aws_ec2_transit_gateway_route_table_propagation')) as any[];
      expect(propagations.map((p) => p.transit_gateway_route_table_id.replace(/.*hub_route_table_(\w+)_id\}$/, '$1'))).toEqual(['inspection']);
    }
  });
  it('the VPN associates with onprem and propagates into inspection', () => {
    const hub = stacks['acme-eu-west-2-hub'];
    const association = Object.values(resources(hub, 'aws_ec2_transit_gateway_route_table_association')) as any[];
    expect(association.map((a) => a.transit_gateway_route_table_id)).toEqual(['${aws_ec2_transit_gateway_route_table.hub_route_table_onprem.id}']);
    const propagation = Object.values(resources(hub, 'aws_ec2_transit_gateway_route_table_propagation')) as any[];
    expect(propagation.map((p) => p.transit_gateway_route_table_id)).toEqual(['${aws_ec2_transit_gateway_route_table.hub_route_table_inspection.id}']);
  });
  it('with eastWest=false, spokes also propagate into the spokes table; the DMZ still into inspection only', () => {
    const lab = synthStacks(modelOf(path.join(ROOT, 'examples', 'single-account.blueprint.json')));
    const tablesOf = (name: string) =>
      (Object.values(resources(lab[name], 'aws_ec2_transit_gateway_route_table_propagation')) as any[]).map((p) => p.transit_gateway_route_table_id.replace(/.*hub_route_table_(\w+)(_id\}|\.id\})$/, '$1')).sort();
    for (const name of ['lab-us-east-1-spoke-apps', 'lab-us-east-1-spoke-data']) expect(tablesOf(name)).toEqual(['inspection', 'spokes']);
    expect(tablesOf('lab-us-east-1-dmz-web')).toEqual(['inspection']);
  });
  it('a static VPN writes its prefixes into the inspection table instead of propagating', () => {
    const hub = synthStacks(modelOf(path.join(ROOT, 'examples', 'single-account.blueprint.json')))['lab-us-east-1-hub'];
    expect(resources(hub, 'aws_ec2_transit_gateway_route_table_propagation')).toEqual({});
    const routes = Object.values(resources(hub, 'aws_ec2_transit_gateway_route')) as any[];
    expect(routes.map((r) => [r.destination_cidr_block, r.transit_gateway_route_table_id])).toEqual([
      ['192.168.10.0/24', '${aws_ec2_transit_gateway_route_table.hub_route_table_inspection.id}'],
    ]);
  });
});

describe('DMZ VPC (DESIGN.md rows "DMZ")', () => {
  const dmz = () => stacks['acme-eu-west-2-dmz-prod-dmz'];
  it('has an IGW edge route table, associated with the IGW, sending each public and app subnet to its AZ’s endpoint', () => {
    const association = resources(dmz(), 'aws_route_table_association').edge_route_table_association;
    expect(association).toMatchObject({ gateway_id: '${aws_internet_gateway.vpc_igw.id}', route_table_id: '${aws_route_table.edge_route_table.id}' });
    const cidrOf = (tier: string, az: string) => resources(dmz(), 'aws_subnet')[`vpc_subnet_${tier}_${az}`].cidr_block;
    expect(table(dmz(), 'edge_route_table')).toEqual(['public', 'app'].flatMap((tier) => AZS.map((az) => `${cidrOf(tier, az)} → aws_vpc_endpoint.gwlbe_endpoint_${az}`)).sort());
  });
  it.each(AZS)('gwlbe subnet %s: 0.0.0.0/0 → IGW', (az) => {
    expect(table(dmz(), `vpc_route_table_gwlbe_${az}`)).toEqual(['0.0.0.0/0 → aws_internet_gateway.vpc_igw']);
  });
  it.each(AZS)('public subnet %s: 0.0.0.0/0 → that AZ’s endpoint; internal ranges → TGW', (az) => {
    expect(table(dmz(), `vpc_route_table_public_${az}`)).toEqual([`0.0.0.0/0 → aws_vpc_endpoint.gwlbe_endpoint_${az}`, ...rows(INTERNAL, 'tgw')].sort());
  });
  it.each(AZS)('app subnet %s: internal ranges and 0.0.0.0/0 → TGW (egress through the hub)', (az) => {
    expect(table(dmz(), `vpc_route_table_app_${az}`)).toEqual(['0.0.0.0/0 → tgw', ...rows(INTERNAL, 'tgw')].sort());
  });
  it('consumes the fleet’s endpoint service of the egress stack (cross-stack), and shares public and app subnets with production', () => {
    const endpoint = resources(dmz(), 'aws_vpc_endpoint').gwlbe_endpoint_az1;
    expect(endpoint.service_name).toMatch(/^\$\{data\.terraform_remote_state\.cross_stack_reference_input_acme_eu_west_2_egress\.outputs\./);
    expect(Object.keys(resources(dmz(), 'aws_ram_resource_association')).sort()).toEqual(
      ['public', 'app'].flatMap((t) => AZS.map((az) => `subnet_share_${t}_${az}`)).sort(),
    );
    expect(resources(dmz(), 'aws_ram_principal_association').subnet_share_with_production.principal).toBe('222222222222');
  });
  it('keeps S3 off the appliances with a gateway endpoint on the app route tables', () => {
    const s3 = resources(dmz(), 'aws_vpc_endpoint').s3_endpoint;
    expect(s3).toMatchObject({ vpc_endpoint_type: 'Gateway', service_name: 'com.amazonaws.eu-west-2.s3' });
    expect(s3.route_table_ids).toEqual(AZS.map((az) => `\${aws_route_table.vpc_route_table_app_${az}.id}`));
  });
});

describe('spoke VPC (DESIGN.md row "spoke")', () => {
  it.each(AZS)('workload subnet %s: 0.0.0.0/0 → TGW, and nothing else', (az) => {
    expect(table(stacks['acme-eu-west-2-spoke-prod-app'], `vpc_route_table_workload_${az}`)).toEqual(['0.0.0.0/0 → tgw']);
  });
  it('routes to the TGW only once attached and accepted: the target is read off the acceptance of its own attachment', () => {
    const route = resources(stacks['acme-eu-west-2-spoke-prod-app'], 'aws_route').vpc_route_workload_az1_default;
    expect(route.transit_gateway_id).toBe('${aws_ec2_transit_gateway_vpc_attachment_accepter.tgw_attachment_accepter.transit_gateway_id}');
  });
});

describe('every VPC', () => {
  it('associates every subnet with a route table of its own', () => {
    for (const stack of Object.values(stacks)) {
      const subnets = Object.keys(resources(stack, 'aws_subnet'));
      const associated = (Object.values(resources(stack, 'aws_route_table_association')) as any[]).map((a) => a.subnet_id).filter(Boolean);
      expect(associated.sort()).toEqual(subnets.map((s) => `\${aws_subnet.${s}.id}`).sort());
      expect(new Set((Object.values(resources(stack, 'aws_route_table_association')) as any[]).map((a) => a.route_table_id)).size).toBe(
        Object.keys(resources(stack, 'aws_route_table_association')).length,
      );
    }
  });
  it('never mixes inline routes with aws_route resources', () => {
    for (const stack of Object.values(stacks)) {
      for (const rt of Object.values(resources(stack, 'aws_route_table')) as any[]) expect(rt.route).toBeUndefined();
    }
  });
  it('has DNS support, a closed default security group and flow logs of all traffic', () => {
    for (const [name, stack] of Object.entries(stacks)) {
      if (name.endsWith('-hub')) continue;
      expect(resources(stack, 'aws_vpc').vpc_vpc).toMatchObject({ enable_dns_support: true, enable_dns_hostnames: true });
      const sg = resources(stack, 'aws_default_security_group').vpc_default_security_group;
      expect(sg.ingress).toBeUndefined();
      expect(sg.egress).toBeUndefined();
      expect(resources(stack, 'aws_flow_log').vpc_flow_logs_flow_log).toMatchObject({ traffic_type: 'ALL', vpc_id: '${aws_vpc.vpc_vpc.id}' });
    }
  });
  it('places subnets by AZ ID when the blueprint gives IDs', () => {
    const subnet = resources(stacks['acme-eu-west-2-spoke-prod-app'], 'aws_subnet').vpc_subnet_workload_az2;
    expect(subnet.availability_zone_id).toBe('euw2-az2');
    expect(subnet.availability_zone).toBeUndefined();
  });
});
