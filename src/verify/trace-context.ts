/**
 * What a trace works with: the points a flow starts and ends at, the result of one
 * direction, and the context shared by every trace of a verify run (the graph, the
 * on-premises prefixes, and per-node texts and inspections computed once).
 */
import type { Ipv4Block } from '../blueprint/cidr';
import { containsAddress } from '../blueprint/cidr';
import type { NetworkGraph, SubnetNode } from './network-graph';

export type FlowPoint =
  | { readonly kind: 'host'; readonly subnet: string; readonly address: number; readonly label: string }
  | { readonly kind: 'internet'; readonly address: number; readonly label: string }
  | { readonly kind: 'onprem'; readonly attachment: string; readonly address: number; readonly label: string };

export type Start =
  | { readonly at: 'subnet'; readonly subnet: string }
  | { readonly at: 'igw'; readonly igw: string }
  | { readonly at: 'nat'; readonly nat: string }
  | { readonly at: 'tgw'; readonly attachment: string; readonly tgw: string; readonly az: string | undefined };

export interface Inspection {
  readonly fleet: string;
  readonly endpoint: string;
  readonly az: string;
}

export interface Direction {
  readonly ok: boolean;
  readonly hops: readonly string[];
  readonly inspections: readonly Inspection[];
  /** The first broken hop, when not ok. */
  readonly failure?: string;
  /** The NAT gateway that translated the packet on its way out. */
  readonly nat?: string;
  readonly exit?: 'host' | 'internet' | 'onprem';
  /** The packet entered a VPC through an appliance-mode attachment, so the flow hash chose its AZ. */
  readonly hashed?: boolean;
}

export interface TraceContext {
  readonly graph: NetworkGraph;
  /** Address blocks that belong to an on-premises attachment (VPN prefixes), by attachment. */
  readonly onpremPrefixes: ReadonlyMap<string, readonly Ipv4Block[]>;
  /** Short display name: strips the network's common prefix. */
  readonly display: (name: string) => string;
}

const inspections = new WeakMap<TraceContext, Map<string, (Inspection & { hop: string }) | { failure: string }>>();
const labels = new WeakMap<TraceContext, Map<string, Map<string, string>>>();

/** Hop texts are the same for every flow through a node: built once per node. */
export function label(ctx: TraceContext, kind: string, key: string, make: () => string): string {
  let kinds = labels.get(ctx);
  if (!kinds) labels.set(ctx, (kinds = new Map()));
  let cache = kinds.get(kind);
  if (!cache) kinds.set(kind, (cache = new Map()));
  let text = cache.get(key);
  if (text === undefined) cache.set(key, (text = make()));
  return text;
}

export function inspect(ctx: TraceContext, endpointKey: string): (Inspection & { hop: string }) | { failure: string } {
  let cache = inspections.get(ctx);
  if (!cache) inspections.set(ctx, (cache = new Map()));
  let result = cache.get(endpointKey);
  if (!result) cache.set(endpointKey, (result = inspectUncached(ctx, endpointKey)));
  return result;
}

function inspectUncached(ctx: TraceContext, endpointKey: string): (Inspection & { hop: string }) | { failure: string } {
  const { graph } = ctx;
  const endpoint = graph.endpoints.get(endpointKey)!;
  const subnet = graph.subnets.get(endpoint.subnets[0] ?? '');
  if (!subnet) return { failure: `${ctx.display(endpoint.name)} has no subnet` };
  const balancers = graph.endpointServices.get(endpoint.service ?? '') ?? [];
  const lb = graph.loadBalancers.get(balancers[0] ?? '');
  if (!lb) return { failure: `${ctx.display(endpoint.name)} consumes no known GWLB endpoint service` };
  const lbAzs = new Set(lb.subnets.map((s) => graph.subnets.get(s)?.az));
  if (!lbAzs.has(subnet.az)) return { failure: `${ctx.display(endpoint.name)} is in ${subnet.az}, where GWLB ${lb.name} has no subnet` };
  const fleet = ctx.display(lb.name);
  return { fleet, endpoint: endpoint.key, az: subnet.az, hop: `⟨${fleet} ${subnet.az}⟩ ${ctx.display(endpoint.name)}` };
}

export function subnetContaining(graph: NetworkGraph, vpc: string, address: number): SubnetNode | undefined {
  return graph.subnetsByVpc.get(vpc)?.find((subnet) => containsAddress(subnet.cidr, address));
}

/** Routes are kept longest prefix first (network-graph.ts), so the first match wins. */
