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
    // A stand-in is taken from nobody: no VPC, no declared office prefix, no other stand-in.
    const taken = blocksOf([...model.regions.flatMap(vpcsOfRegion).map((v) => v.cidr), ...model.regions.flatMap((r) => r.vpns.flatMap((v) => v.cidrs))]);
    const vpnPrefixes: Record<string, string[]> = {};
    for (const vpn of region.vpns) {
      vpnPrefixes[vpnName(model, region, vpn)] = vpn.cidrs.length > 0 ? [...vpn.cidrs] : [representativeOnPremPrefix(region.internalCidrs, taken)];
    }
    regions[region.code] = {
      // DESIGN.md: with eastWest=false the spokes table also learns the spokes directly; DMZs
      // have a table of their own and are learned by no other, so DMZ ↔ spoke is always inspected.
      flows: { ...INSPECT_EVERYTHING, 'spoke-spoke': region.eastWest ? 'inspect' : 'direct' },
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
 * verify traces a /24 of the internal ranges that nothing else uses, standing for
 * "somewhere behind this office". Each office gets its own (it joins `taken`):
 * two offices sharing one would send the replies of one to the other, and verify
 * would rightly refuse the network.
 */
function representativeOnPremPrefix(internalCidrs: readonly string[], taken: Ipv4Block[]): string {
  // A /24 from the top of the first internal range that has one free; smaller only when none has.
  for (let prefix = 24; prefix <= 32; prefix++) {
    for (const cidr of internalCidrs) {
      const parsed = parseCidr(cidr);
      if (!parsed.ok || parsed.block.prefix > prefix) continue;
      for (let i = 2 ** (prefix - parsed.block.prefix) - 1; i >= 0; i--) {
        const candidate = subnetAt(parsed.block, prefix, i);
        if (!taken.some((v) => overlaps(v, candidate))) {
          taken.push(candidate);
          return format(candidate);
        }
      }
    }
  }
  throw new Error(`internal: no /24 of ${internalCidrs.join(', ')} is free to stand for an office's prefixes`);
}

