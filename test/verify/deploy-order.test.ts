/**
 * Deploy order (DESIGN.md, verification ladder 6): each rule holds for the
 * synthesized examples, and each catches the dependency it is about when a copy
 * of the synthesized Terraform loses it, naming both resources.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import { validateBlueprint } from '../../src/blueprint/validate';
import { synthesizeNetwork } from '../../src/synth/synthesize';
import { verifySynthFolder, type VerifyResult } from '../../src/verify';
import { copy, stackEnding, synthesizeToJson, verifyStacks, type Synthesized } from './support';

const ROOT = path.join(__dirname, '..', '..');
const REFERENCE = path.join(ROOT, 'templates', 'reference.blueprint.json');
const MULTI_REGION = path.join(ROOT, 'examples', 'multi-region.blueprint.yaml');

let reference: Synthesized;
let multi: Synthesized;
beforeAll(() => {
  reference = synthesizeToJson(REFERENCE);
  multi = synthesizeToJson(MULTI_REGION);
});

const failuresOf = (result: VerifyResult, rule: string) => result.deployOrder.rules.find((r) => r.id === rule)!.failures;

/** Verifies a mutated copy and returns the failures of `rule`; the rest of the deploy order must still hold. */
function mutate(base: Synthesized, rule: string, change: (stacks: Synthesized['stacks']) => void): readonly string[] {
  const stacks = copy(base.stacks);
  change(stacks);
  const result = verifyStacks(stacks, base.intent);
  expect(result.ok).toBe(false);
  expect(result.deployOrder.ok).toBe(false);
  for (const other of result.deployOrder.rules) if (other.id !== rule) expect([other.id, other.failures]).toEqual([other.id, []]);
  return failuresOf(result, rule);
}

describe('the synthesized examples', () => {
  it.each([['reference'], ['multi-region']])('%s: every deploy-order rule holds and checks something', (which) => {
    const result = verifyStacks((which === 'reference' ? reference : multi).stacks, (which === 'reference' ? reference : multi).intent);
    expect(result.deployOrder.ok).toBe(true);
    const checked = Object.fromEntries(result.deployOrder.rules.map((r) => [r.id, r.checked]));
    for (const id of ['vpc-routes-after-acceptance', 'tgw-routing-after-acceptance', 'endpoints-after-service-permissions', 'nat-after-internet-gateway', 'cross-stack-reads-ordered']) {
      expect([id, checked[id] > 0]).toEqual([id, true]);
    }
    // only the multi-region example has an account that accepts the TGW share by invitation
    expect(checked['attachments-after-ram-acceptance']).toBe(which === 'reference' ? 0 : 2);
  });
});

describe('mutations: remove the dependency, and verify names both resources', () => {
  it('a VPC route of a cross-account spoke that reads the TGW ID off the attachment races the acceptance', () => {
    const failures = mutate(reference, 'vpc-routes-after-acceptance', (s) => {
      stackEnding(s, '-spoke-partner-app').resource.aws_route.vpc_route_workload_az2_default.transit_gateway_id = '${aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.transit_gateway_id}';
    });
    expect(failures).toEqual([
      'acme-eu-west-2-spoke-partner-app/aws_route.vpc_route_workload_az2_default does not wait for acme-eu-west-2-spoke-partner-app/aws_ec2_transit_gateway_vpc_attachment_accepter.tgw_attachment_accepter: the attachment is pendingAcceptance until then, and the route fails with InvalidTransitGatewayID.NotFound',
    ]);
  });

  it('a TGW association that names the attachment instead of its acceptance', () => {
    const failures = mutate(reference, 'tgw-routing-after-acceptance', (s) => {
      stackEnding(s, '-dmz-partner-dmz').resource.aws_ec2_transit_gateway_route_table_association.tgw_attachment_association.transit_gateway_attachment_id =
        '${aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.id}';
    });
    expect(failures).toEqual([
      expect.stringMatching(/^acme-eu-west-2-dmz-partner-dmz\/aws_ec2_transit_gateway_route_table_association\.tgw_attachment_association does not wait for acme-eu-west-2-dmz-partner-dmz\/aws_ec2_transit_gateway_vpc_attachment_accepter\.tgw_attachment_accepter: /),
    ]);
  });

  it('a TGW route across a peering that names the peering attachment instead of its acceptance', () => {
    const failures = mutate(multi, 'tgw-routing-after-acceptance', (s) => {
      stackEnding(s, '-peering-eu-west-1-us-east-1').resource.aws_ec2_transit_gateway_route.us_east_1_peer_default.transit_gateway_attachment_id = '${aws_ec2_transit_gateway_peering_attachment.peering_attachment.id}';
    });
    expect(failures).toEqual([expect.stringContaining('aws_ec2_transit_gateway_route.us_east_1_peer_default does not wait for globex-peering-eu-west-1-us-east-1/aws_ec2_transit_gateway_peering_attachment_accepter.peering_accepter')]);
  });

  it('an attachment in an account that accepts the RAM share, reading the TGW ID that does not wait for the acceptance', () => {
    const failures = mutate(multi, 'attachments-after-ram-acceptance', (s) => {
      const attachment = stackEnding(s, '-spoke-partner-api').resource.aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment;
      attachment.transit_gateway_id = attachment.transit_gateway_id.replace('transit_gateway_id_accepted_by_partner', 'cross_stack_output_aws_ec2_transit_gateway_hub_tgw_id');
    });
    expect(failures).toEqual([
      expect.stringMatching(/^globex-eu-west-1-spoke-partner-api\/aws_ec2_transit_gateway_vpc_attachment\.tgw_attachment_attachment does not wait for globex-eu-west-1-hub\/aws_ram_resource_share_accepter\.share_accepter_partner: the TGW does not exist for account 777788889999/),
    ]);
  });

  it('the hub output that carries the acceptance loses its depends_on', () => {
    const failures = mutate(multi, 'attachments-after-ram-acceptance', (s) => {
      delete stackEnding(s, '-eu-west-1-hub').output.transit_gateway_id_accepted_by_partner.depends_on;
    });
    expect(failures).toHaveLength(2);
    for (const f of failures) expect(f).toMatch(/partner-(api|edge)\/aws_ec2_transit_gateway_vpc_attachment\.tgw_attachment_attachment does not wait for globex-eu-west-1-hub\/aws_ram_resource_share_accepter\.share_accepter_partner/);
  });

  it('an endpoint whose account is granted by a separate permission it does not wait for', () => {
    const failures = mutate(reference, 'endpoints-after-service-permissions', (s) => {
      const egress = stackEnding(s, '-egress');
      const service = egress.resource.aws_vpc_endpoint_service.fleet_cloudguard_endpoint_service;
      // partner's permission moves out of the service into a resource of its own, which nothing waits for
      service.allowed_principals = service.allowed_principals.filter((p: string) => !p.includes('333333333333'));
      egress.resource.aws_vpc_endpoint_service_allowed_principal = {
        partner: { vpc_endpoint_service_id: '${aws_vpc_endpoint_service.fleet_cloudguard_endpoint_service.id}', principal_arn: 'arn:aws:iam::333333333333:root' },
      };
    });
    expect(failures).toEqual(
      ['az1', 'az2', 'az3'].map((az) => `acme-eu-west-2-dmz-partner-dmz/aws_vpc_endpoint.gwlbe_endpoint_${az} does not wait for acme-eu-west-2-egress/aws_vpc_endpoint_service_allowed_principal.partner: the endpoint is refused until account 333333333333 is an allowed principal`),
    );
  });

  it('an endpoint whose account the service does not allow at all', () => {
    const failures = mutate(reference, 'endpoints-after-service-permissions', (s) => {
      const service = stackEnding(s, '-egress').resource.aws_vpc_endpoint_service.fleet_cloudguard_endpoint_service;
      service.allowed_principals = service.allowed_principals.filter((p: string) => !p.includes('333333333333'));
    });
    expect(failures).toHaveLength(3);
    expect(failures[0]).toBe('acme-eu-west-2-dmz-partner-dmz/aws_vpc_endpoint.gwlbe_endpoint_az1 consumes acme-eu-west-2-egress/aws_vpc_endpoint_service.fleet_cloudguard_endpoint_service, which allows no principal of its account 333333333333: the endpoint is refused');
  });

  it('a NAT gateway without its depends_on on the internet gateway', () => {
    const failures = mutate(reference, 'nat-after-internet-gateway', (s) => {
      delete stackEnding(s, '-egress').resource.aws_nat_gateway.nat_nat_az3.depends_on;
    });
    expect(failures).toEqual([
      'acme-eu-west-2-egress/aws_nat_gateway.nat_nat_az3 does not wait for acme-eu-west-2-egress/aws_internet_gateway.vpc_igw: a public NAT gateway fails to create (Gateway.NotAttached) before its VPC has an internet gateway',
    ]);
  });
});

describe('cross-stack order comes from the manifest', () => {
  it('a stack that reads another\'s state without the manifest applying that one first fails, and so do the waits that went through it', () => {
    const source = readBlueprintFile(REFERENCE);
    const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-deploy-order-'));
    try {
      const folder = synthesizeNetwork(validateBlueprint(source.value).model!, { outdir: dir }).folder;
      expect(verifySynthFolder(folder).deployOrder.ok).toBe(true);
      const unordered = { ...folder, stacks: folder.stacks.map((s) => (s.name === 'acme-eu-west-2-dmz-partner-dmz' ? { ...s, dependencies: ['acme-eu-west-2-hub'] } : s)) };
      const result = verifySynthFolder(unordered);
      expect(result.ok).toBe(false);
      expect(failuresOf(result, 'cross-stack-reads-ordered')).toEqual([
        'acme-eu-west-2-dmz-partner-dmz/data.terraform_remote_state.cross_stack_reference_input_acme_eu_west_2_egress reads the outputs of acme-eu-west-2-egress, but the manifest does not apply acme-eu-west-2-egress before acme-eu-west-2-dmz-partner-dmz: its outputs may not exist yet',
      ]);
      // the DMZ's endpoints reach their service only through the egress stack's outputs
      expect(failuresOf(result, 'endpoints-after-service-permissions')).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gwlb-blueprint verify', () => {
  it('exits 1 on a folder whose NAT gateways do not wait for the internet gateway, naming both', () => {
    const source = readBlueprintFile(path.join(ROOT, 'examples', 'single-account.blueprint.json'));
    const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-deploy-order-cli-'));
    try {
      synthesizeNetwork(validateBlueprint(source.value).model!, { outdir: dir });
      const file = path.join(dir, 'stacks', 'lab-us-east-1-egress', 'cdk.tf.json');
      const json = JSON.parse(readFileSync(file, 'utf8'));
      delete json.resource.aws_nat_gateway.nat_nat_az1.depends_on;
      writeFileSync(file, JSON.stringify(json));
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'gwlb-blueprint.js'), 'verify', dir], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      // The report wraps at 120 columns: read it as one text.
      const report = run.stdout.replace(/\n +/g, ' ');
      expect(report).toContain('FAIL  Public NAT gateways wait for their VPC\'s internet gateway');
      expect(report).toContain('lab-us-east-1-egress/aws_nat_gateway.nat_nat_az1 does not wait for lab-us-east-1-egress/aws_internet_gateway.vpc_igw');
      expect(report).toMatch(/NOT verified: 0 AZ paths and 0 controls fail, and 1 resource does not wait for what AWS needs first/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
