/**
 * The intent file synth writes beside the stacks (its format is verify's, in
 * src/verify/intent.ts): which flow classes the blueprint wants inspected, and the
 * on-premises prefixes verify cannot read from Terraform.
 */
import { blocksOf, format, overlaps, parseCidr, subnetAt, type Ipv4Block } from '../blueprint/cidr';
import type { NetworkModel } from '../blueprint/model';
import { vpcsOfRegion } from '../blueprint/model';
import { vpnName } from '../stacks/names';
import { INSPECT_EVERYTHING, type Intent, type RegionIntent } from '../verify/intent';

export function intentOf(model: NetworkModel): Intent {
  const regions: Record<string, RegionIntent> = {};
  for (const region of model.regions) {
    const vpcs = blocksOf(model.regions.flatMap(vpcsOfRegion).map((v) => v.cidr));
    const vpnPrefixes: Record<string, string[]> = {};
    for (const vpn of region.vpns) {
      vpnPrefixes[vpnName(model, region, vpn)] = vpn.cidrs.length > 0 ? [...vpn.cidrs] : [representativeOnPremPrefix(region.internalCidrs, vpcs)];
    }
    regions[region.code] = {
      // DESIGN.md: with eastWest=false the spokes table also learns spokes and DMZs directly.
      flows: { ...INSPECT_EVERYTHING, 'spoke-spoke': region.eastWest ? 'inspect' : 'direct', 'dmz-spoke': region.eastWest ? 'inspect' : 'direct' },
      vpnPrefixes,
      // What verify must not take for the internet: the ranges this region routes back to the TGW.
      internalCidrs: [...region.internalCidrs],
    };
  }
  const peerings = model.interRegion.peerings.map((p) => ({ regions: [p.requester, p.accepter] as const, inspectedBy: [...p.inspectedBy] }));
  return { version: 1, network: model.name, regions, ...(peerings.length > 0 ? { peerings } : {}) };
}

/**
 * A BGP VPN's prefixes are learned at run time; when the blueprint lists none,
 * verify traces a /24 of the internal ranges that no VPC uses, standing for
 * "somewhere on-premises".
 */
function representativeOnPremPrefix(internalCidrs: readonly string[], vpcs: readonly Ipv4Block[]): string {
  for (const cidr of internalCidrs) {
    const parsed = parseCidr(cidr);
    if (!parsed.ok || parsed.block.prefix > 24) continue;
    for (let i = 2 ** (24 - parsed.block.prefix) - 1; i >= 0; i--) {
      const candidate = subnetAt(parsed.block, 24, i);
      if (!vpcs.some((v) => overlaps(v, candidate))) return format(candidate);
    }
  }
  return '192.168.255.0/24';
}

