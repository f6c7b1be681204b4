/**
 * An appliance fleet's two security groups: `data` for what the GWLB sends (GENEVE
 * and its health checks, from the appliance subnets only, where the GWLB's nodes
 * sit) and `management` for the management ports, from `managementCidrs` only.
 * A Palo Alto firewall puts each on its own interface (device 0 data, device 1
 * management, as terraform-aws-swfw-modules' centralized_design_autoscale does with
 * its vmseries_private and vmseries_mgmt groups); a single-interface appliance
 * carries both on device 0.
 *
 * Like every part of a fleet, the groups are added to the fleet's own scope, so
 * their logical IDs (`fleet_<name>_security_group`, ...) stay those fleets already
 * deployed with: a refactor never replaces a running appliance's resources.
 */
import type { AvailabilityZone, FleetModel } from '../blueprint/model';
import { SecurityGroup, VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule } from '../cdk/aws';
import type { Construct, TerraformProvider } from '../cdk/core';
import { cidrLabel } from './routing';
import { nameTag } from './tags';
import { terraformLiteral } from './terraform-literal';

/** GWLB speaks GENEVE on this port only. */
export const GENEVE_PORT = 6081;

export interface FleetSecurityGroupsProps {
  /** Name prefix of the fleet. */
  readonly name: string;
  readonly fleet: FleetModel;
  readonly vpcId: string;
  readonly subnets: readonly { readonly az: AvailabilityZone; readonly cidr: string }[];
  readonly provider?: TerraformProvider;
}

export interface FleetSecurityGroups {
  readonly data: SecurityGroup;
  readonly management: SecurityGroup;
}

export function addFleetSecurityGroups(scope: Construct, props: FleetSecurityGroupsProps): FleetSecurityGroups {
  const { provider, fleet, name } = props;
  const group = (groupId: string, suffix: string, description: string) =>
    new SecurityGroup(scope, groupId, { provider, name: terraformLiteral(`${name}-${suffix}`), description, vpcId: props.vpcId, tags: nameTag(terraformLiteral(`${name}-${suffix}`)) });
  // Logical IDs stay those of the one group fleets had before, so an upgrade keeps the data group.
  const data = group('security_group', 'appliances', 'GENEVE and health checks from the GWLB subnets');
  const management = group('management_security_group', 'management', `Management from ${fleet.managementCidrs.length ? 'admin ranges' : 'nowhere'}`);

  const ingress = (ruleId: string, groupId: string, cidr: string, protocol: string, port: number, description: string) =>
    new VpcSecurityGroupIngressRule(scope, ruleId, {
      provider,
      securityGroupId: groupId,
      cidrIpv4: terraformLiteral(cidr),
      ipProtocol: protocol,
      fromPort: port,
      toPort: port,
      description: terraformLiteral(description),
      tags: nameTag(terraformLiteral(`${name}-${description.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`)),
    });
  for (const { az, cidr } of props.subnets) {
    ingress(`geneve_from_${az.label}`, data.id, cidr, 'udp', GENEVE_PORT, `GENEVE from GWLB ${az.label}`);
    ingress(`health_check_from_${az.label}`, data.id, cidr, 'tcp', fleet.healthCheck.port, `GWLB health check ${az.label}`);
  }
  for (const cidr of fleet.managementCidrs) {
    for (const port of fleet.managementPorts) ingress(`management_${port}_from_${cidrLabel(cidr)}`, management.id, cidr, 'tcp', port, `Management ${port} from ${cidr}`);
  }
  const egress = (ruleId: string, groupId: string, description: string, tag: string) =>
    new VpcSecurityGroupEgressRule(scope, ruleId, { provider, securityGroupId: groupId, cidrIpv4: '0.0.0.0/0', ipProtocol: '-1', description, tags: nameTag(terraformLiteral(`${name}-${tag}`)) });
  egress('egress_all', data.id, 'GENEVE replies and inspected traffic', 'egress');
  egress('management_egress_all', management.id, 'Management plane, licensing, updates and logging', 'management-egress');
  return { data, management };
}
