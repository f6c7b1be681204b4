/**
 * The intended policy, written by `synth` beside the stacks (src/synth/intent.ts): which flow classes
 * must be inspected in each region, and what verify cannot read from Terraform
 * (the prefixes behind each VPN, learned over BGP at run time; the region's internal
 * ranges, which are not the internet). Without this file verify assumes every class
 * must be inspected. The file is read strictly: a malformed one is refused naming the
 * JSON path, and one that disagrees with the stacks (a region or VPN it does not know) too.
 */
import { parseCidr } from '../blueprint/cidr';
import type { JsonPath } from '../blueprint/problems';
import { FolderError, INTENT_FILE } from '../synth-folder';
import type { NetworkGraph } from './network-graph';

export { INTENT_FILE };

export const FLOW_CLASSES = ['spoke-internet', 'dmz-internet', 'internet-dmz', 'spoke-spoke', 'dmz-spoke', 'vpn-spoke', 'inter-region'] as const;
export type FlowClass = (typeof FLOW_CLASSES)[number];
export type FlowPolicy = 'inspect' | 'direct';

export interface RegionIntent {
  readonly flows: Readonly<Record<FlowClass, FlowPolicy>>;
  /** On-premises prefixes per VPN connection, keyed by the connection's Name tag. */
  readonly vpnPrefixes: Readonly<Record<string, readonly string[]>>;
  /** The ranges the region routes back to the TGW (never the internet); absent in files of older versions. */
  readonly internalCidrs?: readonly string[];
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function refuse(at: JsonPath, value: unknown, reason: string): never {
  throw new FolderError(INTENT_FILE, at, value, reason);
}

function onlyKeys(value: Record<string, unknown>, at: JsonPath, known: readonly string[]): void {
  const unknown = Object.keys(value).find((k) => !known.includes(k));
  if (unknown !== undefined) refuse([...at, unknown], value[unknown], `is not a field of a gwlb-blueprint intent file (version 1 knows ${known.join(', ')})`);
}

function cidrList(value: unknown, at: JsonPath): string[] {
  if (!Array.isArray(value) || value.length === 0) refuse(at, value, 'must be a non-empty list of IPv4 CIDRs');
  value.forEach((c, i) => {
    const parsed = parseCidr(c as string);
    if (!parsed.ok) refuse([...at, i], c, parsed.reason);
  });
  return value as string[];
}

/** The intent file's content (as the folder reader parsed it), checked; undefined when there is none. */
export function parseIntent(raw: unknown): Intent | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) refuse([], raw, 'is not a gwlb-blueprint intent file (an object with version 1 and regions)');
  onlyKeys(raw, [], ['version', 'network', 'regions', 'peerings']);
  if (raw.version !== 1) refuse(['version'], raw.version, 'must be 1 (the only version of the intent file)');
  if (typeof raw.network !== 'string' || raw.network === '') refuse(['network'], raw.network, 'must be the network name');
  if (!isObject(raw.regions) || Object.keys(raw.regions).length === 0) refuse(['regions'], raw.regions, 'must be an object of regions by code, at least one');
  const regions: Record<string, RegionIntent> = {};
  for (const [code, region] of Object.entries(raw.regions)) {
    const at = ['regions', code];
    if (!isObject(region)) refuse(at, region, 'must be an object with flows and vpnPrefixes');
    onlyKeys(region, at, ['flows', 'vpnPrefixes', 'internalCidrs']);
    if (!isObject(region.flows)) refuse([...at, 'flows'], region.flows, 'must be an object of flow policies by class');
    const flows: Record<string, FlowPolicy> = { ...INSPECT_EVERYTHING };
    for (const [cls, policy] of Object.entries(region.flows)) {
      if (!(FLOW_CLASSES as readonly string[]).includes(cls)) refuse([...at, 'flows', cls], policy, `is not a flow class (${FLOW_CLASSES.join(', ')})`);
      if (policy !== 'inspect' && policy !== 'direct') refuse([...at, 'flows', cls], policy, 'must be "inspect" or "direct"');
      flows[cls] = policy;
    }
    const prefixes = region.vpnPrefixes ?? {};
    if (!isObject(prefixes)) refuse([...at, 'vpnPrefixes'], prefixes, 'must be an object of CIDR lists by VPN name');
    const vpnPrefixes = Object.fromEntries(Object.entries(prefixes).map(([name, list]) => [name, cidrList(list, [...at, 'vpnPrefixes', name])]));
    const internal = region.internalCidrs === undefined ? {} : { internalCidrs: cidrList(region.internalCidrs, [...at, 'internalCidrs']) };
    regions[code] = { flows: flows as Record<FlowClass, FlowPolicy>, vpnPrefixes, ...internal };
  }
  return { version: 1, network: raw.network, regions, ...(raw.peerings === undefined ? {} : { peerings: peeringsOf(raw.peerings, regions) }) };
}

function peeringsOf(raw: unknown, regions: Record<string, RegionIntent>): PeeringIntent[] {
  if (!Array.isArray(raw)) refuse(['peerings'], raw, 'must be a list of peered region pairs');
  return raw.map((p, i) => {
    const at = ['peerings', i];
    if (!isObject(p)) refuse(at, p, 'must be an object with regions and inspectedBy');
    onlyKeys(p, at, ['regions', 'inspectedBy']);
    const pair = p.regions;
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((c) => typeof c === 'string' && c in regions) || pair[0] === pair[1]) {
      refuse([...at, 'regions'], pair, 'must be two different regions of this file');
    }
    const by = p.inspectedBy;
    if (!Array.isArray(by) || by.length === 0 || !by.every((c) => pair.includes(c))) refuse([...at, 'inspectedBy'], by, 'must list one or both regions of the pair');
    return { regions: [pair[0], pair[1]] as const, inspectedBy: [...new Set(by as string[])] };
  });
}

/** The intent and the stacks describe the same network: the same regions and VPN connections. */
export function checkIntentAgainst(intent: Intent, graph: NetworkGraph): void {
  const stackRegions = new Set([...graph.vpcs.values()].map((v) => v.region));
  for (const code of Object.keys(intent.regions)) {
    if (!stackRegions.has(code)) refuse(['regions', code], undefined, 'is a region where no stack of this folder creates a VPC: the intent and the stacks disagree');
  }
  for (const code of stackRegions) {
    if (!(code in intent.regions)) refuse(['regions'], code, 'has no entry for a region the stacks create VPCs in: the intent and the stacks disagree');
  }
  const vpns = [...graph.attachments.values()].filter((a) => a.kind === 'vpn');
  for (const vpn of vpns) {
    if (!(vpn.name in (intent.regions[vpn.region]?.vpnPrefixes ?? {}))) {
      refuse(['regions', vpn.region, 'vpnPrefixes'], vpn.name, 'has no prefixes for a VPN connection the stacks create (by its Name tag)');
    }
  }
  for (const [code, region] of Object.entries(intent.regions)) {
    for (const name of Object.keys(region.vpnPrefixes)) {
      if (!vpns.some((v) => v.region === code && v.name === name)) refuse(['regions', code, 'vpnPrefixes', name], undefined, 'names a VPN connection no stack of this region creates');
    }
  }
}
