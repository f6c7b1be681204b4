/**
 * The address planner: carves every subnet of a VPC, per tier and AZ, from the
 * VPC CIDR alone (DESIGN.md, "Stability contract": a subnet's CIDR depends only
 * on its VPC's CIDR, tier and AZ position, never on other VPCs or list order).
 *
 * Fixed tiers (`tgw`, `gwlbe`) are /28, as AWS recommends for TGW attachment and
 * endpoint subnets. The other tiers share what is left: they all get the largest
 * equal size that fits, clamped to a per-tier range (an ALB needs at least a /27;
 * a NAT subnet gains nothing beyond a /26). Blocks are laid out largest first, so
 * each one is naturally aligned and nothing can overlap.
 */
import { format, parseCidr, sizeOf, smallestPrefixHolding, subnetAt, type Ipv4Block } from './cidr';

export type VpcRole = 'egress' | 'dmz' | 'spoke';
export type Tier = 'tgw' | 'gwlbe' | 'appliance' | 'public' | 'app' | 'workload';

interface TierSizing {
  readonly tier: Tier;
  /** Largest block the tier may get (smallest prefix length). */
  readonly largestPrefix: number;
  /** Smallest block the tier may get (largest prefix length). */
  readonly smallestPrefix: number;
}

/** The tiers of each kind of VPC, in the order DESIGN.md lists them. */
export const TIERS: Readonly<Record<VpcRole, readonly TierSizing[]>> = {
  egress: [
    { tier: 'tgw', largestPrefix: 28, smallestPrefix: 28 },
    { tier: 'gwlbe', largestPrefix: 28, smallestPrefix: 28 },
    { tier: 'appliance', largestPrefix: 24, smallestPrefix: 28 },
    { tier: 'public', largestPrefix: 26, smallestPrefix: 28 },
  ],
  dmz: [
    { tier: 'gwlbe', largestPrefix: 28, smallestPrefix: 28 },
    { tier: 'public', largestPrefix: 24, smallestPrefix: 27 },
    { tier: 'app', largestPrefix: 16, smallestPrefix: 28 },
    { tier: 'tgw', largestPrefix: 28, smallestPrefix: 28 },
  ],
  spoke: [
    { tier: 'tgw', largestPrefix: 28, smallestPrefix: 28 },
    { tier: 'workload', largestPrefix: 16, smallestPrefix: 28 },
  ],
};

export interface PlannedSubnet {
  readonly tier: Tier;
  /** Position of the AZ in the region's `availabilityZones` list. */
  readonly azIndex: number;
  readonly cidr: string;
}

export interface VpcPlan {
  readonly cidr: string;
  readonly role: VpcRole;
  /** In tier order (as TIERS lists them), then AZ order. */
  readonly subnets: readonly PlannedSubnet[];
  /** Prefix length each tier got. */
  readonly tierPrefixes: Readonly<Partial<Record<Tier, number>>>;
  readonly unusedAddresses: number;
}

export type PlanResult =
  | { readonly ok: true; readonly plan: VpcPlan }
  | { readonly ok: false; readonly reason: string; readonly smallestFittingPrefix: number };

function clamp(prefix: number, sizing: TierSizing): number {
  return Math.min(Math.max(prefix, sizing.largestPrefix), sizing.smallestPrefix);
}

function totalAddresses(tiers: readonly TierSizing[], azCount: number, sharedPrefix: number): number {
  return azCount * tiers.reduce((sum, t) => sum + sizeOf(clamp(sharedPrefix, t)), 0);
}

export function planVpc(cidr: string, role: VpcRole, azCount: number): PlanResult {
  const parsed = parseCidr(cidr);
  if (!parsed.ok) throw new Error(`internal: planVpc(${cidr}) needs a canonical CIDR`);
  const vpc = parsed.block;
  const tiers = TIERS[role];
  const available = sizeOf(vpc.prefix);

  let sharedPrefix: number | undefined;
  for (let candidate = vpc.prefix + 1; candidate <= 28; candidate++) {
    if (totalAddresses(tiers, azCount, candidate) <= available) {
      sharedPrefix = candidate;
      break;
    }
  }
  if (sharedPrefix === undefined) {
    const needed = totalAddresses(tiers, azCount, 32);
    const smallestFittingPrefix = smallestPrefixHolding(needed);
    return {
      ok: false,
      smallestFittingPrefix,
      reason: `is too small for the ${role} VPC's ${tiers.length} subnet tiers in ${azCount} AZs (${needed} addresses); it needs at least a /${smallestFittingPrefix}`,
    };
  }

  const tierPrefixes: Partial<Record<Tier, number>> = {};
  for (const t of tiers) tierPrefixes[t.tier] = clamp(sharedPrefix, t);
  return { ok: true, plan: layOut(vpc, role, azCount, tierPrefixes) };
}

function layOut(vpc: Ipv4Block, role: VpcRole, azCount: number, tierPrefixes: Partial<Record<Tier, number>>): VpcPlan {
  const tiers = TIERS[role];
  const wanted: { tier: Tier; tierOrder: number; azIndex: number; prefix: number }[] = [];
  tiers.forEach((t, tierOrder) => {
    for (let azIndex = 0; azIndex < azCount; azIndex++) wanted.push({ tier: t.tier, tierOrder, azIndex, prefix: tierPrefixes[t.tier]! });
  });
  // Largest blocks first keeps every block aligned on its own size.
  const byPlacement = [...wanted].sort((a, b) => a.prefix - b.prefix || a.tierOrder - b.tierOrder || a.azIndex - b.azIndex);
  let offset = 0;
  const placed = new Map<(typeof wanted)[number], string>();
  for (const subnet of byPlacement) {
    const size = sizeOf(subnet.prefix);
    placed.set(subnet, format(subnetAt(vpc, subnet.prefix, offset / size)));
    offset += size;
  }
  return {
    cidr: format(vpc),
    role,
    subnets: wanted.map((w) => ({ tier: w.tier, azIndex: w.azIndex, cidr: placed.get(w)! })),
    tierPrefixes,
    unusedAddresses: sizeOf(vpc.prefix) - offset,
  };
}
