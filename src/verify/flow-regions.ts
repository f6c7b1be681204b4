/**
 * What the flow enumeration needs to know of each region, read from the graph (and
 * the intent file when there is one): its spokes, DMZs and offices with their
 * prefixes, the policies, how wide the flow hash is, and the peered region pairs.
 */
import { blocksOf, fromInt, parseCidr, type Ipv4Block } from '../blueprint/cidr';
import { INSPECT_EVERYTHING, type FlowClass, type FlowPolicy, type Intent } from './intent';
import type { NetworkGraph, SubnetNode, VpcNode } from './network-graph';
import type { FlowPoint } from './trace';

export interface Vpn {
  readonly key: string;
  readonly name: string;
  readonly prefixes: Ipv4Block[];
}

export interface Region {
  readonly code: string;
  readonly spokes: VpcNode[];
  readonly dmzs: VpcNode[];
  readonly vpns: Vpn[];
  /** How many AZs the flow hash of an appliance-mode attachment may pick from (0: none). */
  readonly hashWidth: number;
  readonly policies: Readonly<Record<FlowClass, FlowPolicy>>;
}

export function onpremPoint(vpn: Vpn, display: (n: string) => string): FlowPoint {
  const address = vpn.prefixes[0].base + 10;
  return { kind: 'onprem', attachment: vpn.key, address, label: `${display(vpn.name)} ${fromInt(address)}` };
}

function regionOfKey(graph: NetworkGraph, key: string): string {
  return graph.set.stacks.get(key.slice(0, key.indexOf('/')))?.region ?? '?';
}

export function regionsOf(graph: NetworkGraph, intent: Intent | undefined): Region[] {
  const byRegion = new Map<string, VpcNode[]>();
  for (const vpc of graph.vpcs.values()) {
    const code = regionOfKey(graph, vpc.key);
    const list = byRegion.get(code);
    if (list) list.push(vpc);
    else byRegion.set(code, [vpc]);
  }
  return [...byRegion.entries()].map(([code, vpcs]) => {
    const regionIntent = intent?.regions[code];
    const vpns = [...graph.attachments.values()]
      .filter((a) => a.kind === 'vpn' && regionOfKey(graph, a.key) === code)
      .map((a) => {
        const prefixes = blocksOf(regionIntent?.vpnPrefixes[a.name] ?? staticPrefixesOf(graph, a.key) ?? [UNKNOWN_ONPREM_PREFIX]);
        return { key: a.key, name: a.name, prefixes };
      })
      .filter((v) => v.prefixes.length > 0);
    const hashWidth = Math.max(
      0,
      ...[...graph.attachments.values()].filter((a) => a.applianceMode && regionOfKey(graph, a.key) === code).map((a) => new Set(a.subnets.map((s) => graph.subnets.get(s)?.az)).size),
    );
    return {
      code,
      spokes: vpcs.filter((v) => v.role === 'spoke'),
      dmzs: vpcs.filter((v) => v.role === 'dmz'),
      vpns,
      hashWidth,
      policies: regionIntent?.flows ?? INSPECT_EVERYTHING,
    };
  });
}

/** The peered region pairs: from the intent, or, without one, every pair a peering attachment joins. */
export function peeredPairs(graph: NetworkGraph, intent: Intent | undefined, regions: Region[]): readonly { regions: readonly [string, string]; inspectedBy?: readonly string[] }[] {
  if (intent) return intent.peerings ?? [];
  const codes = new Set(regions.map((r) => r.code));
  const tgwRegion = (tgw: string | undefined) => (tgw ? regionOfKey(graph, tgw) : undefined);
  return [...graph.attachments.values()]
    .filter((a) => a.kind === 'peering')
    .map((a) => [tgwRegion(a.tgw), tgwRegion(a.peerTgw)] as const)
    .filter((pair): pair is readonly [string, string] => !!pair[0] && !!pair[1] && codes.has(pair[0]) && codes.has(pair[1]))
    .map((pair) => ({ regions: pair }));
}

/** Stands for "somewhere on-premises" when neither an intent file nor static routes tell. */
const UNKNOWN_ONPREM_PREFIX = '192.168.255.0/24';

/** A static VPN's prefixes are the TGW static routes that point at it. */
function staticPrefixesOf(graph: NetworkGraph, attachment: string): string[] | undefined {
  const prefixes = [...graph.tgwRouteTables.values()].flatMap((t) => t.staticRoutes.filter((r) => r.attachment === attachment).map((r) => r.destinationText));
  return prefixes.length > 0 ? [...new Set(prefixes)] : undefined;
}

export function hostsOf(graph: NetworkGraph, vpc: VpcNode, tier: string): { az: string; point: FlowPoint }[] {
  const subnets: SubnetNode[] = (graph.subnetsByVpc.get(vpc.key) ?? []).filter((s) => s.tier === tier).sort((a, b) => a.az.localeCompare(b.az));
  return subnets.map((s) => {
    const address = s.cidr.base + 10;
    return { az: s.az, point: { kind: 'host', subnet: s.key, address, label: `${s.name} ${fromInt(address)}` } };
  });
}

/** An address on the internet: outside every VPC and on-premises prefix of the network. */
export function internetAddress(graph: NetworkGraph, onprem: readonly Ipv4Block[]): number {
  const taken = [...[...graph.vpcs.values()].map((v) => v.cidr), ...onprem];
  for (const candidate of ['198.51.100.77', '203.0.113.77', '192.0.2.77', '8.8.8.8']) {
    const parsed = parseCidr(`${candidate}/32`);
    if (parsed.ok && !taken.some((b) => parsed.block.base >= b.base && parsed.block.base < b.base + 2 ** (32 - b.prefix))) return parsed.block.base;
  }
  return 0x08080404;
}
