/**
 * The intended policy, written by `synth` beside the stacks (src/synth/intent.ts): which flow classes
 * must be inspected in each region, and what verify cannot read from Terraform
 * (the prefixes behind each VPN, learned over BGP at run time). Without this
 * file verify assumes every class must be inspected.
 */
import { INTENT_FILE } from '../synth-folder';
import { UserError } from '../util/errors';

export { INTENT_FILE };

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

/** The intent file's content (as the folder reader parsed it), checked; undefined when there is none. */
export function parseIntent(raw: unknown): Intent | undefined {
  if (raw === undefined) return undefined;
  const intent = raw as Intent;
  if (typeof raw !== 'object' || raw === null || intent.version !== 1 || typeof intent.regions !== 'object' || intent.regions === null) {
    throw new UserError(`${INTENT_FILE} is not a gwlb-blueprint intent file (version 1 with regions)`);
  }
  return intent;
}
