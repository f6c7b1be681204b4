/// <reference path="../../node_modules/cdktf/lib/testing/adapters/jest.d.ts" />
/**
 * The appliance fleet's settings (issue "Synthesize the whole network"), checked
 * with cdktf's Testing matchers on the egress stack of the reference blueprint,
 * and the vendor differences on the other examples.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  AutoscalingGroup,
  IamRolePolicy,
  LaunchTemplate,
  Lb,
  LbListener,
  LbTargetGroup,
  VpcEndpointService,
  VpcSecurityGroupIngressRule,
} from '../../src/cdk/aws';
import { Testing } from '../../src/cdk/core';
import { readBlueprintFile } from '../../src/blueprint/load';
import { modelOf, modelOfValue, REFERENCE, ROOT, resources, synthStacks, type SynthesizedStack } from './support';

Testing.setupJest();

let egress: SynthesizedStack;
let stacks: Record<string, SynthesizedStack>;
beforeAll(() => {
  stacks = synthStacks(modelOf(REFERENCE));
  egress = stacks['acme-eu-west-2-egress'];
});

const appliance = (az: string) => `\${aws_subnet.vpc_subnet_appliance_${az}.id}`;
const AZS = ['az1', 'az2', 'az3'];

describe('the Gateway Load Balancer', () => {
  it('is a gateway load balancer across the appliance subnets, cross-zone as the blueprint says (default on)', () => {
    expect(egress.synth).toHaveResourceWithProperties(Lb, {
      load_balancer_type: 'gateway',
      subnets: AZS.map(appliance),
      enable_cross_zone_load_balancing: true,
    });
  });

  it('forwards to a GENEVE/6081 target group with a 20 s deregistration delay, rebalancing on failure', () => {
    expect(egress.synth).toHaveResourceWithProperties(LbTargetGroup, {
      protocol: 'GENEVE',
      port: 6081,
      target_type: 'instance',
      deregistration_delay: '20',
      target_failover: [{ on_deregistration: 'rebalance', on_unhealthy: 'rebalance' }],
    });
    // No stickiness block: GWLB hashes each flow on its 5-tuple by default.
    expect(Object.values(resources(egress, 'aws_lb_target_group'))[0]).not.toHaveProperty('stickiness');
    expect(egress.synth).toHaveResourceWithProperties(LbListener, {
      load_balancer_arn: '${aws_lb.fleet_cloudguard_gwlb.arn}',
      default_action: [{ type: 'forward', target_group_arn: '${aws_lb_target_group.fleet_cloudguard_target_group.arn}' }],
    });
  });

  it('health-checks Check Point on TCP 8117', () => {
    expect(egress.synth).toHaveResourceWithProperties(LbTargetGroup, { health_check: expect.objectContaining({ protocol: 'TCP', port: '8117', enabled: true }) });
  });

  it('publishes an endpoint service that every account hosting its endpoints may use without acceptance', () => {
    expect(egress.synth).toHaveResourceWithProperties(VpcEndpointService, {
      acceptance_required: false,
      gateway_load_balancer_arns: ['${aws_lb.fleet_cloudguard_gwlb.arn}'],
      // network hosts the egress and prod-dmz endpoints, partner the partner-dmz ones
      allowed_principals: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::333333333333:root'],
    });
  });
});

describe('the appliances', () => {
  it('launch from a template: the vendor AMI, IMDSv2 required, encrypted gp3 root, no public IP', () => {
    expect(egress.synth).toHaveResourceWithProperties(LaunchTemplate, {
      image_id: 'ami-0a1b2c3d4e5f67890',
      instance_type: 'c5.xlarge',
      metadata_options: expect.objectContaining({ http_tokens: 'required', http_endpoint: 'enabled' }),
      block_device_mappings: [
        expect.objectContaining({ device_name: '${data.aws_ami.fleet_cloudguard_ami.root_device_name}', ebs: expect.objectContaining({ volume_type: 'gp3', encrypted: 'true' }) }),
      ],
      network_interfaces: [
        expect.objectContaining({
          device_index: 0,
          associate_public_ip_address: 'false',
          security_groups: ['${aws_security_group.fleet_cloudguard_security_group.id}', '${aws_security_group.fleet_cloudguard_management_security_group.id}'],
        }),
      ],
    });
  });

  it('carry the blueprint’s tags themselves (default_tags never reach Auto Scaling instances)', () => {
    const lt = resources(egress, 'aws_launch_template').fleet_cloudguard_launch_template;
    expect(lt.tag_specifications.map((t: any) => t.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
    for (const spec of lt.tag_specifications) {
      expect(spec.tags).toEqual({ ManagedBy: 'gwlb-blueprint', 'gwlb-blueprint:network': 'acme', Owner: 'network-team', CostCentre: 'NET-001', Name: 'acme-eu-west-2-cloudguard-appliance' });
    }
    const asg = resources(egress, 'aws_autoscaling_group').fleet_cloudguard_asg;
    expect(asg.tag).toContainEqual({ key: 'CostCentre', value: 'NET-001', propagate_at_launch: false });
  });

  it('take their user data from the rendered vendor template beside the stack, with no secret inline', () => {
    const lt = resources(egress, 'aws_launch_template').fleet_cloudguard_launch_template;
    expect(lt.user_data).toBe('${filebase64("bootstrap/cloudguard.user-data")}');
  });

  it('run in an ASG over the appliance subnets, registered with the target group and replaced on ELB health', () => {
    expect(egress.synth).toHaveResourceWithProperties(AutoscalingGroup, {
      min_size: 3,
      max_size: 6,
      desired_capacity: 3,
      vpc_zone_identifier: AZS.map(appliance),
      target_group_arns: ['${aws_lb_target_group.fleet_cloudguard_target_group.arn}'],
      health_check_type: 'ELB',
      health_check_grace_period: 3600,
      launch_template: { id: '${aws_launch_template.fleet_cloudguard_launch_template.id}', version: '${aws_launch_template.fleet_cloudguard_launch_template.latest_version}' },
    });
  });

  it('carry the CME tags on the group, propagated to every gateway it launches (Check Point autoscale_gwlb)', () => {
    // The canonical reference names no management server; a team that uses CME adds it.
    const bp = JSON.parse(readFileSync(REFERENCE, 'utf8'));
    bp.regions['eu-west-2'].fleets.cloudguard.management = { cme: { server: 'acme-smart-1', template: 'acme-gwlb-egress' } };
    const egressWithCme = synthStacks(modelOfValue(bp))['acme-eu-west-2-egress'];
    expect(resources(egress, 'aws_autoscaling_group').fleet_cloudguard_asg.tag.some((t: any) => t.key === 'x-chkp-tags')).toBe(false);
    const asg = resources(egressWithCme, 'aws_autoscaling_group').fleet_cloudguard_asg;
    const propagated = asg.tag.filter((t: any) => t.propagate_at_launch).map((t: any) => [t.key, t.value]);
    expect(propagated).toEqual([
      ['x-chkp-tags', 'management=acme-smart-1:template=acme-gwlb-egress:ip-address=private'],
      ['x-chkp-topology', 'internal'],
      ['x-chkp-solution', 'autoscale_gwlb'],
    ]);
    expect(resources(egressWithCme, 'aws_lb').fleet_cloudguard_gwlb.tags).toMatchObject({ 'x-chkp-management': 'acme-smart-1', 'x-chkp-template': 'acme-gwlb-egress' });
  });

  it('accept GENEVE and health checks only from the appliance subnets, and management only from managementCidrs', () => {
    const rules = Object.values(resources(egress, 'aws_vpc_security_group_ingress_rule')) as any[];
    const applianceCidrs = AZS.map((az) => resources(egress, 'aws_subnet')[`vpc_subnet_appliance_${az}`].cidr_block).sort();
    const from = (protocol: string, port: number, group: string) =>
      rules.filter((r) => r.ip_protocol === protocol && r.from_port === port && r.security_group_id === `\${aws_security_group.${group}.id}`).map((r) => r.cidr_ipv4).sort();
    expect(from('udp', 6081, 'fleet_cloudguard_security_group')).toEqual(applianceCidrs);
    expect(from('tcp', 8117, 'fleet_cloudguard_security_group')).toEqual(applianceCidrs);
    for (const port of [22, 443, 256, 18191, 18192, 18211]) expect(from('tcp', port, 'fleet_cloudguard_management_security_group')).toEqual(['10.0.0.0/8']);
    // nothing else is open
    expect(rules.length).toBe(applianceCidrs.length * 2 + 6);
    expect(egress.synth).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { cidr_ipv4: '10.0.0.0/8', from_port: 22, to_port: 22, ip_protocol: 'tcp' });
  });

  it('have an instance role that may only publish the vendor’s metrics', () => {
    const policy = resources(egress, 'aws_iam_role_policy').fleet_cloudguard_policy;
    expect(policy.policy).toContain('cloudwatch:PutMetricData');
    expect(policy.policy).toContain('"cloudwatch:namespace" = "CloudGuard"');
    expect(policy.policy).not.toMatch(/ssm:|secretsmanager:|s3:|ec2:/);
  });

  it('with a SIC key parameter, may read exactly that parameter', () => {
    const bp = JSON.parse(require('node:fs').readFileSync(REFERENCE, 'utf8'));
    bp.regions['eu-west-2'].fleets.cloudguard.bootstrapSecret = '/acme/cloudguard/sic-key';
    const policy = resources(synthStacks(modelOfValue(bp))['acme-eu-west-2-egress'], 'aws_iam_role_policy').fleet_cloudguard_policy.policy;
    expect(policy).toContain('"Action" = "ssm:GetParameter", "Resource" = "arn:aws:ssm:eu-west-2:111111111111:parameter/acme/cloudguard/sic-key"');
    expect(policy).not.toMatch(/secretsmanager:|s3:|parameter\/\*/);
  });
});

describe('vendors', () => {
  let multi: Record<string, SynthesizedStack>;
  let lab: Record<string, SynthesizedStack>;
  beforeAll(() => {
    multi = synthStacks(modelOf(path.join(ROOT, 'examples', 'multi-region.blueprint.yaml')));
    lab = synthStacks(modelOf(path.join(ROOT, 'examples', 'single-account.blueprint.json')));
  });

  it('Palo Alto: TCP 80 health check, data ENI at device 0 and management at device 1 in their own groups, bootstrap bucket readable', () => {
    const eu = multi['globex-eu-west-1-egress'];
    expect(eu.synth).toHaveResourceWithProperties(LbTargetGroup, { health_check: expect.objectContaining({ protocol: 'TCP', port: '80' }) });
    const lt = resources(eu, 'aws_launch_template').fleet_vmseries_launch_template;
    expect(lt.network_interfaces.map((n: any) => [n.device_index, n.security_groups])).toEqual([
      [0, ['${aws_security_group.fleet_vmseries_security_group.id}']],
      [1, ['${aws_security_group.fleet_vmseries_management_security_group.id}']],
    ]);
    // The data group admits only GENEVE and health checks; management ports only reach device 1.
    const rules = Object.values(resources(eu, 'aws_vpc_security_group_ingress_rule')) as any[];
    const dataPorts = rules.filter((r) => r.security_group_id === '${aws_security_group.fleet_vmseries_security_group.id}').map((r) => r.from_port);
    expect([...new Set(dataPorts)].sort()).toEqual([6081, 80]);
    const managementPorts = rules.filter((r) => r.security_group_id === '${aws_security_group.fleet_vmseries_management_security_group.id}').map((r) => [r.from_port, r.cidr_ipv4]);
    expect(managementPorts).toEqual([[22, '10.100.0.0/16'], [443, '10.100.0.0/16']]);
    // EC2 refuses associate_public_ip_address when a launch has several interfaces
    expect(lt.network_interfaces.some((n: any) => 'associate_public_ip_address' in n)).toBe(false);
    expect(eu.synth).toHaveResourceWithProperties(IamRolePolicy, {});
    const policy = resources(eu, 'aws_iam_role_policy').fleet_vmseries_policy.policy;
    expect(policy).toContain('arn:aws:s3:::globex-vmseries-bootstrap/*');
  });

  it('FortiGate with a bucket: TCP 8008 health check, its configuration written to exactly the object it reads, filled with each AZ’s GWLB interface', () => {
    const us = multi['globex-us-east-1-egress'];
    expect(us.synth).toHaveResourceWithProperties(LbTargetGroup, { health_check: expect.objectContaining({ protocol: 'TCP', port: '8008' }) });
    expect(resources(us, 'aws_launch_template').fleet_fortigate_launch_template.user_data).toBe('${filebase64("bootstrap/fortigate.user-data")}');
    const config = resources(us, 'aws_s3_object').fleet_fortigate_bootstrap_config;
    expect(config).toMatchObject({ bucket: 'globex-fortigate-bootstrap', key: 'gwlb-blueprint/fortigate/fortigate.conf' });
    expect(config.content).toMatch(/^\$\{templatefile\("bootstrap\/fortigate\.fortigate\.conf\.tftpl", \{"gwlb_ip_az1" = data\.aws_network_interface\.fleet_fortigate_gwlb_interface_az1\.private_ip/);
    const policy = resources(us, 'aws_iam_role_policy').fleet_fortigate_policy.policy;
    expect(policy).toContain('"Resource" = ["arn:aws:s3:::globex-fortigate-bootstrap/gwlb-blueprint/fortigate/fortigate.conf", "arn:aws:s3:::globex-fortigate-bootstrap/license/fortigate-flex.lic"]');
    expect(policy).not.toContain('globex-fortigate-bootstrap/*');
  });

  it('FortiGate without a bucket: the configuration is the user data, a template filled with each AZ’s GWLB interface', () => {
    const bp = readBlueprintFile(path.join(ROOT, 'examples', 'multi-region.blueprint.yaml')).value as any;
    const forti = bp.regions['us-east-1'].fleets.fortigate;
    for (const key of ['bootstrapBucket', 'licensing']) delete forti[key];
    const us = synthStacks(modelOfValue(bp))['globex-us-east-1-egress'];
    const lt = resources(us, 'aws_launch_template').fleet_fortigate_launch_template;
    expect(lt.user_data).toMatch(/^\$\{base64encode\(templatefile\("bootstrap\/fortigate\.user-data\.tftpl", \{"gwlb_ip_az1" = data\.aws_network_interface\.fleet_fortigate_gwlb_interface_az1\.private_ip/);
    expect(resources(us, 'aws_s3_object')).toEqual({});
  });

  it('generic: HTTP health check on port 80', () => {
    expect(lab['lab-us-east-1-egress'].synth).toHaveResourceWithProperties(LbTargetGroup, { health_check: expect.objectContaining({ protocol: 'HTTP', port: '80', path: '/' }) });
  });
});

describe('providers and state', () => {
  it('gives each stack its home account and the TGW account, assuming each role, with default tags', () => {
    const spoke = stacks['acme-eu-west-2-spoke-prod-app'].json;
    expect(spoke.provider.aws.map((p: any) => [p.alias ?? 'default', p.allowed_account_ids[0], p.assume_role[0].role_arn])).toEqual([
      ['default', '222222222222', 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole'],
      ['network', '111111111111', 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole'],
    ]);
    expect(spoke.provider.aws[0].default_tags[0].tags).toEqual({ ManagedBy: 'gwlb-blueprint', 'gwlb-blueprint:network': 'acme', Owner: 'network-team', CostCentre: 'NET-001' });
  });

  it('accepts a cross-account attachment from the TGW account and associates it there', () => {
    const spoke = stacks['acme-eu-west-2-spoke-prod-app'];
    const accepter = resources(spoke, 'aws_ec2_transit_gateway_vpc_attachment_accepter').tgw_attachment_accepter;
    expect(accepter).toMatchObject({ provider: 'aws.network', transit_gateway_default_route_table_association: false, transit_gateway_default_route_table_propagation: false });
    expect(resources(spoke, 'aws_ec2_transit_gateway_route_table_association').tgw_attachment_association.provider).toBe('aws.network');
  });

  it('keeps local state inside the output folder with relative paths', () => {
    expect(stacks['acme-eu-west-2-hub'].json.terraform.backend.local.path).toBe('../../state/acme-eu-west-2-hub.tfstate');
  });

  it('keeps S3 state with a lock file and a key per stack', () => {
    const backend = synthStacks(modelOf(path.join(ROOT, 'examples', 'multi-region.blueprint.yaml')))['globex-us-east-1-hub'].json.terraform.backend.s3;
    expect(backend).toEqual({ bucket: 'globex-network-state', key: 'gwlb/globex/globex-us-east-1-hub.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true });
  });

  it('shares the TGW by RAM with every other account that attaches a VPC', () => {
    const hub = stacks['acme-eu-west-2-hub'];
    const principals = Object.values(resources(hub, 'aws_ram_principal_association')).map((p: any) => p.principal).sort();
    expect(principals).toEqual(['222222222222', '333333333333', '444444444444']);
    expect(resources(hub, 'aws_ram_resource_share').hub_share.allow_external_principals).toBe(false);
    expect(resources(hub, 'aws_ec2_transit_gateway').hub_tgw).toMatchObject({
      auto_accept_shared_attachments: 'disable',
      default_route_table_association: 'disable',
      default_route_table_propagation: 'disable',
      amazon_side_asn: 64520,
    });
  });

  it('accepts the share once, in the hub stack, for an account outside the Organization', () => {
    const hub = synthStacks(modelOf(path.join(ROOT, 'examples', 'multi-region.blueprint.yaml')))['globex-eu-west-1-hub'];
    expect(resources(hub, 'aws_ram_resource_share').hub_share.allow_external_principals).toBe(true);
    expect(resources(hub, 'aws_ram_resource_share_accepter').share_accepter_partner).toMatchObject({ provider: 'aws.partner' });
  });
});

describe('names AWS caps', () => {
  it('stay within the limit and distinct when two long fleet names share a prefix', () => {
    const bp = JSON.parse(require('node:fs').readFileSync(REFERENCE, 'utf8'));
    bp.name = 'acme-networking-platform';
    const region = bp.regions['eu-west-2'];
    region.fleets['cloudguard-primary'] = region.fleets.cloudguard;
    region.fleets['cloudguard-partner'] = { ...region.fleets.cloudguard };
    delete region.fleets.cloudguard;
    region.egress.fleet = 'cloudguard-primary';
    for (const dmz of Object.values(region.dmzs) as any[]) dmz.fleet = 'cloudguard-partner';
    const egress = synthStacks(modelOfValue(bp))['acme-networking-platform-eu-west-2-egress'];
    const names = (type: string) => Object.values(resources(egress, type)).map((r: any) => r.name as string);
    for (const [type, max] of [['aws_lb', 32], ['aws_lb_target_group', 32], ['aws_iam_role', 64]] as const) {
      const list = names(type);
      expect(list.every((n) => n.length <= max)).toBe(true);
      expect(new Set(list).size).toBe(list.length);
    }
  });
});

