import { blocksOf, contains, overlaps, parseCidr } from '../cidr';
import { error, type Problem } from '../problems';
import { vpcsOf } from '../walk';
import type { Rule } from './rule';

/**
 * Ranges no VPC may use. The VPC User Guide refuses the link-local block outright
 * ("IPv4 CIDR block association restrictions": 169.254.0.0/16 is reserved as
 * described in RFC 5735 and cannot be assigned to VPCs,
 * docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html); the other
 * special-use blocks of RFC 5735 that it points to are not addresses a host can
 * be given at all: "this network", loopback, multicast and the reserved class E
 * (with the broadcast address in it). 100.64.0.0/10 and public ranges are
 * allowed (the same table permits them; non-private-cidrs warns about the latter).
 */
export const RESERVED_RANGES: readonly { readonly cidr: string; readonly what: string }[] = [
  { cidr: '0.0.0.0/8', what: '"this network" (RFC 5735)' },
  { cidr: '127.0.0.0/8', what: 'loopback (RFC 5735)' },
  { cidr: '169.254.0.0/16', what: 'link-local, which AWS reserves (RFC 5735; the VPC User Guide refuses it for VPCs)' },
  { cidr: '224.0.0.0/4', what: 'multicast (RFC 5771)' },
  { cidr: '240.0.0.0/4', what: 'reserved for future use, broadcast included (RFC 1112, RFC 5735)' },
];

export const vpcReservedRanges: Rule = {
  id: 'vpc-reserved-ranges',
  description: 'No VPC CIDR lies in a reserved range: 0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16 (link-local), 224.0.0.0/4 (multicast), 240.0.0.0/4.',
  check(bp) {
    const reserved = RESERVED_RANGES.map((r) => ({ ...r, block: blocksOf([r.cidr])[0] }));
    const problems: Problem[] = [];
    for (const vpc of vpcsOf(bp)) {
      const parsed = parseCidr(vpc.cidr);
      if (!parsed.ok) continue;
      const hit = reserved.find((r) => overlaps(r.block, parsed.block));
      if (!hit) continue;
      const how = contains(hit.block, parsed.block) ? 'lies in' : 'overlaps';
      problems.push(error(this.id, [...vpc.path, 'cidr'], vpc.cidr, `${how} ${hit.cidr}, ${hit.what}: AWS cannot give these addresses to a VPC`));
    }
    return problems;
  },
};
