import { fleetManagementPorts, VENDOR_PROFILES } from '../vendors';
import { error, type Problem } from '../problems';
import type { FleetSpec } from '../schema';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

/**
 * A security group holds at most 60 inbound and 60 outbound rules by default
 * (docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html, "Security
 * groups"). A customer-managed prefix list does not help: a rule that references
 * one counts as many rules as the list's maximum entries.
 */
export const SECURITY_GROUP_RULES_QUOTA = 60;

export interface GroupRules {
  readonly inbound: number;
  readonly outbound: number;
}

/**
 * The rules of a fleet's two security groups, as fleet-security-groups.ts writes
 * them: `data` takes GENEVE and the health check from each AZ's appliance subnet;
 * `management` one rule per management CIDR and port; each one outbound rule.
 */
export function applianceSecurityGroupRules(
  fleet: Pick<FleetSpec, 'vendor' | 'managementCidrs' | 'management'>,
  azCount: number,
): { readonly data: GroupRules; readonly management: GroupRules } {
  const cidrs = new Set(fleet.managementCidrs ?? []).size;
  const ports = fleetManagementPorts(fleet.vendor, fleet.management?.fortiManager !== undefined).length;
  return { data: { inbound: 2 * azCount, outbound: 1 }, management: { inbound: cidrs * ports, outbound: 1 } };
}

export const securityGroupRules: Rule = {
  id: 'security-group-rules',
  description: `Each appliance security group stays within the ${SECURITY_GROUP_RULES_QUOTA} inbound rules a security group may hold (managementCidrs × management ports; GENEVE and health checks per AZ).`,
  check(bp) {
    const problems: Problem[] = [];
    for (const { region, fleet, path } of fleetsOf(bp)) {
      if (!VENDOR_PROFILES[fleet.vendor]) continue;
      const azCount = bp.regions[region].availabilityZones.length;
      const { management } = applianceSecurityGroupRules(fleet, azCount);
      // The data group holds 2 rules per AZ, at most 12: only the management group can overflow.
      if (management.inbound <= SECURITY_GROUP_RULES_QUOTA) continue;
      const ports = fleetManagementPorts(fleet.vendor, fleet.management?.fortiManager !== undefined);
      problems.push(
        error(
          this.id,
          [...path, 'managementCidrs'],
          fleet.managementCidrs,
          `needs ${management.inbound} inbound rules in the appliances' management security group (${new Set(fleet.managementCidrs).size} CIDRs × ${ports.length} management ports ${ports.join('/')}); a security group holds ${SECURITY_GROUP_RULES_QUOTA}. Summarise the admin ranges into fewer CIDRs (a managed prefix list counts as its maximum entries, so it does not help)`,
        ),
      );
    }
    return problems;
  },
};
