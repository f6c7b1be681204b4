/**
 * The route tables of the network graph: every route (inline or aws_route) with a
 * destination and a target verify can evaluate, or refused by name; the
 * associations with subnets and internet gateways (edge tables); and the routes
 * gateway endpoints add to their service's AWS-managed prefix list.
 */
import type { NetworkGraph, RouteEntry, RouteTableNode, RouteTarget, VpcNode } from './network-graph';
import type { Resource, StrictReader } from './strict';
import { nameTagOf, type Attributes } from './terraform-json';

export function addRouteTables(read: StrictReader, graph: NetworkGraph): void {
  for (const r of read.resources('aws_route_table')) {
    const vpc = read.ref(r, 'vpc_id', ['aws_vpc']);
    const vgws = r.args.propagating_vgws;
    if (vgws !== undefined && !(Array.isArray(vgws) && vgws.length === 0)) read.refuse(r, ['propagating_vgws'], vgws, 'learns routes from a virtual private gateway at run time: verify cannot see them');
    const table: RouteTableNode = { key: r.key, vpc, name: nameTagOf(r.args, r.key), routes: [], serviceRoutes: [] };
    read.blocks(r, 'route').forEach((inline, i) => addRoute(read, r, table, routeEntry(read, r, inline, ['route', i], 'cidr_block', graph.vpcs.get(vpc)!), ['route', i, 'cidr_block']));
    graph.routeTables.set(r.key, table);
  }
  const tableOf = (r: Resource, attr: string, args: Attributes = r.args, at: (string | number)[] = [attr]) => graph.routeTables.get(read.ref(r, attr, ['aws_route_table'], args, at))!;
  for (const r of read.resources('aws_route')) {
    const table = tableOf(r, 'route_table_id');
    addRoute(read, r, table, routeEntry(read, r, r.args, [], 'destination_cidr_block', graph.vpcs.get(table.vpc)!), ['destination_cidr_block']);
  }
  for (const r of read.resources('aws_route_table_association')) {
    const table = read.ref(r, 'route_table_id', ['aws_route_table']);
    if ((r.args.subnet_id === undefined) === (r.args.gateway_id === undefined)) read.refuse(r, ['subnet_id'], r.args.subnet_id, 'must be set, or gateway_id, but not both');
    if (r.args.subnet_id !== undefined) graph.subnetAssociation.set(read.ref(r, 'subnet_id', ['aws_subnet']), table);
    else graph.edgeAssociation.set(read.ref(r, 'gateway_id', ['aws_internet_gateway']), table);
  }
  // A gateway endpoint adds a route to its service's AWS-managed prefix list to each table it names.
  const serviceRoute = (r: Resource, table: RouteTableNode, service: string) => table.serviceRoutes.push({ service, endpoint: r.key });
  for (const r of read.resources('aws_vpc_endpoint')) {
    if (r.args.vpc_endpoint_type !== 'Gateway') {
      if (r.args.route_table_ids !== undefined) read.refuse(r, ['route_table_ids'], r.args.route_table_ids, 'is set on an endpoint that is not a gateway endpoint');
      continue;
    }
    const service = gatewayService(read, r);
    for (const key of r.args.route_table_ids === undefined ? [] : read.refs(r, 'route_table_ids', ['aws_route_table'])) serviceRoute(r, graph.routeTables.get(key)!, service);
  }
  for (const r of read.resources('aws_vpc_endpoint_route_table_association')) {
    const endpoint = read.ref(r, 'vpc_endpoint_id', ['aws_vpc_endpoint']);
    const args = graph.set.resource(endpoint)!;
    if (args.vpc_endpoint_type !== 'Gateway') read.refuse(r, ['vpc_endpoint_id'], r.args.vpc_endpoint_id, 'names an endpoint that is not a gateway endpoint');
    serviceRoute({ ...r, key: endpoint }, tableOf(r, 'route_table_id'), String(args.service_name));
  }
}

/** AWS refuses a second route to one destination in a table (RouteAlreadyExists): so does verify, rather than pick one. */
function addRoute(read: StrictReader, r: Resource, table: RouteTableNode, route: RouteEntry, at: (string | number)[]): void {
  if (table.routes.some((other) => other.destinationText === route.destinationText)) {
    read.refuse(r, at, route.destinationText, `is a second route to this destination in ${table.name} (AWS refuses it: RouteAlreadyExists)`);
  }
  table.routes.push(route);
}

/**
 * Gateway endpoints exist for S3 and DynamoDB only; their routes go to the service's
 * AWS-managed prefix list (docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html),
 * an AWS service of the Region and never the internet at large.
 */
function gatewayService(read: StrictReader, r: Resource): string {
  const service = read.string(r, 'service_name');
  if (!/^com\.amazonaws\.[a-z0-9-]+\.(s3|dynamodb)$/.test(service)) read.refuse(r, ['service_name'], service, 'is not the S3 or DynamoDB service of a Region, the only services with gateway endpoints');
  return service;
}

const OTHER_TARGETS = ['network_interface_id', 'vpc_peering_connection_id', 'egress_only_gateway_id', 'carrier_gateway_id', 'local_gateway_id', 'core_network_arn', 'instance_id'];
const TARGETS = ['gateway_id', 'nat_gateway_id', 'transit_gateway_id', 'vpc_endpoint_id', ...OTHER_TARGETS];

function routeEntry(read: StrictReader, r: Resource, args: Attributes, at: (string | number)[], destinationField: string, vpc: VpcNode): RouteEntry {
  for (const field of ['destination_ipv6_cidr_block', 'ipv6_cidr_block']) {
    if (args[field] !== undefined) read.refuse(r, [...at, field], args[field], 'is an IPv6 route, which verify does not prove (gwlb-blueprint writes IPv4 only)');
  }
  if (args.destination_prefix_list_id !== undefined) {
    read.refuse(r, [...at, 'destination_prefix_list_id'], args.destination_prefix_list_id, 'routes a managed prefix list, whose entries verify cannot see (gwlb-blueprint never writes one)');
  }
  const { block, text } = read.cidr(r, destinationField, args, [...at, destinationField]);
  const set = TARGETS.filter((t) => args[t] !== undefined && args[t] !== null && args[t] !== '');
  if (set.length !== 1) read.refuse(r, [...at, set[1] ?? 'gateway_id'], set.length === 0 ? undefined : args[set[1]], set.length === 0 ? 'the route has no target' : `is a second target of one route (${set.join(', ')})`);
  const field = set[0];
  const ref = (types: string[]) => read.ref(r, field, types, args, [...at, field]);
  let target: RouteTarget;
  switch (field) {
    case 'gateway_id':
      target = args.gateway_id === 'local' ? { kind: 'local' } : { kind: 'igw', igw: ref(['aws_internet_gateway']) };
      break;
    case 'nat_gateway_id':
      target = { kind: 'nat', nat: ref(['aws_nat_gateway']) };
      break;
    case 'transit_gateway_id':
      target = { kind: 'tgw', tgw: ref(['aws_ec2_transit_gateway']) };
      break;
    case 'vpc_endpoint_id': {
      const endpoint = ref(['aws_vpc_endpoint']);
      if (read.set.resource(endpoint)?.vpc_endpoint_type !== 'GatewayLoadBalancer') read.refuse(r, [...at, field], args[field], 'names an endpoint that is not a Gateway Load Balancer endpoint');
      target = { kind: 'gwlbe', endpoint };
      break;
    }
    default:
      read.refuse(r, [...at, field], args[field], 'is a route target verify cannot trace (gwlb-blueprint never writes one)');
  }
  // The local route covers the VPC CIDR; a route to exactly that CIDR replaces its target
  // (middlebox routing), and `local` serves no other destination: neither is written by gwlb-blueprint.
  if ((target.kind === 'local') !== (text === vpc.cidrText)) {
    read.refuse(r, [...at, target.kind === 'local' ? field : destinationField], target.kind === 'local' ? 'local' : text, target.kind === 'local' ? `targets local for a destination other than the VPC CIDR ${vpc.cidrText}` : 'replaces the target of the VPC\'s local route, which verify does not model (gwlb-blueprint never does)');
  }
  return { destination: block, destinationText: text, target, resource: r.key };
}

