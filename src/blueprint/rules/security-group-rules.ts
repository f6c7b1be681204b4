import { VENDOR_PROFILES } from '../vendors';
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

/**
 * The rules of a fleet's appliance security group, as ApplianceFleet writes them:
 * GENEVE and the health check from each AZ's appliance subnet, one rule per
 * management CIDR and port, and one outbound rule.
 */
export function applianceSecurityGroupRules(fleet: Pick<FleetSpec, 'vendor' | 'managementCidrs'>, azCount: number): { inbound: number; outbound: number } {
  const cidrs = new Set(fleet.managementCidrs ?? []).size;
  return { inbound: 2 * azCount + cidrs * VENDOR_PROFILES[fleet.vendor].managementPorts.length, outbound: 1 };
}

export const securityGroupRules: Rule = {
  id: 'security-group-rules',
  description: 'Each appliance security group stays within the 60 inbound rules a security group may hold (managementCidrs × management ports, plus GENEVE and health checks per AZ).',
  check(bp) {
    const problems: Problem[] = [];
    for (const { region, fleet, path } of fleetsOf(bp)) {
      if (!VENDOR_PROFILES[fleet.vendor]) continue;
      const azCount = bp.regions[region].availabilityZones.length;
      const { inbound } = applianceSecurityGroupRules(fleet, azCount);
      if (inbound <= SECURITY_GROUP_RULES_QUOTA) continue;
      const ports = VENDOR_PROFILES[fleet.vendor].managementPorts;
      problems.push(
        error(
          this.id,
          [...path, 'managementCidrs'],
          fleet.managementCidrs,
          `needs ${inbound} inbound rules in the appliances' security group (${new Set(fleet.managementCidrs).size} CIDRs × ${ports.length} management ports ${ports.join('/')}, plus GENEVE and health check from ${azCount} AZs); a security group holds ${SECURITY_GROUP_RULES_QUOTA}. Summarise the admin ranges into fewer CIDRs (a managed prefix list counts as its maximum entries, so it does not help)`,
        ),
      );
    }
    return problems;
  },
};
