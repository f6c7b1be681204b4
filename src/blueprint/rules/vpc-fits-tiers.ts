import { planVpc } from '../address-plan';
import { parseCidr } from '../cidr';
import { error, type Problem } from '../problems';
import { regionAzSlots, vpcsOf } from '../walk';
import { VPC_PREFIX_RANGE } from './vpc-cidr-size';
import type { Rule } from './rule';

export const vpcFitsTiers: Rule = {
  id: 'vpc-fits-tiers',
  description: 'Each VPC is large enough for its subnet tiers in every AZ of its region.',
  check(bp) {
    const problems: Problem[] = [];
    for (const vpc of vpcsOf(bp)) {
      const parsed = parseCidr(vpc.cidr);
      if (!parsed.ok || parsed.block.prefix < VPC_PREFIX_RANGE.largest || parsed.block.prefix > VPC_PREFIX_RANGE.smallest) continue;
      const azCount = bp.regions[vpc.region].availabilityZones.length;
      if (azCount < 1) continue;
      const result = planVpc(vpc.cidr, vpc.role, azCount, regionAzSlots(bp.regions[vpc.region], vpc.region));
      if (!result.ok) problems.push(error(this.id, [...vpc.path, 'cidr'], vpc.cidr, result.reason));
    }
    return problems;
  },
};
