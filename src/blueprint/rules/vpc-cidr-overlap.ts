import { overlaps, parseCidr, type Ipv4Block } from '../cidr';
import { error, formatPath, type Problem } from '../problems';
import { vpcsOf, type VpcEntry } from '../walk';
import type { Rule } from './rule';

export const vpcCidrOverlap: Rule = {
  id: 'vpc-cidr-overlap',
  description: 'No two VPC CIDRs overlap, across every region (the TGW must route to each one).',
  check(bp) {
    const problems: Problem[] = [];
    const earlier: { block: Ipv4Block; vpc: VpcEntry }[] = [];
    for (const vpc of vpcsOf(bp)) {
      const parsed = parseCidr(vpc.cidr);
      if (!parsed.ok) continue;
      for (const other of earlier) {
        if (overlaps(other.block, parsed.block)) {
          problems.push(error(this.id, [...vpc.path, 'cidr'], vpc.cidr, `overlaps ${formatPath([...other.vpc.path, 'cidr'])} (${other.vpc.cidr})`));
        }
      }
      earlier.push({ block: parsed.block, vpc });
    }
    return problems;
  },
};
