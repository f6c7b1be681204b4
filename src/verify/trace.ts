/**
 * One direction of a conversation, walked hop by hop the way AWS forwards it:
 * a subnet's route table (longest prefix wins, the VPC's local route included),
 * GWLB endpoints (the packet is inspected by the fleet behind the endpoint's
 * service and comes back out into the endpoint's subnet), NAT, the internet
 * gateway and its edge route table, and the TGW (the ingress attachment's route
 * table, then the AZ in which the packet enters the next VPC).
 */
import { containsAddress, fromInt, type Ipv4Block } from '../blueprint/cidr';
import type { AttachmentNode, NetworkGraph, RouteEntry, SubnetNode, TgwRoute } from './network-graph';

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

const MAX_HOPS = 48;

/**
 * `hash` stands for the flow hash of appliance-mode attachments: the conversation
 * enters such an attachment's VPC in its `hash`-th AZ (modulo its AZ count), the
 * same for both directions, as appliance mode guarantees.
 */
export function trace(ctx: TraceContext, start: Start, to: FlowPoint, hash: number | undefined): Direction {
  const { graph } = ctx;
  const hops: string[] = [];
  const inspections: Inspection[] = [];
  // Route tables already used: a second visit is a loop. Paths are short, so an array is cheapest.
  const seen: string[] = [];
  let nat: string | undefined;
  const hashing = { used: false };
  const fail = (why: string): Direction => ({ ok: false, hops, inspections, failure: why, nat, hashed: hashing.used });
  const done = (exit: Direction['exit']): Direction => ({ ok: true, hops, inspections, nat, exit, hashed: hashing.used });

  let subnet: SubnetNode | undefined;
  let table: string | undefined;
  let tgwEntry: { attachment: AttachmentNode; tgw: string; az: string | undefined } | undefined;

  switch (start.at) {
    case 'subnet':
      subnet = graph.subnets.get(start.subnet);
      hops.push(ctx.display(subnet?.name ?? start.subnet));
      break;
    case 'nat': {
      subnet = graph.subnets.get(graph.natGateways.get(start.nat) ?? '');
      hops.push('internet', `NAT ${ctx.display(subnet?.name ?? start.nat)}`);
      nat = start.nat;
      break;
    }
    case 'igw': {
      const vpc = graph.internetGateways.get(start.igw);
      table = graph.edgeAssociation.get(start.igw);
      hops.push('internet', `IGW ${ctx.display(graph.vpcs.get(vpc ?? '')?.name ?? start.igw)}`);
      if (!table) {
        // No edge route table: the IGW delivers straight to the VPC's local route.
        const target = vpc ? subnetContaining(graph, vpc, to.address) : undefined;
        if (target && to.kind === 'host' && target.key === to.subnet) {
          hops.push(`${ctx.display(target.name)} (no IGW edge route table: not inspected)`);
          return done('host');
        }
        return fail(`IGW of ${ctx.display(graph.vpcs.get(vpc ?? '')?.name ?? start.igw)} has no edge route table and no subnet holds ${fromInt(to.address)}`);
      }
      break;
    }
    case 'tgw': {
      const attachment = graph.attachments.get(start.attachment);
      if (!attachment) return fail(`unknown TGW attachment ${start.attachment}`);
      hops.push(ctx.display(attachment.name));
      tgwEntry = { attachment, tgw: start.tgw, az: start.az };
      break;
    }
  }

  for (let step = 0; step < MAX_HOPS; step++) {
    if (tgwEntry) {
      const result = crossTransitGateway(ctx, tgwEntry, to, hash, hops, hashing);
      if ('failure' in result) return fail(result.failure);
      if ('delivered' in result) return done('onprem');
      subnet = result.subnet;
      tgwEntry = undefined;
    }
    if (!table) {
      if (!subnet) return fail('the packet left through a subnet that does not exist');
      const associated = graph.subnetAssociation.get(subnet.key);
      if (!associated) return fail(`subnet ${ctx.display(subnet.name)} has no route table association (it falls back to the VPC's main route table)`);
      table = associated;
    }
    const routeTable = graph.routeTables.get(table);
    if (!routeTable) return fail(`route table ${table} does not exist`);
    if (seen.includes(table)) return fail(`routing loop: ${ctx.display(routeTable.name)} is reached twice`);
    seen.push(table);
    const vpc = graph.vpcs.get(routeTable.vpc);
    const route = longestMatch(routeTable.routes, to.address);
    const local = vpc && containsAddress(vpc.cidr, to.address) && (!route || route.destination.prefix <= vpc.cidr.prefix);
    if (local) {
      const target = subnetContaining(graph, vpc.key, to.address);
      if (to.kind === 'host' && target?.key === to.subnet) {
        hops.push(ctx.display(target.name));
        return done('host');
      }
      return fail(`${ctx.display(routeTable.name)}: ${fromInt(to.address)} is local to ${ctx.display(vpc.name)} but no subnet delivers it`);
    }
    if (!route) return fail(`${ctx.display(routeTable.name)} has no route for ${fromInt(to.address)}`);
    // Only failures read this: it is built when one happens, never on the way.
    const via = () => viaText(ctx, routeTable.name, route.destinationText);
    const target = route.target;
    switch (target.kind) {
      case 'local':
        return fail(`${via()} targets local for an address outside the VPC`);
      case 'unknown':
        return fail(`${via()} → ${target.text}: not a target this design uses`);
      case 'gwlbe': {
        const endpoint = graph.endpoints.get(target.endpoint);
        if (!endpoint || endpoint.vpc !== routeTable.vpc) return fail(`${via()} → a GWLB endpoint that is not in this VPC`);
        const inspection = inspect(ctx, endpoint.key);
        if ('failure' in inspection) return fail(`${via()} → ${inspection.failure}`);
        // Each AZ hands its traffic to its own endpoint: the IGW edge by the AZ of the subnet it
        // delivers to, a subnet by its own AZ. Anything else ties one AZ's traffic to another's.
        const fromAz = subnet?.az ?? (to.kind === 'host' ? graph.subnets.get(to.subnet)?.az : undefined);
        if (fromAz && fromAz !== inspection.az) return fail(`${via()} → ${ctx.display(endpoint.name)}, an endpoint in ${inspection.az}, for traffic of ${fromAz}`);
        if (inspections.some((i) => i.endpoint === inspection.endpoint)) return fail(`${via()} → ${ctx.display(endpoint.name)} again: a loop through the appliances`);
        inspections.push(inspection);
        hops.push(inspection.hop);
        subnet = graph.subnets.get(endpoint.subnets[0]);
        table = undefined;
        continue;
      }
      case 'nat': {
        const natSubnet = graph.subnets.get(graph.natGateways.get(target.nat) ?? '');
        if (!natSubnet || natSubnet.vpc !== routeTable.vpc) return fail(`${via()} → a NAT gateway that is not in this VPC`);
        if (subnet && natSubnet.az !== subnet.az) return fail(`${via()} → the NAT gateway of ${natSubnet.az}, for traffic of ${subnet.az}`);
        hops.push(label(ctx, 'nat', natSubnet.key, () => `NAT ${ctx.display(natSubnet.name)}`));
        nat = target.nat;
        subnet = natSubnet;
        table = undefined;
        continue;
      }
      case 'igw': {
        if (graph.internetGateways.get(target.igw) !== routeTable.vpc) return fail(`${via()} → an internet gateway of another VPC`);
        if (to.kind !== 'internet') return fail(`${via()} → internet gateway, but ${to.label} is not on the internet`);
        hops.push('IGW', 'internet');
        return done('internet');
      }
      case 'tgw': {
        if (!subnet) return fail(`${via()} → TGW from no subnet`);
        const attachment = graph.vpcAttachment.get(`${routeTable.vpc}|${target.tgw}`);
        if (!attachment) return fail(`${via()} → a TGW this VPC is not attached to`);
        const inAz = attachment.subnets.some((s) => graph.subnets.get(s)?.az === subnet!.az);
        if (!inAz) return fail(`${via()} → TGW, but ${ctx.display(attachment.name)} has no subnet in ${subnet.az}`);
        tgwEntry = { attachment, tgw: target.tgw, az: subnet.az };
        table = undefined;
        continue;
      }
    }
  }
  return fail(`more than ${MAX_HOPS} hops: a routing loop`);
}

function viaText(ctx: TraceContext, table: string, destination: string): string {
  return `${ctx.display(table)} [${destination}]`;
}

type Crossing = { subnet: SubnetNode } | { delivered: true } | { failure: string };

function crossTransitGateway(
  ctx: TraceContext,
  entry: { attachment: AttachmentNode; tgw: string; az: string | undefined },
  to: FlowPoint,
  hash: number | undefined,
  hops: string[],
  hashing: { used: boolean },
  depth = 0,
): Crossing {
  const { graph } = ctx;
  const tables = graph.tgwAssociation.get(entry.attachment.key) ?? [];
  const tableKey = tables.find((t) => graph.tgwRouteTables.get(t)?.tgw === entry.tgw);
  if (!tableKey) return { failure: `${ctx.display(entry.attachment.name)} is associated with no route table of its TGW` };
  const table = graph.tgwRouteTables.get(tableKey)!;
  const route = tgwRoutes(ctx, tableKey).lookup(to.address);
  if (!route) return { failure: `TGW route table ${ctx.display(table.name)} has no route for ${fromInt(to.address)}` };
  if (route.blackhole) return { failure: `TGW route table ${ctx.display(table.name)} black-holes ${route.destinationText}` };
  const next = graph.attachments.get(route.attachment ?? '');
  if (!next) return { failure: `TGW route table ${ctx.display(table.name)} [${route.destinationText}] targets an attachment that does not exist` };
  if (next.key === entry.attachment.key) return { failure: `TGW route table ${ctx.display(table.name)} [${route.destinationText}] sends traffic back where it came from` };
  hops.push(label(ctx, 'tgw', table.key, () => `TGW ${ctx.display(table.name)}`));
  if (next.kind === 'vpn') {
    if (to.kind === 'onprem' && to.attachment === next.key) {
      hops.push(ctx.display(next.name));
      return { delivered: true };
    }
    return { failure: `TGW sends ${fromInt(to.address)} to ${ctx.display(next.name)}, which does not lead to it` };
  }
  if (next.kind === 'peering') {
    if (depth > 4) return { failure: 'the packet crosses TGW peerings in a loop' };
    const otherTgw = next.tgw === entry.tgw ? next.peerTgw : next.tgw;
    if (!otherTgw) return { failure: `${ctx.display(next.name)} leads to no TGW` };
    // Across a peering the packet arrives in no particular AZ of the other region.
    return crossTransitGateway(ctx, { attachment: next, tgw: otherTgw, az: undefined }, to, hash, hops, hashing, depth + 1);
  }
  const azs = attachmentSubnets(ctx, next);
  // Appliance mode pins the whole conversation to one AZ of this attachment (the flow hash);
  // without it the TGW keeps the packet in the AZ it entered by.
  if (azs.length === 0) return { failure: `${ctx.display(next.name)} has no subnets` };
  let chosen: SubnetNode;
  if (next.applianceMode) {
    hashing.used = true;
    chosen = azs[(hash ?? 0) % azs.length];
  } else {
    chosen = azs.find((s) => s.az === entry.az) ?? azs[0];
    if (entry.az !== undefined && chosen.az !== entry.az) hops.push(`(${ctx.display(next.name)} has no subnet in ${entry.az}: TGW delivers in ${chosen.az})`);
  }
  hops.push(label(ctx, next.applianceMode ? 'entry-appliance' : 'entry', chosen.key, () => `${ctx.display(chosen.name)}${next.applianceMode ? ' (appliance mode)' : ''}`));
  return { subnet: chosen };
}

const inspections = new WeakMap<TraceContext, Map<string, (Inspection & { hop: string }) | { failure: string }>>();
const labels = new WeakMap<TraceContext, Map<string, Map<string, string>>>();

/** Hop texts are the same for every flow through a node: built once per node. */
function label(ctx: TraceContext, kind: string, key: string, make: () => string): string {
  let kinds = labels.get(ctx);
  if (!kinds) labels.set(ctx, (kinds = new Map()));
  let cache = kinds.get(kind);
  if (!cache) kinds.set(kind, (cache = new Map()));
  let text = cache.get(key);
  if (text === undefined) cache.set(key, (text = make()));
  return text;
}

function inspect(ctx: TraceContext, endpointKey: string): (Inspection & { hop: string }) | { failure: string } {
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
function longestMatch(routes: readonly RouteEntry[], address: number): RouteEntry | undefined {
  return routes.find((route) => containsAddress(route.destination, address));
}

/**
 * Longest-prefix match over many routes (a TGW table learns every spoke): one map
 * per prefix length, probed from the longest length down.
 */
class PrefixIndex<R extends { readonly destination: Ipv4Block }> {
  private readonly byLength: { readonly prefix: number; readonly routes: Map<number, R> }[] = [];

  /** `routes` in priority order: for equal destinations the first one wins. */
  constructor(routes: readonly R[]) {
    const lengths = new Map<number, Map<number, R>>();
    for (const route of routes) {
      let bucket = lengths.get(route.destination.prefix);
      if (!bucket) lengths.set(route.destination.prefix, (bucket = new Map()));
      if (!bucket.has(route.destination.base)) bucket.set(route.destination.base, route);
    }
    for (const [prefix, bucket] of [...lengths].sort((a, b) => b[0] - a[0])) this.byLength.push({ prefix, routes: bucket });
  }

  lookup(address: number): R | undefined {
    for (const { prefix, routes } of this.byLength) {
      const route = routes.get((prefix === 0 ? 0 : address & (0xffffffff << (32 - prefix))) >>> 0);
      if (route) return route;
    }
    return undefined;
  }
}

const compiledTgwTables = new WeakMap<TraceContext, Map<string, PrefixIndex<TgwRoute>>>();

/** A TGW route table's static and propagated routes; a static route wins over a propagated one to the same prefix. */
function tgwRoutes(ctx: TraceContext, tableKey: string): PrefixIndex<TgwRoute> {
  let cache = compiledTgwTables.get(ctx);
  if (!cache) compiledTgwTables.set(ctx, (cache = new Map()));
  let index = cache.get(tableKey);
  if (!index) {
    const table = ctx.graph.tgwRouteTables.get(tableKey)!;
    const propagated = table.propagations.flatMap((attachment) =>
      propagatedPrefixes(ctx, attachment).map((destination) => ({
        destination,
        destinationText: `${fromInt(destination.base)}/${destination.prefix}`,
        attachment,
        blackhole: false,
        resource: 'propagation',
      })),
    );
    index = new PrefixIndex([...table.staticRoutes, ...propagated]);
    cache.set(tableKey, index);
  }
  return index;
}

const sortedSubnets = new WeakMap<TraceContext, Map<string, SubnetNode[]>>();

/** An attachment's subnets in AZ order: the order the flow hash picks from. */
function attachmentSubnets(ctx: TraceContext, attachment: AttachmentNode): SubnetNode[] {
  let cache = sortedSubnets.get(ctx);
  if (!cache) sortedSubnets.set(ctx, (cache = new Map()));
  let subnets = cache.get(attachment.key);
  if (!subnets) {
    subnets = attachment.subnets
      .map((s) => ctx.graph.subnets.get(s))
      .filter((s): s is SubnetNode => !!s)
      .sort((a, b) => a.az.localeCompare(b.az));
    cache.set(attachment.key, subnets);
  }
  return subnets;
}

function propagatedPrefixes(ctx: TraceContext, attachmentKey: string): readonly Ipv4Block[] {
  const attachment = ctx.graph.attachments.get(attachmentKey);
  if (!attachment) return [];
  if (attachment.kind === 'vpc') {
    const vpc = ctx.graph.vpcs.get(attachment.vpc ?? '');
    return vpc ? [vpc.cidr] : [];
  }
  return attachment.kind === 'vpn' ? ctx.onpremPrefixes.get(attachmentKey) ?? [] : [];
}
