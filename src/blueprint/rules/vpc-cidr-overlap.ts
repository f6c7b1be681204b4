import { lastOf, parseCidr, type Ipv4Block } from '../cidr';
import { error, formatPath, type Problem } from '../problems';
import { vpcsOf, type VpcEntry } from '../walk';
import type { Rule } from './rule';

export const vpcCidrOverlap: Rule = {
  id: 'vpc-cidr-overlap',
  description: 'No two VPC CIDRs overlap, across every region (the TGW must route to each one).',
  check(bp) {
    const vpcs: { block: Ipv4Block; vpc: VpcEntry }[] = [];
    for (const vpc of vpcsOf(bp)) {
      const parsed = parseCidr(vpc.cidr);
      if (parsed.ok) vpcs.push({ block: parsed.block, vpc });
    }
    // Each VPC against every earlier one that it overlaps, in that order: the pairs are found by a sweep
    // over the blocks sorted by their first address (500 VPCs: 125,000 comparisons the other way).
    return overlappingPairs(vpcs.map((v) => v.block)).map(([earlier, later]) => {
      const { vpc } = vpcs[later];
      const other = vpcs[earlier].vpc;
      return error(this.id, [...vpc.path, 'cidr'], vpc.cidr, `overlaps ${formatPath([...other.path, 'cidr'])} (${other.cidr})`) as Problem;
    });
  },
};

/** Every pair of blocks that share an address, as [earlier index, later index], sorted by the later, then the earlier. */
export function overlappingPairs(blocks: readonly Ipv4Block[]): [number, number][] {
  const order = blocks.map((_, i) => i).sort((a, b) => blocks[a].base - blocks[b].base || a - b);
  const pairs: [number, number][] = [];
  // The blocks that began at or before the current one and have not ended before it: each overlaps it.
  let open: number[] = [];
  for (const i of order) {
    const base = blocks[i].base;
    open = open.filter((j) => lastOf(blocks[j]) >= base);
    for (const j of open) pairs.push(j < i ? [j, i] : [i, j]);
    open.push(i);
  }
  return pairs.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}
