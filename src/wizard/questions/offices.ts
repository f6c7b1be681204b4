/** A region's site-to-site VPNs: one per office, with its device IP, BGP ASN and prefixes. */
import type { JsonPath } from '../../blueprint/problems';
import type { Blueprint, VpnSpec } from '../../blueprint/schema';
import { freeAsn, usedAsns } from '../defaults';
import { keptEmpty, PENDING, unasked } from './draft';
import { NONE, optionalList } from './parse';
import { LIMITS, type RegionContext, type Session } from './session';

export async function askVpns(s: Session, r: RegionContext): Promise<void> {
  const { code } = r;
  const baseVpns = Object.entries(r.base?.vpnConnections ?? {});
  s.prompter.note(`Site-to-site VPNs in ${code}: offices connected to the TGW (their traffic is inspected too)`, 'heading');
  const count = await s.countEntries(r, 'vpnConnections', `${code}: how many site-to-site VPNs?`, baseVpns.length, LIMITS.vpns);
  for (let k = 0; k < count; k++) {
    const vid = (field: string) => r.id(`vpnConnections[${k}].${field}`);
    const [baseName, baseVpn] = baseVpns[k] ?? [undefined, undefined];
    const name = await s.entryName({
      id: vid('name'),
      message: `VPN ${k + 1} of ${count}: name (the office)`,
      suggested: baseName ?? `office-${k + 1}`,
      parent: ['regions', code, 'vpnConnections'],
      duplicate: (v) => `there is already a VPN named ${v} in ${code}`,
      set: (d, v) => void (d.regions[code].vpnConnections![v] = { customerGatewayIp: PENDING, bgpAsn: 0 }),
    });
    const at = (...rest: string[]): JsonPath => ['regions', code, 'vpnConnections', name, ...rest];
    const vpnOf = (d: Blueprint) => d.regions[code].vpnConnections![name];

    const customerGatewayIp = await s.text({
      id: vid('customerGatewayIp'),
      message: `${name}: public IP of the office's VPN device`,
      default: baseVpn?.customerGatewayIp ?? `203.0.113.${Math.min(10 + k, 254)}`,
      path: at('customerGatewayIp'),
      set: (d, v) => void (vpnOf(d).customerGatewayIp = v),
    });
    const asns = usedAsns(s.draft);
    // The placeholder ASN of this VPN is not taken by anything.
    asns.delete(0);
    const baseAsn = baseVpn?.bgpAsn;
    const bgpAsn = await s.number({
      id: vid('bgpAsn'),
      message: `${name}: BGP ASN of the office`,
      default: baseAsn !== undefined && !asns.has(baseAsn) ? baseAsn : freeAsn(asns, 65010),
      path: at('bgpAsn'),
      set: (d, v) => void (vpnOf(d).bgpAsn = v),
    });
    const staticRoutesOnly = await s.prompter.confirm({
      id: vid('staticRoutesOnly'),
      message: `${name}: static routes only (no BGP)?`,
      default: baseVpn?.staticRoutesOnly ?? false,
    });
    const keepStatic = staticRoutesOnly || baseVpn?.staticRoutesOnly !== undefined;
    if (keepStatic) vpnOf(s.draft).staticRoutesOnly = staticRoutesOnly;
    const cidrs = await s.text<string[] | undefined>({
      id: vid('cidrs'),
      message: `${name}: the office's prefixes (comma-separated; ${NONE} for none${staticRoutesOnly ? '' : ', BGP announces them'})`,
      default: baseVpn?.cidrs && baseVpn.cidrs.length > 0 ? baseVpn.cidrs.join(', ') : NONE,
      path: at('cidrs'),
      parse: optionalList,
      set: (d, v) => {
        if (v) vpnOf(d).cidrs = v;
        else if (keptEmpty(baseVpn?.cidrs)) vpnOf(d).cidrs = [];
        else delete vpnOf(d).cidrs;
      },
    });
    // Schema order: customerGatewayIp, bgpAsn, cidrs, staticRoutesOnly.
    const vpn: VpnSpec = {
      customerGatewayIp,
      bgpAsn,
      ...(cidrs ? { cidrs } : keptEmpty(baseVpn?.cidrs) ? { cidrs: [] } : {}),
      ...(keepStatic ? { staticRoutesOnly } : {}),
      ...unasked(baseVpn, ['customerGatewayIp', 'bgpAsn', 'cidrs', 'staticRoutesOnly']),
    };
    s.draft.regions[code].vpnConnections![name] = vpn;
  }
}
