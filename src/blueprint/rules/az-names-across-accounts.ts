import { error, type Problem } from '../problems';
import { classifyAz } from '../regions';
import { regionsOf, vpcsOf } from '../walk';
import type { Rule } from './rule';

/**
 * AZ names are mapped to physical zones per account (docs.aws.amazon.com/ram/latest/userguide/
 * working-with-az-ids.html): `eu-west-2a` of the DMZ's account may be another zone than
 * `eu-west-2a` of the fleet's, and a GWLB endpoint in a zone its load balancer is not in
 * cannot be created. AZ IDs name the same zone in every account (DESIGN.md, "AWS facts").
 */
export const azNamesAcrossAccounts: Rule = {
  id: 'az-names-across-accounts',
  description: 'A region whose VPCs or TGW span more than one account names its AZs by ID (AZ names differ per account).',
  check(bp) {
    const problems: Problem[] = [];
    for (const [region, spec] of regionsOf(bp)) {
      const accounts = new Set([spec.transitGateway.account, ...vpcsOf(bp).filter((v) => v.region === region).map((v) => v.account)]);
      const names = spec.availabilityZones.filter((az) => classifyAz(region, az) === 'name');
      if (names.length > 0 && accounts.size > 1) {
        problems.push(
          error(
            this.id,
            ['regions', region, 'availabilityZones'],
            spec.availabilityZones,
            `names AZs, which map to different physical zones in each of the region's ${accounts.size} accounts (${[...accounts].sort().join(', ')}): a DMZ's endpoint could land in a zone its fleet is not in. Give AZ IDs instead (aws ec2 describe-availability-zones shows each name's ZoneId in an account)`,
          ),
        );
      }
    }
    return problems;
  },
};
