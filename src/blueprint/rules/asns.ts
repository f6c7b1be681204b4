import { error, formatPath, type Problem } from '../problems';
import { regionsOf, vpnsOf } from '../walk';
import type { Rule } from './rule';

export function isPrivateAsn(asn: number): boolean {
  return (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294);
}

const RANGES = '64512-65534 or 4200000000-4294967294';

export const asns: Rule = {
  id: 'asns',
  description: 'TGW and VPN ASNs are private, and no VPN or TGW shares a TGW\'s ASN.',
  check(bp) {
    const problems: Problem[] = [];
    const tgwOwner = new Map<number, string>();
    for (const [region, spec] of regionsOf(bp)) {
      const path = ['regions', region, 'transitGateway', 'amazonSideAsn'];
      const asn = spec.transitGateway.amazonSideAsn;
      if (!isPrivateAsn(asn)) problems.push(error(this.id, path, asn, `is not a private ASN (${RANGES})`));
      const other = tgwOwner.get(asn);
      if (other) problems.push(error(this.id, path, asn, `is also the ASN of ${other}; each region's TGW needs its own`));
      else tgwOwner.set(asn, formatPath(path));
    }
    for (const { vpn, path } of vpnsOf(bp)) {
      const at = [...path, 'bgpAsn'];
      if (!isPrivateAsn(vpn.bgpAsn)) problems.push(error(this.id, at, vpn.bgpAsn, `is not a private ASN (${RANGES})`));
      const tgw = tgwOwner.get(vpn.bgpAsn);
      if (tgw) problems.push(error(this.id, at, vpn.bgpAsn, `is the ASN of ${tgw}; BGP would drop the office's routes as a loop`));
    }
    return problems;
  },
};
