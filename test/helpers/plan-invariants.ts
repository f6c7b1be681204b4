/**
 * What must hold of every planned VPC, written from DESIGN.md and AWS limits
 * (not from the planner), and shared by the planner's and the fuzz tests.
 * Each function returns the broken invariants as text, so a property test can
 * show them for its counterexample; an empty list means all hold.
 */
import type { Tier, VpcRole } from '../../src/blueprint/address-plan';
import { block, contains, overlaps, parseCidr, type Ipv4Block } from '../../src/blueprint/cidr';

/** The subnet tiers of each kind of VPC, as DESIGN.md ("Architecture") lists them. */
export const DESIGN_TIERS: Readonly<Record<VpcRole, readonly Tier[]>> = {
  egress: ['tgw', 'gwlbe', 'appliance', 'public'],
  dmz: ['gwlbe', 'public', 'app', 'tgw'],
  spoke: ['tgw', 'workload'],
};

export interface SubnetLike {
  readonly tier: Tier;
  readonly azIndex: number;
  readonly cidr: string;
}

export function vpcViolations(vpcCidr: string, role: VpcRole, azCount: number, subnets: readonly SubnetLike[]): string[] {
  const broken: string[] = [];
  const vpc = parseCidr(vpcCidr);
  if (!vpc.ok) return [`VPC ${vpcCidr} ${vpc.reason}`];
  const blocks: Ipv4Block[] = [];
  for (const s of subnets) {
    const parsed = parseCidr(s.cidr);
    if (!parsed.ok) {
      broken.push(`${s.tier} ${s.azIndex} ${s.cidr} ${parsed.reason}`);
      continue;
    }
    const b = parsed.block;
    if (!contains(vpc.block, b)) broken.push(`${s.tier} ${s.azIndex} ${s.cidr} is outside ${vpcCidr}`);
    if (b.prefix > 28) broken.push(`${s.tier} ${s.azIndex} ${s.cidr} is smaller than /28`);
    if ((s.tier === 'tgw' || s.tier === 'gwlbe') && b.prefix !== 28) broken.push(`${s.tier} ${s.azIndex} ${s.cidr} is not a /28`);
    if (role === 'dmz' && s.tier === 'public' && b.prefix > 27) broken.push(`DMZ public ${s.cidr} is smaller than an ALB's /27`);
    for (const [j, other] of blocks.entries()) {
      if (overlaps(b, other)) broken.push(`${s.cidr} overlaps ${subnets[j].cidr}`);
    }
    blocks.push(b);
  }
  const want = DESIGN_TIERS[role].flatMap((tier) => Array.from({ length: azCount }, (_, az) => `${tier} ${az}`)).sort();
  const got = subnets.map((s) => `${s.tier} ${s.azIndex}`).sort();
  if (want.join() !== got.join()) broken.push(`tiers x AZs are [${got.join(', ')}], want [${want.join(', ')}]`);
  const tierSizes = new Map<Tier, number>();
  for (const [i, s] of subnets.entries()) {
    const size = blocks[i]?.prefix;
    if (size === undefined) continue;
    if (tierSizes.has(s.tier) && tierSizes.get(s.tier) !== size) broken.push(`${s.tier} subnets differ in size`);
    tierSizes.set(s.tier, size);
  }
  return broken;
}

/** Pairs of VPC CIDRs that overlap. */
export function overlappingPairs(cidrs: readonly string[]): string[] {
  const blocks = cidrs.map((c) => block(c));
  const pairs: string[] = [];
  blocks.forEach((b, i) => blocks.slice(i + 1).forEach((o, j) => overlaps(b, o) && pairs.push(`${cidrs[i]} overlaps ${cidrs[i + 1 + j]}`)));
  return pairs;
}
