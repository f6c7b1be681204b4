/**
 * The network as the synthesized Terraform describes it: VPCs, subnets, route
 * tables and their routes and associations, gateways, GWLB endpoints and the
 * fleets behind them, and the TGW with its route tables and attachments. Built
 * from resource arguments only; nothing is taken from the blueprint.
 */
import { parseCidr, type Ipv4Block } from '../blueprint/cidr';
import { nameTagOf, type Attributes, type TerraformSet } from './terraform-json';
import { addTransitGateways, canonical } from './tgw-graph';

export type RouteTarget =
  | { readonly kind: 'local' }
  | { readonly kind: 'tgw'; readonly tgw: string }
  | { readonly kind: 'nat'; readonly nat: string }
  | { readonly kind: 'igw'; readonly igw: string }
  | { readonly kind: 'gwlbe'; readonly endpoint: string }
  | { readonly kind: 'unknown'; readonly text: string };

export interface RouteEntry {
  readonly destination: Ipv4Block;
  readonly destinationText: string;
  readonly target: RouteTarget;
  /** The aws_route resource (or route table, for inline routes). */
  readonly resource: string;
}

export interface VpcNode {
  readonly key: string;
  readonly cidr: Ipv4Block;
  readonly cidrText: string;
  readonly role?: string;
  readonly name: string;
}

export interface SubnetNode {
  readonly key: string;
  readonly vpc: string;
  readonly cidr: Ipv4Block;
  readonly cidrText: string;
  readonly az: string;
  readonly tier?: string;
  readonly name: string;
}

export interface RouteTableNode {
  readonly key: string;
  readonly vpc: string;
  readonly name: string;
  readonly routes: RouteEntry[];
}

export interface EndpointNode {
  readonly key: string;
  readonly vpc: string;
  readonly subnets: string[];
  readonly service?: string;
  readonly name: string;
}

export interface LoadBalancerNode {
  readonly key: string;
  readonly subnets: string[];
  readonly name: string;
}

export interface AttachmentNode {
  readonly key: string;
  readonly kind: 'vpc' | 'vpn' | 'peering';
  readonly tgw?: string;
  readonly vpc?: string;
  readonly subnets: string[];
  readonly applianceMode: boolean;
  readonly name: string;
  /** The accepting side's TGW, for a peering (both sides share one attachment ID). */
  readonly peerTgw?: string;
  /**
   * False for an attachment that waits for acceptance forever: a VPC attachment from
   * another account than the TGW's, or a peering, with no accepter.
   */
  readonly accepted: boolean;
}

export interface TgwRoute {
  readonly destination: Ipv4Block;
  readonly destinationText: string;
  readonly attachment?: string;
  readonly blackhole: boolean;
  readonly resource: string;
}

export interface TgwRouteTableNode {
  readonly key: string;
  readonly tgw?: string;
  readonly name: string;
  readonly staticRoutes: TgwRoute[];
  readonly propagations: string[];
}

export interface NetworkGraph {
  readonly set: TerraformSet;
  readonly vpcs: Map<string, VpcNode>;
  readonly subnets: Map<string, SubnetNode>;
  readonly routeTables: Map<string, RouteTableNode>;
  /** subnet → route table */
  readonly subnetAssociation: Map<string, string>;
  /** gateway (IGW) → edge route table */
  readonly edgeAssociation: Map<string, string>;
  /** IGW → VPC */
  readonly internetGateways: Map<string, string>;
  /** NAT → subnet */
  readonly natGateways: Map<string, string>;
  readonly endpoints: Map<string, EndpointNode>;
  /** endpoint service → load balancers */
  readonly endpointServices: Map<string, string[]>;
  readonly loadBalancers: Map<string, LoadBalancerNode>;
  readonly attachments: Map<string, AttachmentNode>;
  readonly tgwRouteTables: Map<string, TgwRouteTableNode>;
  /** attachment → associated TGW route tables (one per TGW; a peering has one on each side) */
  readonly tgwAssociation: Map<string, string[]>;
  /** `<vpc>|<tgw>` → the VPC's attachment to that TGW */
  readonly vpcAttachment: Map<string, AttachmentNode>;
  readonly subnetsByVpc: Map<string, SubnetNode[]>;
}

export function buildNetworkGraph(set: TerraformSet): NetworkGraph {
  const ref = (stack: string, expression: unknown) => set.resolve(stack, expression);
  const key = (stack: string, expression: unknown): string | undefined => canonical(set, ref(stack, expression));
  const graph: NetworkGraph = {
    set,
    vpcs: new Map(),
    subnets: new Map(),
    routeTables: new Map(),
    subnetAssociation: new Map(),
    edgeAssociation: new Map(),
    internetGateways: new Map(),
    natGateways: new Map(),
    endpoints: new Map(),
    endpointServices: new Map(),
    loadBalancers: new Map(),
    attachments: new Map(),
    tgwRouteTables: new Map(),
    tgwAssociation: new Map(),
    vpcAttachment: new Map(),
    subnetsByVpc: new Map(),
  };

  for (const r of set.resources('aws_vpc')) {
    const parsed = parseCidr(String(r.args.cidr_block));
    if (!parsed.ok) continue;
    const tags = (r.args.tags ?? {}) as Record<string, string>;
    graph.vpcs.set(r.key, { key: r.key, cidr: parsed.block, cidrText: String(r.args.cidr_block), role: tags['gwlb-blueprint:role'], name: nameTagOf(r.args, r.key) });
  }
  for (const r of set.resources('aws_subnet')) {
    const parsed = parseCidr(String(r.args.cidr_block));
    const vpc = key(r.stack, r.args.vpc_id);
    if (!parsed.ok || !vpc) continue;
    const tags = (r.args.tags ?? {}) as Record<string, string>;
    graph.subnets.set(r.key, {
      key: r.key,
      vpc,
      cidr: parsed.block,
      cidrText: String(r.args.cidr_block),
      az: String(r.args.availability_zone_id ?? r.args.availability_zone ?? '?'),
      tier: tags['gwlb-blueprint:tier'],
      name: nameTagOf(r.args, r.key),
    });
  }
  for (const r of set.resources('aws_internet_gateway')) {
    const vpc = key(r.stack, r.args.vpc_id);
    if (vpc) graph.internetGateways.set(r.key, vpc);
  }
  for (const r of set.resources('aws_nat_gateway')) {
    const subnet = key(r.stack, r.args.subnet_id);
    if (subnet) graph.natGateways.set(r.key, subnet);
  }
  for (const r of set.resources('aws_route_table')) {
    const vpc = key(r.stack, r.args.vpc_id);
    if (!vpc) continue;
    const table: RouteTableNode = { key: r.key, vpc, name: nameTagOf(r.args, r.key), routes: [] };
    for (const inline of (r.args.route as Attributes[] | undefined) ?? []) {
      const route = routeEntry(set, r.stack, r.key, inline, 'cidr_block');
      if (route) table.routes.push(route);
    }
    graph.routeTables.set(r.key, table);
  }
  for (const r of set.resources('aws_route')) {
    const table = graph.routeTables.get(key(r.stack, r.args.route_table_id) ?? '');
    const route = routeEntry(set, r.stack, r.key, r.args, 'destination_cidr_block');
    if (table && route) table.routes.push(route);
  }
  for (const r of set.resources('aws_route_table_association')) {
    const table = key(r.stack, r.args.route_table_id);
    if (!table) continue;
    const subnet = r.args.subnet_id !== undefined ? key(r.stack, r.args.subnet_id) : undefined;
    const gateway = r.args.gateway_id !== undefined ? key(r.stack, r.args.gateway_id) : undefined;
    if (subnet) graph.subnetAssociation.set(subnet, table);
    if (gateway) graph.edgeAssociation.set(gateway, table);
  }
  for (const r of set.resources('aws_lb')) {
    if (r.args.load_balancer_type !== 'gateway') continue;
    const subnets = ((r.args.subnets as unknown[]) ?? []).map((s) => key(r.stack, s)).filter((s): s is string => !!s);
    graph.loadBalancers.set(r.key, { key: r.key, subnets, name: String(r.args.name ?? r.key) });
  }
  for (const r of set.resources('aws_vpc_endpoint_service')) {
    graph.endpointServices.set(r.key, ((r.args.gateway_load_balancer_arns as unknown[]) ?? []).map((a) => key(r.stack, a)).filter((a): a is string => !!a));
  }
  for (const r of set.resources('aws_vpc_endpoint')) {
    if (r.args.vpc_endpoint_type !== 'GatewayLoadBalancer') continue;
    const vpc = key(r.stack, r.args.vpc_id);
    if (!vpc) continue;
    const subnets = ((r.args.subnet_ids as unknown[]) ?? []).map((s) => key(r.stack, s)).filter((s): s is string => !!s);
    graph.endpoints.set(r.key, { key: r.key, vpc, subnets, service: key(r.stack, r.args.service_name), name: nameTagOf(r.args, r.key) });
  }
  addTransitGateways(set, graph, key);
  index(graph);
  return graph;
}

/** Lookups a trace does thousands of times, prepared once: routes longest prefix first, and maps by VPC. */
function index(graph: NetworkGraph): void {
  for (const table of graph.routeTables.values()) table.routes.sort((a, b) => b.destination.prefix - a.destination.prefix);
  for (const attachment of graph.attachments.values()) {
    if (attachment.kind === 'vpc' && attachment.vpc && attachment.tgw) graph.vpcAttachment.set(`${attachment.vpc}|${attachment.tgw}`, attachment);
  }
  for (const subnet of graph.subnets.values()) {
    const list = graph.subnetsByVpc.get(subnet.vpc);
    if (list) list.push(subnet);
    else graph.subnetsByVpc.set(subnet.vpc, [subnet]);
  }
}

function routeEntry(set: TerraformSet, stack: string, resource: string, args: Attributes, destinationField: string): RouteEntry | undefined {
  const destinationText = String(args[destinationField] ?? '');
  const parsed = parseCidr(destinationText);
  if (!parsed.ok) return undefined;
  const target = routeTarget(set, stack, args);
  return { destination: parsed.block, destinationText, target, resource };
}

function routeTarget(set: TerraformSet, stack: string, args: Attributes): RouteTarget {
  const targetKey = (field: string) => canonical(set, set.resolve(stack, args[field]));
  if (args.transit_gateway_id) return { kind: 'tgw', tgw: targetKey('transit_gateway_id') ?? String(args.transit_gateway_id) };
  if (args.nat_gateway_id) return { kind: 'nat', nat: targetKey('nat_gateway_id') ?? String(args.nat_gateway_id) };
  if (args.vpc_endpoint_id) return { kind: 'gwlbe', endpoint: targetKey('vpc_endpoint_id') ?? String(args.vpc_endpoint_id) };
  if (args.gateway_id) {
    if (args.gateway_id === 'local') return { kind: 'local' };
    return { kind: 'igw', igw: targetKey('gateway_id') ?? String(args.gateway_id) };
  }
  const other = Object.entries(args).find(([k, v]) => k.endsWith('_id') && k !== 'route_table_id' && v);
  return { kind: 'unknown', text: other ? `${other[0]} = ${String(other[1])}` : 'no target' };
}
