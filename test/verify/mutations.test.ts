/**
 * verify must catch the classic failures of hand-built GWLB designs. Each test
 * breaks a copy of the reference blueprint's synthesized Terraform in one way and
 * expects verify to reject it, naming the broken hop.
 */
import * as path from 'node:path';
import { copy, failedControls, failedFlows, failureLines, stackEnding, synthesizeToJson, verifyStacks, type Synthesized } from './support';

const REFERENCE = path.join(__dirname, '..', '..', 'templates', 'reference.blueprint.json');
let reference: Synthesized;

beforeAll(() => {
  reference = synthesizeToJson(REFERENCE);
});

/** Verifies a mutated copy; returns every failing AZ path's line. */
function mutate(change: (stacks: Synthesized['stacks']) => void) {
  const stacks = copy(reference.stacks);
  change(stacks);
  const result = verifyStacks(stacks, reference.intent);
  expect(result.ok).toBe(false);
  return { result, reasons: failureLines(result) };
}

const HUB_SPOKES_TABLE = '${data.terraform_remote_state.cross_stack_reference_input_acme_eu_west_2_hub.outputs.cross_stack_output_aws_ec2_transit_gateway_route_table_hub_route_table_spokes_id}';

describe('the unmodified reference', () => {
  it('verifies: every flow and every control passes', () => {
    const result = verifyStacks(reference.stacks, reference.intent);
    expect(failedFlows(result)).toEqual([]);
    expect(failedControls(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('routing mutations', () => {
  it('appliance mode off on the egress attachment: cross-AZ east-west flows are asymmetric', () => {
    const { reasons } = mutate((s) => {
      stackEnding(s, '-egress').resource.aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.appliance_mode_support = 'disable';
    });
    const eastWest = reasons.filter((r) => r.startsWith('spoke-spoke'));
    expect(eastWest.length).toBeGreaterThan(0);
    expect(eastWest[0]).toMatch(/asymmetric: forward through cloudguard in euw2-az\d, return through cloudguard in euw2-az\d/);
    // Same-AZ conversations stay symmetric even without appliance mode; every cross-AZ one fails:
    // 6 ordered spoke pairs × 6 subnet pairs in different AZs, each direction kept in its own AZ.
    expect(eastWest.filter((r) => /spoke-spoke .* (euw2-az\d) → \1 \[/.test(r))).toEqual([]);
    expect(eastWest).toHaveLength(6 * 6);
  });

  it('a return path that skips the appliance: egress public subnets route internal ranges to the TGW', () => {
    const { reasons } = mutate((s) => {
      const routes = stackEnding(s, '-egress').resource.aws_route;
      for (const name of Object.keys(routes).filter((n) => n.startsWith('vpc_route_public_') && !n.endsWith('_default'))) {
        delete routes[name].vpc_endpoint_id;
        routes[name].transit_gateway_id = '${aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.transit_gateway_id}';
      }
    });
    expect(reasons.find((r) => r.startsWith('spoke-internet'))).toMatch(/return: not inspected \(internet → NAT egress-public-az\d → TGW tgw-inspection/);
  });

  it('an IGW edge route to the wrong AZ’s endpoint', () => {
    const { reasons } = mutate((s) => {
      const edge = stackEnding(s, '-dmz-prod-dmz').resource.aws_route.edge_route_public_az1;
      edge.vpc_endpoint_id = '${aws_vpc_endpoint.gwlbe_endpoint_az2.id}';
    });
    expect(reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^internet-dmz internet → dmz-prod-dmz euw2-az1.*forward: dmz-prod-dmz-igw-edge \[10\.254\.\d+\.0\/24\] → dmz-prod-dmz-gwlbe-az2, an endpoint in euw2-az2, for traffic of euw2-az1/)]),
    );
  });

  it('an IGW edge route to the wrong subnet leaves a public subnet uninspected', () => {
    const { reasons } = mutate((s) => {
      // The route now covers an app subnet instead of the public subnet of az1.
      stackEnding(s, '-dmz-prod-dmz').resource.aws_route.edge_route_public_az1.destination_cidr_block = '10.254.6.0/24';
    });
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^internet-dmz internet → dmz-prod-dmz euw2-az1.*forward: not inspected \(internet → IGW dmz-prod-dmz → dmz-prod-dmz-public-az1\)/)]));
  });

  it('a TGW route table that lets spokes talk directly (a static route to a spoke in the spokes table)', () => {
    const { reasons } = mutate((s) => {
      stackEnding(s, '-spoke-prod-app').resource.aws_ec2_transit_gateway_route = {
        direct: {
          provider: 'aws.network',
          destination_cidr_block: '10.10.0.0/16',
          transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment_accepter.tgw_attachment_accepter.id}',
          transit_gateway_route_table_id: HUB_SPOKES_TABLE,
        },
      };
    });
    expect(reasons.find((r) => r.startsWith('spoke-spoke spoke-partner-app → spoke-prod-app'))).toMatch(/forward: not inspected \(spoke-partner-app-workload-az\d → TGW tgw-spokes → spoke-prod-app-tgw/);
  });

  it('a spoke propagated into the spokes route table', () => {
    const { reasons } = mutate((s) => {
      const spoke = stackEnding(s, '-spoke-internal-app').resource.aws_ec2_transit_gateway_route_table_propagation;
      spoke.tgw_attachment_propagation_spokes = { ...spoke.tgw_attachment_propagation_inspection, transit_gateway_route_table_id: HUB_SPOKES_TABLE };
    });
    const direct = reasons.filter((r) => r.includes('→ spoke-internal-app'));
    expect(direct.length).toBeGreaterThan(0);
    expect(direct[0]).toMatch(/not inspected \(.*TGW tgw-spokes → spoke-internal-app-tgw-az\d/);
  });

  it('a subnet with no route table association', () => {
    const { reasons } = mutate((s) => {
      delete stackEnding(s, '-spoke-prod-app').resource.aws_route_table_association.vpc_route_table_association_workload_az2;
    });
    expect(reasons.find((r) => r.startsWith('spoke-internet spoke-prod-app'))).toMatch(/forward: subnet spoke-prod-app-workload-az2 has no route table association/);
  });

  it('a missing NAT route black-holes egress in that AZ', () => {
    const { reasons } = mutate((s) => {
      delete stackEnding(s, '-egress').resource.aws_route.vpc_route_gwlbe_az3_default;
    });
    const egress = reasons.filter((r) => r.startsWith('spoke-internet'));
    expect(egress.length).toBeGreaterThan(0);
    expect(egress.every((r) => r.includes('hash: euw2-az3'))).toBe(true);
    expect(egress[0]).toMatch(/forward: egress-gwlbe-az3 has no route for this destination/);
  });

  it('an endpoint in the wrong AZ', () => {
    const { reasons } = mutate((s) => {
      stackEnding(s, '-egress').resource.aws_vpc_endpoint.gwlbe_endpoint_az1.subnet_ids = ['${aws_subnet.vpc_subnet_gwlbe_az2.id}'];
    });
    expect(reasons.find((r) => r.includes('hash: euw2-az1'))).toMatch(/egress-tgw-az1 \[0\.0\.0\.0\/0\] → egress-gwlbe-az1, an endpoint in euw2-az2, for traffic of euw2-az1/);
  });

  it('an egress route straight to NAT, bypassing the appliances', () => {
    const { reasons } = mutate((s) => {
      const route = stackEnding(s, '-egress').resource.aws_route.vpc_route_tgw_az2_default;
      delete route.vpc_endpoint_id;
      route.nat_gateway_id = '${aws_nat_gateway.nat_nat_az2.id}';
    });
    expect(reasons.find((r) => r.startsWith('spoke-internet') && r.includes('hash: euw2-az2'))).toMatch(
      /forward: reaches the internet without passing a GWLB endpoint/,
    );
  });

  it('a spokes route table without its default route black-holes spoke traffic', () => {
    const { reasons } = mutate((s) => {
      delete stackEnding(s, '-egress').resource.aws_ec2_transit_gateway_route.tgw_route_spokes_default;
    });
    expect(reasons.find((r) => r.startsWith('spoke-internet'))).toMatch(/\[10\.\d+\.0\.0\/18 → 0\.0\.0\.0–9\.255\.255\.255\]: forward: TGW route table tgw-spokes has no route for this destination/);
  });

  it('a VPN associated with the spokes table bypasses inspection of office traffic', () => {
    const { reasons } = mutate((s) => {
      const hub = stackEnding(s, '-hub').resource;
      const association = Object.values(hub.aws_ec2_transit_gateway_route_table_association)[0] as Record<string, string>;
      association.transit_gateway_route_table_id = '${aws_ec2_transit_gateway_route_table.hub_route_table_spokes.id}';
      // and the spokes table learns the spokes directly, as with east-west off
      for (const name of ['prod-app', 'partner-app', 'internal-app']) {
        const spoke = stackEnding(s, `-spoke-${name}`).resource.aws_ec2_transit_gateway_route_table_propagation;
        spoke.tgw_attachment_propagation_spokes = { ...spoke.tgw_attachment_propagation_inspection, transit_gateway_route_table_id: HUB_SPOKES_TABLE };
      }
    });
    expect(reasons.find((r) => r.startsWith('vpn-spoke london-office'))).toMatch(/forward: not inspected \(london-office → TGW tgw-spokes → spoke-/);
  });
});

describe('acceptance mutations', () => {
  it('a cross-account attachment nobody accepts stays pending: traffic from that spoke goes nowhere', () => {
    const { reasons } = mutate((s) => {
      const spoke = stackEnding(s, '-spoke-prod-app').resource;
      delete spoke.aws_ec2_transit_gateway_vpc_attachment_accepter;
      const own = '${aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.id}';
      spoke.aws_ec2_transit_gateway_route_table_association.tgw_attachment_association.transit_gateway_attachment_id = own;
      spoke.aws_ec2_transit_gateway_route_table_propagation.tgw_attachment_propagation_inspection.transit_gateway_attachment_id = own;
      // The routes read the TGW ID off the acceptance that is gone: off the attachment again.
      for (const route of Object.values(spoke.aws_route) as { transit_gateway_id?: string }[]) {
        if (route.transit_gateway_id) route.transit_gateway_id = '${aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.transit_gateway_id}';
      }
    });
    expect(reasons.find((r) => r.startsWith('spoke-internet spoke-prod-app'))).toMatch(/forward: spoke-prod-app-workload-az\d \[0\.0\.0\.0\/0\] → TGW, but spoke-prod-app is never accepted from the TGW's account: it stays pendingAcceptance/);
  });
});

describe('security baseline mutations', () => {
  const fleet = (s: Synthesized['stacks']) => stackEnding(s, '-egress').resource;

  it.each([
    ['EC2.8', (s: Synthesized['stacks']) => (fleet(s).aws_launch_template.fleet_cloudguard_launch_template.metadata_options.http_tokens = 'optional')],
    ['EC2.9', (s: Synthesized['stacks']) => (fleet(s).aws_launch_template.fleet_cloudguard_launch_template.network_interfaces[0].associate_public_ip_address = 'true')],
    ['EC2.19', (s: Synthesized['stacks']) => (fleet(s).aws_vpc_security_group_ingress_rule.fleet_cloudguard_management_22_from_10_0_0_0_8.cidr_ipv4 = '0.0.0.0/0')],
    [
      'EC2.18',
      (s: Synthesized['stacks']) =>
        (fleet(s).aws_security_group_rule = {
          ssh: { type: 'ingress', security_group_id: '${aws_security_group.fleet_cloudguard_security_group.id}', protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] },
        }),
    ],
    ['EC2.23', (s: Synthesized['stacks']) => (stackEnding(s, '-hub').resource.aws_ec2_transit_gateway.hub_tgw.auto_accept_shared_attachments = 'enable')],
    ['EC2.6', (s: Synthesized['stacks']) => delete stackEnding(s, '-spoke-prod-app').resource.aws_flow_log],
    ['EC2.2', (s: Synthesized['stacks']) => (stackEnding(s, '-spoke-prod-app').resource.aws_default_security_group.vpc_default_security_group.ingress = [{ from_port: 0, to_port: 0, protocol: '-1', self: true }])],
    ['AutoScaling.2', (s: Synthesized['stacks']) => (fleet(s).aws_autoscaling_group.fleet_cloudguard_asg.vpc_zone_identifier = ['${aws_subnet.vpc_subnet_appliance_az1.id}'])],
    ['AutoScaling.9', (s: Synthesized['stacks']) => delete fleet(s).aws_autoscaling_group.fleet_cloudguard_asg.launch_template],
  ])('%s fails when broken, and names the resource', (control, change) => {
    const stacks = copy(reference.stacks);
    change(stacks);
    const result = verifyStacks(stacks, reference.intent);
    expect(failedControls(result)).toContain(control);
    const failing = result.controls.find((c) => c.id === control)!;
    expect(failing.failures.join('\n')).toMatch(/acme-eu-west-2-(egress|hub|spoke-prod-app)\/aws_/);
  });
});
