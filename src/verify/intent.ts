/**
 * The intended policy, written by `synth` beside the stacks (src/synth/intent.ts): which flow classes
 * must be inspected in each region, and what verify cannot read from Terraform
 * (the prefixes behind each VPN, learned over BGP at run time). Without this
 * file verify assumes every class must be inspected.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../util/errors';

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
