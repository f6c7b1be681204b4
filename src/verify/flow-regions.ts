/**
 * What the flow enumeration needs to know of each region, read from the graph (and
 * the intent file when there is one): the sides flows run between (each spoke's
 * and DMZ's host subnets, the offices, the internet), each as the destination
 * ranges it holds, the policies, and the peered region pairs.
 */
import { blocksOf, RFC1918, type Ipv4Block } from '../blueprint/cidr';
import { INSPECT_EVERYTHING, type FlowClass, type FlowPolicy, type Intent } from './intent';
import type { NetworkGraph, SubnetNode, VpcNode } from './network-graph';
import type { DestinationRanges } from './ranges';
import type { TraceContext } from './trace-context';
import { compareCodeUnits } from '../util/compare';

/** One source or destination range of a side. */
export interface Point {
  readonly range: number;
  /** The exit code of a packet delivered here. */
  readonly exit: number;
  readonly az?: string;
  readonly subnet?: SubnetNode;
  /** The first hop of a path that starts here. */
  readonly label: string;
}

export interface Side {
  readonly kind: 'vpc' | 'internet' | 'office';
  readonly key: string;
  readonly name: string;
  readonly points: readonly Point[];
  readonly vpc?: VpcNode;
  /** The office's VPN attachment. */
  readonly vpn?: string;
}

export interface Vpn {
  readonly key: string;
  readonly name: string;
  readonly prefixes: Ipv4Block[];
}

export interface Region {
  readonly code: string;
  readonly spokes: readonly Side[];
  /** DMZs with every subnet that can hold a host (all but the TGW and endpoint subnets). */
  readonly dmzs: readonly Side[];
  /** DMZs with their internet-facing public subnets only. */
  readonly dmzPublic: readonly Side[];
  readonly offices: readonly Side[];
  readonly internet: Side;
  readonly policies: Readonly<Record<FlowClass, FlowPolicy>>;
}

/** Tiers that hold no workload: the TGW attachment subnets, and in a DMZ the endpoint subnets (whose route to the IGW follows inspection). */
const INFRASTRUCTURE: Readonly<Record<string, readonly string[]>> = { spoke: ['tgw'], dmz: ['tgw', 'gwlbe'] };

/** Stands for "somewhere on-premises" when neither an intent file nor static routes tell. */
const UNKNOWN_ONPREM_PREFIX = '192.168.255.0/24';

/** Every VPN's prefixes: from the intent, else the TGW static routes that point at it, else a stand-in. */
export function vpnsOf(graph: NetworkGraph, intent: Intent | undefined): Vpn[] {
  return [...graph.attachments.values()]
    .filter((a) => a.kind === 'vpn')
    .map((a) => ({ key: a.key, name: a.name, prefixes: blocksOf(intent?.regions[a.region]?.vpnPrefixes[a.name] ?? staticPrefixesOf(graph, a.key) ?? [UNKNOWN_ONPREM_PREFIX]) }));
}

/** A static VPN's prefixes are the TGW static routes that point at it. */
function staticPrefixesOf(graph: NetworkGraph, attachment: string): string[] | undefined {
  const prefixes = [...graph.tgwRouteTables.values()].flatMap((t) => t.staticRoutes.filter((r) => r.attachment === attachment).map((r) => r.destinationText));
  return prefixes.length > 0 ? [...new Set(prefixes)] : undefined;
}

/** A region's internal ranges: the intent's, else the RFC 1918 supernets with every VPC CIDR and office prefix (DESIGN.md, Routing). */
export function internalBlocksOf(graph: NetworkGraph, vpns: readonly Vpn[], intent: Intent | undefined, region: string): Ipv4Block[] {
  const written = intent?.regions[region]?.internalCidrs;
  if (written) return blocksOf(written);
  return [...blocksOf(RFC1918), ...[...graph.vpcs.values()].map((v) => v.cidr), ...vpns.flatMap((v) => v.prefixes)];
}

export function regionsOf(ctx: TraceContext, vpns: readonly Vpn[], intent: Intent | undefined): Region[] {
  const { graph, ranges, display } = ctx;
  const codes = [...new Set([...graph.vpcs.values()].map((v) => v.region))].sort();
  const owned = ownedRanges(graph, ranges, vpns);
  return codes.map((code) => {
    const vpcs = [...graph.vpcs.values()].filter((v) => v.region === code);
    const vpcSide = (vpc: VpcNode, tiers?: readonly string[]): Side => {
      const subnets = (graph.subnetsByVpc.get(vpc.key) ?? [])
        .filter((s) => (tiers ? tiers.includes(s.tier ?? '') : !INFRASTRUCTURE[vpc.role]?.includes(s.tier ?? '')))
        .sort((a, b) => compareCodeUnits(a.az, b.az) || a.cidr.base - b.cidr.base);
      const points = subnets.flatMap((subnet) => {
        const [lo, hi] = ctx.subnetSpans.get(subnet.key)!;
        const label = display(subnet.name);
        return Array.from({ length: hi - lo + 1 }, (_, i) => ({ range: lo + i, exit: ctx.exitOf(subnet.key), az: subnet.az, subnet, label }));
      });
      return { kind: 'vpc', key: vpc.key, name: display(vpc.name), points, vpc };
    };
    // The internet: every range outside the region's internal ranges and outside every VPC and office of the network.
    const notInternet = owned.slice();
    for (const block of internalBlocksOf(graph, vpns, intent, code)) {
      const [lo, hi] = ranges.span(block);
      notInternet.fill(1, lo, hi + 1);
    }
    const internetPoints: Point[] = [];
    for (let range = 0; range < ranges.count; range++) if (notInternet[range] === 0) internetPoints.push({ range, exit: ctx.internet, label: 'internet' });
    const offices = vpns
      .filter((v) => graph.attachments.get(v.key)!.region === code)
      .map((v): Side => {
        const points = v.prefixes.flatMap((p) => {
          const [lo, hi] = ranges.span(p);
          return Array.from({ length: hi - lo + 1 }, (_, i) => ({ range: lo + i, exit: ctx.exitOf(v.key), label: display(v.name) }));
        });
        return { kind: 'office', key: v.key, name: display(v.name), points, vpn: v.key };
      });
    const byRole = (role: string) => vpcs.filter((v) => v.role === role).sort((a, b) => compareCodeUnits(a.name, b.name));
    return {
      code,
      spokes: byRole('spoke').map((v) => vpcSide(v)),
      dmzs: byRole('dmz').map((v) => vpcSide(v)),
      dmzPublic: byRole('dmz').map((v) => vpcSide(v, ['public'])),
      offices,
      internet: { kind: 'internet', key: `internet|${code}`, name: 'internet', points: internetPoints },
      policies: intent?.regions[code]?.flows ?? INSPECT_EVERYTHING,
    };
  });
}

/** Ranges inside some VPC or office prefix of the network: never the internet. */
function ownedRanges(graph: NetworkGraph, ranges: DestinationRanges, vpns: readonly Vpn[]): Uint8Array {
  const owned = new Uint8Array(ranges.count);
  for (const block of [...[...graph.vpcs.values()].map((v) => v.cidr), ...vpns.flatMap((v) => v.prefixes)]) {
    const [lo, hi] = ranges.span(block);
    owned.fill(1, lo, hi + 1);
  }
  return owned;
}

/** The peered region pairs: from the intent, or, without one, every pair a peering attachment joins. */
export function peeredPairs(graph: NetworkGraph, intent: Intent | undefined, regions: readonly Region[]): readonly { regions: readonly [string, string]; inspectedBy?: readonly string[] }[] {
  if (intent) return intent.peerings ?? [];
  const codes = new Set(regions.map((r) => r.code));
  const tgwRegion = (tgw: string | undefined) => (tgw ? graph.set.regionOf(tgw.slice(0, tgw.indexOf('/')), graph.set.resource(tgw)) : undefined);
  const pairs = new Map<string, readonly [string, string]>();
  for (const a of graph.attachments.values()) {
    if (a.kind !== 'peering') continue;
    const pair = [tgwRegion(a.tgw), tgwRegion(a.peerTgw)] as const;
    if (pair[0] && pair[1] && codes.has(pair[0]) && codes.has(pair[1])) pairs.set(pair.join('|'), pair as readonly [string, string]);
  }
  return [...pairs.values()].map((pair) => ({ regions: pair }));
}
