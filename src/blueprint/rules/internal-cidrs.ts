import { contains, parseCidr } from '../cidr';
import { error, formatPath, type Problem } from '../problems';
import { regionsOf, vpcsOf } from '../walk';
import type { Rule } from './rule';

export const internalCidrs: Rule = {
  id: 'internal-cidrs',
  description: 'An explicit internalCidrs list covers every VPC of the blueprint and is not a default route.',
  check(bp) {
    const problems: Problem[] = [];
    for (const [region, spec] of regionsOf(bp)) {
      if (!spec.internalCidrs) continue;
      const blocks = spec.internalCidrs.flatMap((cidr, i) => {
        const parsed = parseCidr(cidr);
        return parsed.ok ? [{ cidr, i, block: parsed.block }] : [];
      });
      for (const { cidr, i, block } of blocks) {
        if (block.prefix === 0) {
          problems.push(error(this.id, ['regions', region, 'internalCidrs', i], cidr, 'would send internet-bound traffic back to the TGW instead of out through NAT; list private ranges only'));
        }
      }
      for (const vpc of vpcsOf(bp)) {
        const parsed = parseCidr(vpc.cidr);
        if (!parsed.ok || blocks.some((b) => contains(b.block, parsed.block))) continue;
        problems.push(
          error(this.id, ['regions', region, 'internalCidrs'], spec.internalCidrs, `does not cover ${formatPath([...vpc.path, 'cidr'])} (${vpc.cidr}): inspected return traffic to that VPC would leave through NAT`),
        );
      }
    }
    return problems;
  },
};
