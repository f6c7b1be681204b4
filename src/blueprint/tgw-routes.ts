/**
 * What each TGW route table of a region will hold, counted from the blueprint
 * before anything is synthesized, and what the `onprem` table carries.
 *
 * The TGW advertises to a BGP office the routes of the table its VPN attachment
 * is associated with (`onprem`, shared by every VPN of the region), so that table
 * decides which prefixes the offices learn: one static route per VPC CIDR
 * reachable from the region (its own VPCs, and the ranges of every peered region)
 * to the egress attachment, and 0.0.0.0/0 only when the blueprint sends the
 * offices' internet traffic through AWS (DESIGN.md, row `onprem`).
 *
 * Quotas (docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html,
 * docs.aws.amazon.com/vpn/latest/s2svpn/vpn-limits.html):
 *   - routes advertised from a Site-to-Site VPN connection to a customer gateway
 *     device: 1,000, not adjustable; on a TGW these are the associated table's
 *     routes. Past it, `onprem` carries the region's internalCidrs instead of one
 *     route per VPC (every VPC and office prefix lies inside them: rules
 *     internal-cidrs and inter-region), and more specific routes win.
 *   - total combined routes (static and propagated) across all route tables of
 *     one TGW: 10,000, adjustable.
 * A BGP office's own prefixes are learned at run time; each counts as the
 * prefixes it declares (one when it declares none).
 */
import { interRegionOf } from './peerings';
import type { Blueprint } from './schema';
import { effectiveInternalCidrs, vpcsOf } from './walk';

export const VPN_ADVERTISED_ROUTES_QUOTA = 1_000;
export const TGW_ROUTES_QUOTA = 10_000;

export interface OnpremPlan {
  /** Destinations the egress stack routes from `onprem` to the egress attachment (0.0.0.0/0 last, when asked for). */
  readonly toEgress: readonly string[];
  /** 0.0.0.0/0 is among them: the offices' internet traffic goes through AWS. */
  readonly internet: boolean;
  /**
   * The region's VPC CIDRs, and the ranges of the peered regions it inspects, are
   * carried by the internalCidrs in toEgress: the peering stacks add no route of
   * their own to the egress attachment.
   */
  readonly summarised: boolean;
}

export interface RegionRoutePlan {
  readonly onprem: OnpremPlan;
  /** Routes `onprem` would hold with one route per VPC: what forced the summary, when there is one. */
  readonly onpremUnsummarised: number;
  /** Routes each table will hold; peer = the peering tables on this region's side, together. */
  readonly counts: { readonly spokes: number; readonly dmzs: number; readonly onprem: number; readonly inspection: number; readonly peer: number };
  readonly total: number;
}

/** The route plan of one region of a blueprint that passed the shape check. */
export function regionRoutePlan(bp: Blueprint, code: string): RegionRoutePlan {
  const spec = bp.regions[code];
  const vpcs = vpcsOf(bp).filter((v) => v.region === code);
  const spokes = vpcs.filter((v) => v.role === 'spoke').length;
  const dmzs = vpcs.filter((v) => v.role === 'dmz').length;
  const local = unique(vpcs.map((v) => v.cidr));
  const officePrefixes = Object.values(spec.vpnConnections ?? {}).reduce((n, v) => n + Math.max(1, v.cidrs?.length ?? 0), 0);
  const internet = spec.officeInternetThroughAws ?? false;

  let inspectedRemote = 0;
  let directRemote = 0;
  let peer = 0;
  for (const p of interRegionOf(bp).peerings) {
    if (p.requester !== code && p.accepter !== code) continue;
    const other = p.requester === code ? p.accepter : p.requester;
    const ranges = rangesOfRegion(bp, other).length;
    if (p.inspectedBy.includes(code)) {
      inspectedRemote += ranges;
      peer += 1; // 0.0.0.0/0 → egress
    } else {
      directRemote += ranges;
      // Propagations of every spoke, DMZ, the egress VPC (appliance management) and the offices.
      peer += spokes + dmzs + 1 + officePrefixes;
    }
  }

  const unsummarised = local.length + inspectedRemote + directRemote + (internet ? 1 : 0);
  const summarised = unsummarised > VPN_ADVERTISED_ROUTES_QUOTA;
  const internal = unique(effectiveInternalCidrs(bp, code));
  const toEgress = [...(summarised ? internal : local), ...(internet ? ['0.0.0.0/0'] : [])];
  const onprem = toEgress.length + (summarised ? 0 : inspectedRemote) + directRemote;
  const counts = {
    spokes: 1 + (spec.inspection?.eastWest === false ? spokes : 0) + directRemote,
    dmzs: dmzs > 0 ? 1 + directRemote : 0,
    onprem,
    inspection: spokes + dmzs + officePrefixes + inspectedRemote + directRemote,
    peer,
  };
  return {
    onprem: { toEgress, internet, summarised },
    onpremUnsummarised: unsummarised,
    counts,
    total: counts.spokes + counts.dmzs + counts.onprem + counts.inspection + counts.peer,
  };
}

/** What a peered region is routed to: its VPC CIDRs and its offices' declared prefixes (peerings carry static routes only). */
export function rangesOfRegion(bp: Blueprint, code: string): string[] {
  const vpcs = vpcsOf(bp).filter((v) => v.region === code).map((v) => v.cidr);
  const offices = Object.values(bp.regions[code]?.vpnConnections ?? {}).flatMap((v) => v.cidrs ?? []);
  return [...vpcs, ...offices];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
