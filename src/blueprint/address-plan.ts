/**
 * The address planner: carves every subnet of a VPC, per tier and AZ, from the
 * VPC CIDR alone (DESIGN.md, "Stability contract": a subnet's CIDR depends only
 * on its VPC's CIDR, tier and AZ position, never on other VPCs or list order).
 *
 * Fixed tiers (`tgw`, `gwlbe`) are /28, as AWS recommends for TGW attachment and
 * endpoint subnets. The other tiers share what is left: they all get the largest
 * equal size that fits, clamped to a per-tier range (an ALB needs at least a /27;
 * a NAT subnet gains nothing beyond a /26). Room is kept for every AZ the region
 * has (its AZ slots, from the table in regions.ts or the blueprint's `azSlots`),
 * as far as the VPC can hold them, whatever the region uses today: adding an AZ
 * later moves nothing, and a /24 spoke in a 3-AZ region gets /26 workload subnets
 * rather than the /28s room for six would leave. Blocks are laid out largest
 * first, so each one is naturally aligned and nothing can overlap.
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
  /** AZ slots the layout reserves room for (subnets exist for the first `azCount`). */
  readonly azSlots: number;
  /** Addresses in no subnet, the free slots of AZs not yet used included. */
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

/** AWS regions have at most six AZs: no VPC is planned for more. */
export const MAX_AZ_SLOTS = 6;
export const MIN_AZ_SLOTS = 2;

/** Addresses one AZ needs when every tier gets its smallest size. */
function minimumPerAz(tiers: readonly TierSizing[]): number {
  return tiers.reduce((sum, t) => sum + sizeOf(t.smallestPrefix), 0);
}

/** How many AZs a VPC of this size and role can hold at the smallest tier sizes. */
export function azCapacity(cidr: Ipv4Block, role: VpcRole): number {
  return Math.floor(sizeOf(cidr.prefix) / minimumPerAz(TIERS[role]));
}

/**
 * How many AZ slots a VPC is laid out for: its region's slots, or as many as it
 * can hold when that is fewer. It depends on the VPC's CIDR, role and the region's
 * slot count only, so adding an AZ to a region fills the next free slot and moves
 * no existing subnet.
 */
export function azSlots(cidr: Ipv4Block, role: VpcRole, regionSlots: number): number {
  return Math.min(MAX_AZ_SLOTS, regionSlots, azCapacity(cidr, role));
}

/**
 * Plans a VPC for `azCount` AZs (the region's first `azCount`) with room for
 * `regionSlots`. Fails only when the VPC cannot hold `azCount` AZs at all.
 */
export function planVpc(cidr: string, role: VpcRole, azCount: number, regionSlots: number): PlanResult {
  const parsed = parseCidr(cidr);
  if (!parsed.ok) throw new Error(`internal: planVpc(${cidr}) needs a canonical CIDR`);
  const vpc = parsed.block;
  const tiers = TIERS[role];
  if (azCount > azCapacity(vpc, role)) {
    const needed = azCount * minimumPerAz(tiers);
    const smallestFittingPrefix = smallestPrefixHolding(needed);
    return {
      ok: false,
      smallestFittingPrefix,
      reason: `is too small for the ${role} VPC's ${tiers.length} subnet tiers in ${azCount} AZs (${needed} addresses); it needs at least a /${smallestFittingPrefix}`,
    };
  }
  const slots = Math.max(azCount, azSlots(vpc, role, regionSlots));
  // The largest equal size for the shared tiers at which every slot fits (found by the loop; the
  // smallest sizes always fit, since `slots` was counted with them).
  let sharedPrefix = 28;
  for (let candidate = vpc.prefix + 1; candidate <= 28; candidate++) {
    if (totalAddresses(tiers, slots, candidate) <= sizeOf(vpc.prefix)) {
      sharedPrefix = candidate;
      break;
    }
  }
  const tierPrefixes: Partial<Record<Tier, number>> = {};
  for (const t of tiers) tierPrefixes[t.tier] = clamp(sharedPrefix, t);
  return { ok: true, plan: layOut(vpc, role, slots, azCount, tierPrefixes) };
}

function layOut(vpc: Ipv4Block, role: VpcRole, slots: number, azCount: number, tierPrefixes: Partial<Record<Tier, number>>): VpcPlan {
  const tiers = TIERS[role];
  const wanted: { tier: Tier; tierOrder: number; azIndex: number; prefix: number }[] = [];
  tiers.forEach((t, tierOrder) => {
    for (let azIndex = 0; azIndex < slots; azIndex++) wanted.push({ tier: t.tier, tierOrder, azIndex, prefix: tierPrefixes[t.tier]! });
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
  const used = wanted.filter((w) => w.azIndex < azCount);
  return {
    cidr: format(vpc),
    role,
    subnets: used.map((w) => ({ tier: w.tier, azIndex: w.azIndex, cidr: placed.get(w)! })),
    tierPrefixes,
    azSlots: slots,
    unusedAddresses: sizeOf(vpc.prefix) - used.reduce((sum, w) => sum + sizeOf(w.prefix), 0),
  };
}
