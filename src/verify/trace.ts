/**
 * Paths through the network for one destination range, walked hop by hop the way
 * AWS forwards a packet: a subnet's route table (longest prefix wins, the VPC's
 * local route included), GWLB endpoints (the packet is inspected by the fleet
 * behind the endpoint's service and comes back out into the endpoint's subnet),
 * NAT, the internet gateway and its edge route table, and the TGW
 * (tgw-crossing.ts). Every path from a subnet onward is memoised per range, so the
 * work after "entered the egress VPC in AZ k for range r" is done once for every
 * source that gets there; a state reached again while it is being walked is a loop.
 */
import type { AttachmentNode, SubnetNode } from './network-graph';
import { endNode, stepNode, type EndNode, type PathNode } from './path';
import { crossing, crossingsOf, enterTransitGateway, ingressTable, leftBy } from './tgw-crossing';
import type { CompiledTable, TraceContext } from './trace-context';

export { TraceContext } from './trace-context';

const MAX_DEPTH = 64;

/** A subnet's route to a TGW, checked once: why it cannot be taken, or where the packet enters. One shape, for speed. */
class TgwHop {
  constructor(
    readonly node: PathNode | undefined,
    readonly attachment?: AttachmentNode,
    readonly table = '',
    readonly crossings: (PathNode | undefined)[] = [],
  ) {}
}

/** What a subnet's route table is, compiled once per subnet, with its TGW routes checked once per route. */
class Plan {
  noRoute: PathNode | undefined = undefined;
  readonly tgw: (TgwHop | undefined)[] = [];
  constructor(
    readonly node: PathNode | undefined,
    readonly table?: CompiledTable,
  ) {}
}
const WALKING: EndNode = endNode({ hops: [], exit: -1, failure: 'walking' });

export class Tracer {
  private readonly fromSubnets = new Map<string, Map<number, PathNode>>();
  private readonly fromIgws = new Map<string, Map<number, PathNode>>();
  private readonly fromNats = new Map<string, Map<number, PathNode>>();
  /** By the subnet's exit code. */
  private readonly plans: (Plan | undefined)[] = [];
  private readonly shared = new Map<string, PathNode>();
  private depth = 0;

  constructor(readonly ctx: TraceContext) {}

  fail(hops: readonly string[], failure: string): EndNode {
    return endNode({ hops, exit: -1, failure });
  }

  /** Runs `make` for a state not yet known, detecting a state reached again on the way (a loop) and paths too long to be real. */
  memo(cache: Map<number, PathNode>, range: number, loop: () => string, make: () => PathNode): PathNode {
    const known = cache.get(range);
    if (known === WALKING) return this.fail([], `routing loop: ${loop()} is reached twice`);
    if (known) return known;
    if (this.depth >= MAX_DEPTH) return this.fail([], `more than ${MAX_DEPTH} hops: a routing loop`);
    cache.set(range, WALKING);
    this.depth++;
    try {
      const node = make();
      cache.set(range, node);
      return node;
    } finally {
      this.depth--;
    }
  }

  /** A packet for `range` leaving a host in (or handed back into) `subnet`: that subnet's route table decides. */
  fromSubnet(subnet: SubnetNode, range: number, exit = this.ctx.exitOf(subnet.key)): PathNode {
    const plan = this.plans[exit] ?? this.planOf(subnet, exit);
    if (plan.node) return plan.node;
    const table = plan.table!;
    const index = table.map.at(range);
    const route = index === undefined ? undefined : table.routes[index];
    if (range >= table.vpcLo && range <= table.vpcHi && (!route || route.destination.prefix <= table.vpc.cidr.prefix)) return this.deliver(table, range);
    if (!route) return (plan.noRoute ??= this.fail([], `${this.ctx.display(table.name)} has no route for this destination`));
    // The most travelled steps need no memo of their own: to the TGW (the crossing is memoised per
    // table, AZ and range, shared by every subnet that gets there) and local delivery.
    if (route.target.kind === 'tgw') {
      const hop = (plan.tgw[index!] ??= this.tgwHop(table, subnet, route.target.tgw, route.destinationText));
      if (hop.node) return hop.node;
      const node = hop.crossings[range] ?? crossing(this, hop.table, subnet.az, range, hop.crossings);
      return node.kind === 'step' && node.enters === hop.attachment!.key ? leftBy(this, hop.attachment!, hop.table, node, range) : node;
    }
    return this.routeFrom(subnet, table, range);
  }

  /** Kept out of fromSubnet: its closures would make every call allocate (see PathAlgebra.entries). */
  private routeFrom(subnet: SubnetNode, table: CompiledTable, range: number): PathNode {
    let cache = this.fromSubnets.get(subnet.key);
    if (!cache) this.fromSubnets.set(subnet.key, (cache = new Map()));
    return this.memo(cache, range, () => this.ctx.display(table.name), () => this.route(table, subnet, range));
  }

  private planOf(subnet: SubnetNode, exit: number): Plan {
    const tableKey = this.ctx.graph.subnetAssociation.get(subnet.key);
    const table = tableKey ? this.ctx.table(tableKey) : undefined;
    let plan: Plan;
    if (!table) plan = new Plan(this.fail([], `subnet ${this.ctx.display(subnet.name)} has no route table association (it falls back to the VPC's main route table)`));
    else if ('failure' in table) plan = new Plan(this.fail([], table.failure));
    else plan = new Plan(undefined, table);
    this.plans[exit] = plan;
    return plan;
  }

  /** Local delivery: the subnet that holds the range, the same end for every range of it. */
  private deliver(table: CompiledTable, range: number): PathNode {
    const target = this.ctx.subnetAt(table.vpc.key, range);
    if (!target) return this.sharedNode(`void|${table.key}`, () => this.fail([], `${this.ctx.display(table.name)}: the destination is local to ${this.ctx.display(table.vpc.name)} but no subnet holds it`));
    return this.sharedNode(`deliver|${target.key}`, () => endNode({ hops: [this.ctx.display(target.name)], exit: this.ctx.exitOf(target.key) }));
  }

  private sharedNode(key: string, make: () => PathNode): PathNode {
    let node = this.shared.get(key);
    if (!node) this.shared.set(key, (node = make()));
    return node;
  }

  /** A packet from the internet for `range`, arriving at an internet gateway: its edge route table decides. */
  fromIgw(igw: string, range: number): PathNode {
    let cache = this.fromIgws.get(igw);
    if (!cache) this.fromIgws.set(igw, (cache = new Map()));
    return this.memo(cache, range, () => `IGW ${igw}`, () => {
      const { graph, display } = this.ctx;
      const vpc = graph.vpcs.get(graph.internetGateways.get(igw)!)!;
      const hop = this.ctx.label(`igw|${igw}`, () => `IGW ${display(vpc.name)}`);
      const tableKey = graph.edgeAssociation.get(igw);
      if (!tableKey) {
        // No edge route table: the IGW delivers straight to the VPC's local route.
        const target = this.ctx.subnetAt(vpc.key, range);
        if (!target) return this.fail([hop], `IGW of ${display(vpc.name)} has no edge route table and no subnet holds the destination`);
        return endNode({ hops: [hop, `${display(target.name)} (no IGW edge route table: not inspected)`], exit: this.ctx.exitOf(target.key) });
      }
      const table = this.ctx.table(tableKey);
      if ('failure' in table) return this.fail([hop], table.failure);
      return stepNode({ hops: [hop], next: this.route(table, undefined, range) });
    });
  }

  /** The internet answering the address a NAT gateway gave the flow. */
  fromNat(nat: string, range: number): PathNode {
    let cache = this.fromNats.get(nat);
    if (!cache) this.fromNats.set(nat, (cache = new Map()));
    let node = cache.get(range);
    if (!node) {
      const subnet = this.ctx.graph.subnets.get(this.ctx.graph.natGateways.get(nat)!)!;
      cache.set(range, (node = stepNode({ hops: [this.natHop(subnet)], nat, next: this.fromSubnet(subnet, range) })));
    }
    return node;
  }

  /** A packet from an office, arriving at the TGW through its VPN attachment. */
  fromVpn(attachment: string, range: number): PathNode {
    const vpn = this.ctx.graph.attachments.get(attachment)!;
    return enterTransitGateway(this, vpn, vpn.tgw, undefined, range);
  }

  private natHop(subnet: SubnetNode): string {
    return this.ctx.label(`nat|${subnet.key}`, () => `NAT ${this.ctx.display(subnet.name)}`);
  }

  private routeAt(table: CompiledTable, range: number) {
    const index = table.map.at(range);
    const route = index === undefined ? undefined : table.routes[index];
    const local = range >= table.vpcLo && range <= table.vpcHi && (!route || route.destination.prefix <= table.vpc.cidr.prefix);
    return local ? ('local' as const) : route;
  }

  /** Whether a subnet's route to a TGW can be taken (checked once per subnet and route). */
  private tgwHop(table: CompiledTable, subnet: SubnetNode, tgw: string, destination: string): TgwHop {
    const { graph, display } = this.ctx;
    const via = `${display(table.name)} [${destination}]`;
    const attachment = graph.vpcAttachment.get(`${table.vpc.key}|${tgw}`);
    if (!attachment) return new TgwHop(this.fail([], `${via} → a TGW this VPC is not attached to`));
    if (!attachment.accepted) return new TgwHop(this.fail([], `${via} → TGW, but ${display(attachment.name)} is never accepted from the TGW's account: it stays pendingAcceptance`));
    if (!attachment.subnets.some((s) => graph.subnets.get(s)!.az === subnet.az)) return new TgwHop(this.fail([], `${via} → TGW, but ${display(attachment.name)} has no subnet in ${subnet.az}`));
    const ingress = ingressTable(this, attachment, tgw);
    return 'node' in ingress ? new TgwHop(ingress.node) : new TgwHop(undefined, attachment, ingress.table, crossingsOf(this, ingress.table, subnet.az));
  }

  /** One route table's decision for `range`, from `subnet` (undefined at an IGW edge). */
  private route(table: CompiledTable, subnet: SubnetNode | undefined, range: number): PathNode {
    const { graph, display } = this.ctx;
    const vpc = table.vpc;
    const route = this.routeAt(table, range);
    if (route === 'local') return this.deliver(table, range);
    if (!route) return this.fail([], `${display(table.name)} has no route for this destination`);
    const via = `${display(table.name)} [${route.destinationText}]`;
    const target = route.target;
    switch (target.kind) {
      case 'local':
        return this.fail([], `${via} targets local for an address outside the VPC`);
      case 'gwlbe': {
        const endpoint = graph.endpoints.get(target.endpoint)!;
        if (endpoint.vpc !== vpc.key) return this.fail([], `${via} → a GWLB endpoint that is not in this VPC`);
        const inspection = this.ctx.inspect(endpoint.key);
        if ('failure' in inspection) return this.fail([], `${via} → ${inspection.failure}`);
        // Each AZ hands its traffic to its own endpoint: the IGW edge by the AZ of the subnet it
        // delivers to, a subnet by its own AZ. Anything else ties one AZ's traffic to another's.
        const fromAz = subnet?.az ?? this.ctx.subnetAt(vpc.key, range)?.az;
        if (fromAz && fromAz !== inspection.az) return this.fail([], `${via} → ${display(endpoint.name)}, an endpoint in ${inspection.az}, for traffic of ${fromAz}`);
        const { hop, ...seen } = inspection;
        return stepNode({ hops: [hop], inspection: seen, next: this.fromSubnet(graph.subnets.get(endpoint.subnets[0])!, range) });
      }
      case 'nat': {
        const natSubnet = graph.subnets.get(graph.natGateways.get(target.nat)!)!;
        if (natSubnet.vpc !== vpc.key) return this.fail([], `${via} → a NAT gateway that is not in this VPC`);
        if (subnet && natSubnet.az !== subnet.az) return this.fail([], `${via} → the NAT gateway of ${natSubnet.az}, for traffic of ${subnet.az}`);
        return stepNode({ hops: [this.natHop(natSubnet)], nat: target.nat, exitVia: `${via} → NAT`, next: this.fromSubnet(natSubnet, range) });
      }
      case 'igw':
        if (graph.internetGateways.get(target.igw) !== vpc.key) return this.fail([], `${via} → an internet gateway of another VPC`);
        return endNode({ hops: ['IGW', 'internet'], exit: this.ctx.internet, exitVia: `${via} → IGW` });
      case 'tgw': {
        if (!subnet) return this.fail([], `${via} → TGW from no subnet`);
        const hop = this.tgwHop(table, subnet, target.tgw, route.destinationText);
        return hop.node ?? leftBy(this, hop.attachment!, hop.table, crossing(this, hop.table, subnet.az, range, hop.crossings), range);
      }
    }
  }
}
