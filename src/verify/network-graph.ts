/**
 * The network as the synthesized Terraform describes it: VPCs, subnets, route
 * tables and their routes and associations, gateways, GWLB endpoints and the
 * fleets behind them, and the TGW with its route tables and attachments. Built
 * from resource arguments only; nothing is taken from the blueprint. Whatever
 * routing verify cannot evaluate is refused by name (strict.ts, refused.ts): a
 * proof never passes a route it did not read.
 */
import { contains, type Ipv4Block } from '../blueprint/cidr';
import { refuseUntraceable } from './refused';
import { addRouteTables } from './route-tables';
import { StrictReader, type Resource } from './strict';
import { nameTagOf, type TerraformSet } from './terraform-json';
import { addTransitGateways, canonical } from './tgw-graph';

export type RouteTarget =
  | { readonly kind: 'local' }
  | { readonly kind: 'tgw'; readonly tgw: string }
  | { readonly kind: 'nat'; readonly nat: string }
  | { readonly kind: 'igw'; readonly igw: string }
  | { readonly kind: 'gwlbe'; readonly endpoint: string };

export interface RouteEntry {
  readonly destination: Ipv4Block;
  readonly destinationText: string;
  readonly target: RouteTarget;
  /** The aws_route resource (or route table, for inline routes). */
  readonly resource: string;
}

export const VPC_ROLES = ['spoke', 'dmz', 'egress'] as const;
export type VpcRole = (typeof VPC_ROLES)[number];

export interface VpcNode {
  readonly key: string;
  readonly cidr: Ipv4Block;
  readonly cidrText: string;
  readonly role: VpcRole;
  readonly name: string;
  readonly region: string;
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

/** A gateway endpoint (S3, DynamoDB) a route table sends the service's AWS-managed prefix list to. */
export interface ServiceRoute {
  readonly service: string;
  readonly endpoint: string;
}

export interface RouteTableNode {
  readonly key: string;
  readonly vpc: string;
  readonly name: string;
  readonly routes: RouteEntry[];
  readonly serviceRoutes: ServiceRoute[];
}

export interface EndpointNode {
  readonly key: string;
  readonly vpc: string;
  readonly subnets: string[];
  readonly service: string;
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
  readonly tgw: string;
  readonly vpc?: string;
  readonly subnets: string[];
  readonly applianceMode: boolean;
  readonly name: string;
  readonly region: string;
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
  readonly tgw: string;
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

const ROLE_TAG = 'gwlb-blueprint:role';
const TIER_TAG = 'gwlb-blueprint:tier';

export function buildNetworkGraph(set: TerraformSet): NetworkGraph {
  const read = new StrictReader(set, canonical);
  refuseUntraceable(read);
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

  for (const r of read.resources('aws_vpc')) {
    if (r.args.ipv4_ipam_pool_id !== undefined) read.refuse(r, ['ipv4_ipam_pool_id'], r.args.ipv4_ipam_pool_id, 'takes its CIDR from IPAM: verify needs a literal cidr_block');
    refuseIpv6(read, r, ['ipv6_cidr_block', 'ipv6_ipam_pool_id']);
    if (r.args.assign_generated_ipv6_cidr_block === true) read.refuse(r, ['assign_generated_ipv6_cidr_block'], true, 'gives the VPC IPv6, which verify does not prove (gwlb-blueprint writes IPv4 only)');
    const { block, text } = read.cidr(r, 'cidr_block');
    const role = read.tags(r)[ROLE_TAG];
    if (!(VPC_ROLES as readonly string[]).includes(role)) {
      read.refuse(r, ['tags', ROLE_TAG], role, `must be one of ${VPC_ROLES.join(', ')}: verify cannot tell which flows this VPC takes part in`);
    }
    graph.vpcs.set(r.key, { key: r.key, cidr: block, cidrText: text, role: role as VpcRole, name: nameTagOf(r.args, r.key), region: set.regionOf(r.stack, r.args)! });
  }
  for (const r of read.resources('aws_subnet')) {
    refuseIpv6(read, r, ['ipv6_cidr_block']);
    const vpc = read.ref(r, 'vpc_id', ['aws_vpc']);
    const { block, text } = read.cidr(r, 'cidr_block');
    if (!contains(graph.vpcs.get(vpc)!.cidr, block)) read.refuse(r, ['cidr_block'], text, `lies outside its VPC's ${graph.vpcs.get(vpc)!.cidrText}`);
    const az = r.args.availability_zone_id !== undefined ? read.string(r, 'availability_zone_id') : read.string(r, 'availability_zone');
    graph.subnets.set(r.key, { key: r.key, vpc, cidr: block, cidrText: text, az, tier: read.tags(r)[TIER_TAG], name: nameTagOf(r.args, r.key) });
  }
  for (const r of read.resources('aws_internet_gateway')) graph.internetGateways.set(r.key, read.ref(r, 'vpc_id', ['aws_vpc']));
  for (const r of read.resources('aws_nat_gateway')) graph.natGateways.set(r.key, read.ref(r, 'subnet_id', ['aws_subnet']));
  for (const r of read.resources('aws_lb')) {
    if (r.args.load_balancer_type !== 'gateway') continue;
    graph.loadBalancers.set(r.key, { key: r.key, subnets: read.refs(r, 'subnets', ['aws_subnet']), name: String(r.args.name ?? r.key) });
  }
  for (const r of read.resources('aws_vpc_endpoint_service')) {
    if (r.args.gateway_load_balancer_arns === undefined) continue;
    graph.endpointServices.set(r.key, read.refs(r, 'gateway_load_balancer_arns', ['aws_lb']));
  }
  for (const r of read.resources('aws_vpc_endpoint')) {
    if (r.args.vpc_endpoint_type !== 'GatewayLoadBalancer') continue;
    const vpc = read.ref(r, 'vpc_id', ['aws_vpc']);
    const subnets = read.refs(r, 'subnet_ids', ['aws_subnet']);
    if (subnets.length !== 1) read.refuse(r, ['subnet_ids'], r.args.subnet_ids, 'must name exactly one subnet (a GWLB endpoint lives in one subnet)');
    const service = read.ref(r, 'service_name', ['aws_vpc_endpoint_service']);
    graph.endpoints.set(r.key, { key: r.key, vpc, subnets, service, name: nameTagOf(r.args, r.key) });
  }
  addRouteTables(read, graph);
  addTransitGateways(read, graph);
  index(graph);
  return graph;
}

function refuseIpv6(read: StrictReader, r: Resource, fields: readonly string[]): void {
  for (const field of fields) {
    if (r.args[field] !== undefined) read.refuse(r, [field], r.args[field], 'is IPv6, which verify does not prove (gwlb-blueprint writes IPv4 only)');
  }
}

/** Lookups a trace does thousands of times, prepared once: attachments by VPC, subnets by VPC. */
function index(graph: NetworkGraph): void {
  for (const attachment of graph.attachments.values()) {
    if (attachment.kind === 'vpc' && attachment.vpc) graph.vpcAttachment.set(`${attachment.vpc}|${attachment.tgw}`, attachment);
  }
  for (const subnet of graph.subnets.values()) {
    const list = graph.subnetsByVpc.get(subnet.vpc);
    if (list) list.push(subnet);
    else graph.subnetsByVpc.set(subnet.vpc, [subnet]);
  }
}
