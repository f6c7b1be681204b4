import { blocksOf, contains, overlaps, parseCidr, type Ipv4Block } from '../cidr';
import { error, formatPath, type Problem } from '../problems';
import { effectiveInternalCidrs, vpcsOf, vpnsOf } from '../walk';
import type { Rule } from './rule';

export const vpnCidrs: Rule = {
  id: 'vpn-cidrs',
  description: 'On-premises prefixes of a VPN lie inside internalCidrs and overlap no VPC; a static VPN lists them.',
  check(bp) {
    const problems: Problem[] = [];
    const vpcs = vpcsOf(bp).flatMap((v) => {
      const parsed = parseCidr(v.cidr);
      return parsed.ok ? [{ vpc: v, block: parsed.block }] : [];
    });
    // Two offices announcing the same prefix leave the TGW two routes to one destination:
    // replies would reach whichever office the TGW picks, and a static pair cannot be created.
    const offices: { block: Ipv4Block; cidr: string; path: (string | number)[] }[] = [];
    for (const { region, vpn, path } of vpnsOf(bp)) {
      const internal = blocksOf(effectiveInternalCidrs(bp, region));
      if (vpn.staticRoutesOnly && (vpn.cidrs ?? []).length === 0) {
        problems.push(error(this.id, [...path, 'cidrs'], vpn.cidrs, 'a VPN with staticRoutesOnly needs the office\'s prefixes: nothing else tells the TGW where they are'));
      }
      (vpn.cidrs ?? []).forEach((cidr, i) => {
        const parsed = parseCidr(cidr);
        if (!parsed.ok) return;
        const at = [...path, 'cidrs', i];
        if (!internal.some((r) => contains(r, parsed.block))) {
          problems.push(
            error(this.id, at, cidr, `is not inside the region's internalCidrs (${effectiveInternalCidrs(bp, region).join(', ')}): return traffic to it would leave through NAT; add it to ${formatPath(['regions', region, 'internalCidrs'])}`),
          );
        }
        for (const { vpc, block } of vpcs) {
          if (overlaps(block, parsed.block)) {
            problems.push(error(this.id, at, cidr, `overlaps ${formatPath([...vpc.path, 'cidr'])} (${vpc.cidr})`));
          }
        }
        for (const other of offices) {
          if (overlaps(other.block, parsed.block)) {
            problems.push(error(this.id, at, cidr, `overlaps ${formatPath(other.path)} (${other.cidr}), another office: the TGW could answer either office`));
          }
        }
        offices.push({ block: parsed.block, cidr, path: at });
      });
    }
    return problems;
  },
};
