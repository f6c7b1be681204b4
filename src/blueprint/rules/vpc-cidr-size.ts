import { parseCidr } from '../cidr';
import { error, type Problem } from '../problems';
import { vpcsOf } from '../walk';
import type { Rule } from './rule';

export const VPC_PREFIX_RANGE = { largest: 16, smallest: 24 } as const;

export const vpcCidrSize: Rule = {
  id: 'vpc-cidr-size',
  description: `Every VPC CIDR is between /${VPC_PREFIX_RANGE.largest} and /${VPC_PREFIX_RANGE.smallest}, as AWS allows.`,
  check(bp) {
    const problems: Problem[] = [];
    for (const vpc of vpcsOf(bp)) {
      const parsed = parseCidr(vpc.cidr);
      if (!parsed.ok) continue;
      const { prefix } = parsed.block;
      if (prefix < VPC_PREFIX_RANGE.largest || prefix > VPC_PREFIX_RANGE.smallest) {
        problems.push(error(this.id, [...vpc.path, 'cidr'], vpc.cidr, `a VPC CIDR must be /${VPC_PREFIX_RANGE.largest} to /${VPC_PREFIX_RANGE.smallest}, not /${prefix}`));
      }
    }
    return problems;
  },
};
