/**
 * What every trace of a verify run shares: the graph, the destination ranges, the
 * on-premises prefixes, numbered exits (subnets, offices, the internet), each
 * route table compiled to range pieces (tables identical but for their VPC's own
 * CIDR share one compilation), and per-node texts and inspections computed once.
 */
import { format, type Ipv4Block } from '../blueprint/cidr';
import type { NetworkGraph, RouteEntry, SubnetNode, TgwRoute, VpcNode } from './network-graph';
import { PathAlgebra, type Inspection } from './path';
import { RangeMap } from './range-map';
import type { DestinationRanges } from './ranges';

export interface CompiledTable {
  readonly key: string;
  readonly name: string;
  readonly vpc: VpcNode;
  /** The VPC's own ranges: its local route. */
  readonly vpcLo: number;
  readonly vpcHi: number;
  /** Longest-prefix answers, as indices into `routes`. */
  readonly map: RangeMap<number>;
  /** The table's routes in the canonical order its (shared) map indexes. */
  readonly routes: readonly RouteEntry[];
  /** Gateway-endpoint services (S3, DynamoDB) this table routes to directly. */
  readonly services: readonly string[];
}

export class TraceContext {
  readonly algebra = new PathAlgebra();
  /** Exit codes: every subnet, then every office (VPN attachment), then the internet. */
  readonly exitNames: string[] = [];
  private readonly exitCodes = new Map<string, number>();
  readonly internet: number;
  readonly subnetSpans = new Map<string, readonly [number, number]>();
  /** Attachments that choose AZs, numbered for choice codes. */
  readonly choosers: string[] = [];
  private readonly chooserIds = new Map<string, number>();
  private readonly tables = new Map<string, CompiledTable | { failure: string }>();
  private readonly shared = new Map<string, RangeMap<number>>();
  private readonly tgwMaps = new Map<string, RangeMap<TgwRoute>>();
  private readonly labels = new Map<string, string>();
  private readonly inspections = new Map<string, (Inspection & { hop: string }) | { failure: string }>();

  constructor(
    readonly graph: NetworkGraph,
    readonly ranges: DestinationRanges,
    /** Address blocks behind each on-premises attachment (VPN prefixes). */
    readonly onpremPrefixes: ReadonlyMap<string, readonly Ipv4Block[]>,
    /** Short display name: strips the network's common prefix. */
    readonly display: (name: string) => string,
  ) {
    for (const subnet of graph.subnets.values()) {
      this.code(subnet.key, subnet.name);
      this.subnetSpans.set(subnet.key, ranges.span(subnet.cidr));
    }
    for (const a of graph.attachments.values()) if (a.kind === 'vpn') this.code(a.key, a.name);
    this.internet = this.code('internet', 'the internet');
  }

  private code(key: string, name: string): number {
    this.exitCodes.set(key, this.exitNames.length);
    this.exitNames.push(this.display(name));
    return this.exitNames.length - 1;
  }

  exitOf(key: string): number {
    return this.exitCodes.get(key)!;
  }

  chooser(attachment: string): number {
    let id = this.chooserIds.get(attachment);
    if (id === undefined) {
      this.chooserIds.set(attachment, (id = this.choosers.length));
      this.choosers.push(attachment);
    }
    return id;
  }

  /** Hop texts are the same for every flow through a node: built once per node. */
  label(key: string, make: () => string): string {
    let text = this.labels.get(key);
    if (text === undefined) this.labels.set(key, (text = make()));
    return text;
  }

  subnetAt(vpc: string, range: number): SubnetNode | undefined {
    return this.graph.subnetsByVpc.get(vpc)?.find((s) => {
      const [lo, hi] = this.subnetSpans.get(s.key)!;
      return range >= lo && range <= hi;
    });
  }

  table(key: string): CompiledTable | { failure: string } {
    let compiled = this.tables.get(key);
    if (!compiled) this.tables.set(key, (compiled = this.compile(key)));
    return compiled;
  }

  private compile(key: string): CompiledTable | { failure: string } {
    const table = this.graph.routeTables.get(key);
    if (!table) return { failure: `route table ${key} does not exist` };
    const vpc = this.graph.vpcs.get(table.vpc)!;
    const routes = [...table.routes].sort((a, b) => a.destination.base - b.destination.base || a.destination.prefix - b.destination.prefix);
    // Tables with the same routes (spokes: 0.0.0.0/0 → TGW) share one compiled map; the local route is each VPC's own.
    const signature = routes.map((r) => `${r.destinationText}>${targetKey(r)}`).join(';');
    let map = this.shared.get(signature);
    if (!map) this.shared.set(signature, (map = RangeMap.build(this.ranges, routes.map((r, i) => ({ block: r.destination, value: i })))));
    const [vpcLo, vpcHi] = this.ranges.span(vpc.cidr);
    return { key, name: table.name, vpc, vpcLo, vpcHi, map, routes, services: table.serviceRoutes.map((s) => s.service) };
  }

  /** A TGW route table's static and propagated routes; a static route wins over a propagated one to the same prefix. */
  tgwMap(tableKey: string): RangeMap<TgwRoute> {
    let map = this.tgwMaps.get(tableKey);
    if (!map) {
      const table = this.graph.tgwRouteTables.get(tableKey)!;
      const propagated = table.propagations.flatMap((attachment) =>
        this.propagatedPrefixes(attachment).map((destination) => ({ destination, destinationText: format(destination), attachment, blackhole: false, resource: 'propagation' })),
      );
      map = RangeMap.build(this.ranges, [...table.staticRoutes, ...propagated].map((r) => ({ block: r.destination, value: r })));
      this.tgwMaps.set(tableKey, map);
    }
    return map;
  }

  private propagatedPrefixes(attachmentKey: string): readonly Ipv4Block[] {
    const attachment = this.graph.attachments.get(attachmentKey);
    if (attachment?.kind === 'vpc') return [this.graph.vpcs.get(attachment.vpc!)!.cidr];
    return attachment?.kind === 'vpn' ? this.onpremPrefixes.get(attachmentKey) ?? [] : [];
  }

  /** What inspects the packets an endpoint receives: the fleet behind its service, in the endpoint's AZ. */
  inspect(endpointKey: string): (Inspection & { hop: string }) | { failure: string } {
    let result = this.inspections.get(endpointKey);
    if (!result) this.inspections.set(endpointKey, (result = this.inspectUncached(endpointKey)));
    return result;
  }

  private inspectUncached(endpointKey: string): (Inspection & { hop: string }) | { failure: string } {
    const { graph } = this;
    const endpoint = graph.endpoints.get(endpointKey)!;
    const subnet = graph.subnets.get(endpoint.subnets[0])!;
    const lb = graph.loadBalancers.get(graph.endpointServices.get(endpoint.service)?.[0] ?? '');
    if (!lb) return { failure: `${this.display(endpoint.name)} consumes no known GWLB endpoint service` };
    const lbAzs = new Set(lb.subnets.map((s) => graph.subnets.get(s)?.az));
    if (!lbAzs.has(subnet.az)) return { failure: `${this.display(endpoint.name)} is in ${subnet.az}, where GWLB ${lb.name} has no subnet` };
    const fleet = this.display(lb.name);
    return { fleet, endpoint: endpoint.key, az: subnet.az, hop: `⟨${fleet} ${subnet.az}⟩ ${this.display(endpoint.name)}` };
  }
}

function targetKey(route: RouteEntry): string {
  const t = route.target;
  switch (t.kind) {
    case 'local':
      return 'local';
    case 'tgw':
      return `tgw:${t.tgw}`;
    case 'nat':
      return `nat:${t.nat}`;
    case 'igw':
      return `igw:${t.igw}`;
    case 'gwlbe':
      return `gwlbe:${t.endpoint}`;
  }
}
