/**
 * The intended policy, written by `synth` beside the stacks: which flow classes
 * must be inspected in each region, and what verify cannot read from Terraform
 * (the prefixes behind each VPN, learned over BGP at run time). Without this
 * file verify assumes every class must be inspected.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { blocksOf, format, overlaps, parseCidr, subnetAt, type Ipv4Block } from '../blueprint/cidr';
import type { NetworkModel } from '../blueprint/model';
import { vpcsOfRegion } from '../blueprint/model';
import { UserError } from '../cli/errors';
import { vpnName } from '../stacks/names';

export const INTENT_FILE = 'gwlb-blueprint.intent.json';

export const FLOW_CLASSES = ['spoke-internet', 'dmz-internet', 'internet-dmz', 'spoke-spoke', 'dmz-spoke', 'vpn-spoke', 'inter-region'] as const;
export type FlowClass = (typeof FLOW_CLASSES)[number];
export type FlowPolicy = 'inspect' | 'direct';

export interface RegionIntent {
  readonly flows: Readonly<Record<FlowClass, FlowPolicy>>;
  /** On-premises prefixes per VPN connection, keyed by the connection's Name tag. */
  readonly vpnPrefixes: Readonly<Record<string, readonly string[]>>;
}

/** A peered region pair and the regions whose fleets must inspect traffic between them. */
export interface PeeringIntent {
  readonly regions: readonly [string, string];
  readonly inspectedBy: readonly string[];
}

export interface Intent {
  readonly version: 1;
  readonly network: string;
  readonly regions: Readonly<Record<string, RegionIntent>>;
  readonly peerings?: readonly PeeringIntent[];
}

export const INSPECT_EVERYTHING: Readonly<Record<FlowClass, FlowPolicy>> = Object.fromEntries(FLOW_CLASSES.map((c) => [c, 'inspect'])) as Record<
  FlowClass,
  FlowPolicy
>;

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

export function readIntent(dir: string): Intent | undefined {
  const file = path.join(dir, INTENT_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const intent = JSON.parse(readFileSync(file, 'utf8')) as Intent;
    if (intent.version !== 1 || typeof intent.regions !== 'object') throw new Error('unknown format');
    return intent;
  } catch (err) {
    throw new UserError(`${file} is not a gwlb-blueprint intent file: ${(err as Error).message}`);
  }
}
