/**
 * The TGW part of the network graph: attachments (VPC, VPN, peering, and whether
 * each is accepted), route tables, associations, propagations and static routes,
 * and `canonical`, which names what a reference really points at. Read strictly,
 * as the rest of the graph (strict.ts).
 */
import type { NetworkGraph } from './network-graph';
import type { Resource, StrictReader } from './strict';
import { nameTagOf, resourceKey, type ResourceRef, type TerraformSet } from './terraform-json';

/**
 * The key of what a reference really names: an accepter stands for the
 * attachment it accepts, an attachment's `transit_gateway_id` for that TGW, a
 * VPN connection's `transit_gateway_attachment_id` for its attachment.
 */
export function canonical(set: TerraformSet, ref: ResourceRef | undefined, depth = 0): string | undefined {
  if (!ref || depth > 8) return undefined;
  const own = resourceKey(ref);
  const args = set.resource(own);
  const follow = (field: string) => (args ? canonical(set, set.resolve(ref.stack, args[field]), depth + 1) : undefined);
  if (ref.type === 'aws_ec2_transit_gateway_vpc_attachment_accepter' && ref.attribute === 'transit_gateway_id') {
    // A VPC route reads the TGW ID off the acceptance so that it waits for it: the accepted attachment's TGW.
    const attachment = args ? set.resolve(ref.stack, args.transit_gateway_attachment_id) : undefined;
    return attachment ? canonical(set, { ...attachment, attribute: 'transit_gateway_id' }, depth + 1) : undefined;
  }
  if (ref.type === 'aws_ec2_transit_gateway_vpc_attachment_accepter' || ref.type === 'aws_ec2_transit_gateway_peering_attachment_accepter') {
    return ref.attribute === 'id' ? follow('transit_gateway_attachment_id') : own;
  }
  if (ref.type === 'aws_ec2_transit_gateway_vpc_attachment' && ref.attribute === 'transit_gateway_id') return follow('transit_gateway_id');
  if (ref.type === 'aws_vpn_connection' && ref.attribute === 'transit_gateway_attachment_id') return `${own}#attachment`;
  return own;
}

const ATTACHMENTS = ['aws_ec2_transit_gateway_vpc_attachment', 'aws_ec2_transit_gateway_peering_attachment', 'vpn-attachment'];
const TGW = ['aws_ec2_transit_gateway'];

export function addTransitGateways(read: StrictReader, graph: NetworkGraph): void {
  const { set } = read;
  // Default association and propagation are "enabled by default" (EC2 API, TransitGatewayOptions):
  // attachments would then join the TGW's default route table behind any association verify reads.
  for (const r of read.resources('aws_ec2_transit_gateway')) {
    for (const field of ['default_route_table_association', 'default_route_table_propagation']) {
      if (r.args[field] !== 'disable') read.refuse(r, [field], r.args[field], 'must be "disable": verify traces the associations and propagations the folder declares, not implicit ones');
    }
  }
  // What each accepter accepts, to tell attachments that would wait for acceptance forever.
  const accepted = new Set<string>();
  for (const type of ['aws_ec2_transit_gateway_vpc_attachment_accepter', 'aws_ec2_transit_gateway_peering_attachment_accepter']) {
    for (const r of read.resources(type)) accepted.add(read.ref(r, 'transit_gateway_attachment_id', [type.replace(/_accepter$/, '')]));
  }
  const regionOf = (r: Resource) => set.regionOf(r.stack, r.args)!;
  for (const r of read.resources('aws_ec2_transit_gateway_vpc_attachment')) {
    const tgw = read.ref(r, 'transit_gateway_id', TGW);
    const vpc = read.ref(r, 'vpc_id', ['aws_vpc']);
    const subnets = read.refs(r, 'subnet_ids', ['aws_subnet']);
    const azs = new Set<string>();
    subnets.forEach((s, i) => {
      const subnet = graph.subnets.get(s)!;
      if (subnet.vpc !== vpc) read.refuse(r, ['subnet_ids', i], r.args.subnet_ids, 'names a subnet of another VPC');
      // "You can specify only one subnet per Availability Zone" (CreateTransitGatewayVpcAttachment, SubnetIds).
      if (azs.has(subnet.az)) read.refuse(r, ['subnet_ids', i], r.args.subnet_ids, `names a second subnet in ${subnet.az}; AWS takes one per Availability Zone`);
      azs.add(subnet.az);
    });
    const mode = r.args.appliance_mode_support;
    if (mode !== undefined && mode !== 'enable' && mode !== 'disable') read.refuse(r, ['appliance_mode_support'], mode, 'must be "enable" or "disable"');
    graph.attachments.set(r.key, {
      key: r.key,
      kind: 'vpc',
      tgw,
      vpc,
      subnets,
      applianceMode: mode === 'enable',
      name: nameTagOf(r.args, r.key),
      region: regionOf(r),
      // The TGW accepts nothing on its own (auto-accept off): an attachment from another
      // account needs an accepter in the TGW's account.
      accepted: accepted.has(r.key) || sameAccount(set.accountOf(r.stack, r.args), set.accountOf(tgw.slice(0, tgw.indexOf('/')), set.resource(tgw))),
    });
  }
  for (const r of read.resources('aws_vpn_connection')) {
    if (r.args.transit_gateway_id === undefined) read.refuse(r, ['transit_gateway_id'], undefined, 'is missing: a VPN to a virtual private gateway is a path verify does not trace');
    const key = `${r.key}#attachment`;
    graph.attachments.set(key, { key, kind: 'vpn', tgw: read.ref(r, 'transit_gateway_id', TGW), subnets: [], applianceMode: false, name: nameTagOf(r.args, r.key), region: regionOf(r), accepted: true });
  }
  for (const r of read.resources('aws_ec2_transit_gateway_peering_attachment')) {
    graph.attachments.set(r.key, {
      key: r.key,
      kind: 'peering',
      tgw: read.ref(r, 'transit_gateway_id', TGW),
      peerTgw: read.ref(r, 'peer_transit_gateway_id', TGW),
      subnets: [],
      applianceMode: false,
      name: nameTagOf(r.args, r.key),
      region: regionOf(r),
      // A peering is always accepted from the other side, even within one account.
      accepted: accepted.has(r.key),
    });
  }
  for (const r of read.resources('aws_ec2_transit_gateway_route_table')) {
    graph.tgwRouteTables.set(r.key, { key: r.key, tgw: read.ref(r, 'transit_gateway_id', TGW), name: nameTagOf(r.args, r.key), staticRoutes: [], propagations: [] });
  }
  const table = (r: Resource) => graph.tgwRouteTables.get(read.ref(r, 'transit_gateway_route_table_id', ['aws_ec2_transit_gateway_route_table']))!;
  for (const r of read.resources('aws_ec2_transit_gateway_route_table_association')) {
    const key = table(r).key;
    const attachment = read.ref(r, 'transit_gateway_attachment_id', ATTACHMENTS);
    graph.tgwAssociation.set(attachment, [...(graph.tgwAssociation.get(attachment) ?? []), key]);
  }
  for (const r of read.resources('aws_ec2_transit_gateway_route_table_propagation')) {
    table(r).propagations.push(read.ref(r, 'transit_gateway_attachment_id', ATTACHMENTS));
  }
  for (const r of read.resources('aws_ec2_transit_gateway_route')) {
    const routes = table(r).staticRoutes;
    const { block, text } = read.cidr(r, 'destination_cidr_block');
    const blackhole = r.args.blackhole === true || r.args.blackhole === 'true';
    if (blackhole === (r.args.transit_gateway_attachment_id !== undefined)) {
      read.refuse(r, ['transit_gateway_attachment_id'], r.args.transit_gateway_attachment_id, blackhole ? 'is set on a blackhole route' : 'is missing (a static route names an attachment or is a blackhole)');
    }
    // AWS refuses a second static route to one destination in a table: so does verify, rather than pick one.
    if (routes.some((other) => other.destinationText === text)) read.refuse(r, ['destination_cidr_block'], text, 'is a second static route to this destination in its TGW route table (AWS refuses it)');
    routes.push({ destination: block, destinationText: text, attachment: blackhole ? undefined : read.ref(r, 'transit_gateway_attachment_id', ATTACHMENTS), blackhole, resource: r.key });
  }
}

/** Unknown accounts (no allowed_account_ids) are taken as the same: nothing to prove either way. */
function sameAccount(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}
