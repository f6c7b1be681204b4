import { blocksOf, contains, parseCidr } from '../cidr';
import { error, formatPath, warning, type Problem } from '../problems';
import { effectiveInternalCidrs, regionsOf, vpnsOf } from '../walk';
import type { Rule } from './rule';

export const interRegion: Rule = {
  id: 'inter-region',
  description: 'Peerings name two different regions of the blueprint, once each; every region routes every other region\'s offices back to its TGW.',
  check(bp) {
    const problems: Problem[] = [];
    const regions = Object.keys(bp.regions);
    const seen = new Set<string>();
    (bp.interRegion?.peerings ?? []).forEach((pair, i) => {
      const path = ['interRegion', 'peerings', i];
      if (pair.length !== 2) {
        problems.push(error(this.id, path, pair, 'a peering names exactly two regions'));
        return;
      }
      pair.forEach((region, j) => {
        if (!regions.includes(region)) problems.push(error(this.id, [...path, j], region, `is not a region of this blueprint (known: ${regions.join(', ')})`));
      });
      if (pair[0] === pair[1]) problems.push(error(this.id, path, pair, 'peers a region with itself'));
      const key = [...pair].sort().join(' ');
      if (seen.has(key)) problems.push(error(this.id, path, pair, 'is listed twice'));
      seen.add(key);
    });
    if (bp.interRegion && regions.length < 2) {
      problems.push(warning(this.id, ['interRegion'], bp.interRegion, 'has no effect: the blueprint has one region'));
    }
    if (regions.length > 1) {
      for (const { region, name, vpn, path } of vpnsOf(bp)) {
        if ((vpn.cidrs ?? []).length === 0) {
          problems.push(warning(this.id, [...path, 'cidrs'], vpn.cidrs, `lists no prefixes: other regions cannot route to ${name} (TGW peerings carry static routes only)`));
        }
        // Return traffic from another region's egress VPC must go back to its TGW, not out through NAT.
        for (const [other] of regionsOf(bp)) {
          if (other === region) continue;
          const internal = blocksOf(effectiveInternalCidrs(bp, other));
          (vpn.cidrs ?? []).forEach((cidr, i) => {
            const parsed = parseCidr(cidr);
            if (parsed.ok && !internal.some((b) => contains(b, parsed.block))) {
              problems.push(error(this.id, [...path, 'cidrs', i], cidr, `is not inside ${formatPath(['regions', other, 'internalCidrs'])}: ${other} would send replies to it through NAT`));
            }
          });
        }
      }
    }
    return problems;
  },
};
