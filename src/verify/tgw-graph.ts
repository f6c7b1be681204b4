/**
 * The TGW part of the network graph: attachments (VPC, VPN, peering, and whether
 * each is accepted), route tables, associations, propagations and static routes,
 * and `canonical`, which names what a reference really points at.
 */
import { parseCidr } from '../blueprint/cidr';
import type { NetworkGraph } from './network-graph';
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

export function addTransitGateways(set: TerraformSet, graph: NetworkGraph, key: (stack: string, e: unknown) => string | undefined): void {
  // What each accepter accepts, to tell attachments that would wait for acceptance forever.
  const accepted = new Set<string>();
  for (const type of ['aws_ec2_transit_gateway_vpc_attachment_accepter', 'aws_ec2_transit_gateway_peering_attachment_accepter']) {
    for (const r of set.resources(type)) {
      const attachment = key(r.stack, r.args.transit_gateway_attachment_id);
      if (attachment) accepted.add(attachment);
    }
  }
  /** The account a TGW lives in, from the provider that creates it. */
  const tgwAccount = (stack: string, expression: unknown): string | undefined => {
    const ref = set.resolve(stack, expression);
    if (!ref) return undefined;
    const tgw = canonical(set, ref);
    const tgwStack = tgw?.slice(0, tgw.indexOf('/'));
    return tgw && tgwStack ? set.accountOf(tgwStack, set.resource(tgw)) : undefined;
  };
  for (const r of set.resources('aws_ec2_transit_gateway_vpc_attachment')) {
    const subnets = ((r.args.subnet_ids as unknown[]) ?? []).map((s) => key(r.stack, s)).filter((s): s is string => !!s);
    graph.attachments.set(r.key, {
      key: r.key,
      kind: 'vpc',
      tgw: key(r.stack, r.args.transit_gateway_id),
      vpc: key(r.stack, r.args.vpc_id),
      subnets,
      applianceMode: r.args.appliance_mode_support === 'enable',
      name: nameTagOf(r.args, r.key),
      // The TGW accepts nothing on its own (auto-accept off): an attachment from another
      // account needs an accepter in the TGW's account.
      accepted: accepted.has(r.key) || sameAccount(set.accountOf(r.stack, r.args), tgwAccount(r.stack, r.args.transit_gateway_id)),
    });
  }
  for (const r of set.resources('aws_vpn_connection')) {
    const attachmentKey = `${r.key}#attachment`;
    graph.attachments.set(attachmentKey, { key: attachmentKey, kind: 'vpn', tgw: key(r.stack, r.args.transit_gateway_id), subnets: [], applianceMode: false, name: nameTagOf(r.args, r.key), accepted: true });
  }
  for (const r of set.resources('aws_ec2_transit_gateway_peering_attachment')) {
    graph.attachments.set(r.key, {
      key: r.key,
      kind: 'peering',
      tgw: key(r.stack, r.args.transit_gateway_id),
      peerTgw: key(r.stack, r.args.peer_transit_gateway_id),
      subnets: [],
      applianceMode: false,
      name: nameTagOf(r.args, r.key),
      // A peering is always accepted from the other side, even within one account.
      accepted: accepted.has(r.key),
    });
  }
  for (const r of set.resources('aws_ec2_transit_gateway_route_table')) {
    graph.tgwRouteTables.set(r.key, { key: r.key, tgw: key(r.stack, r.args.transit_gateway_id), name: nameTagOf(r.args, r.key), staticRoutes: [], propagations: [] });
  }
  for (const r of set.resources('aws_ec2_transit_gateway_route_table_association')) {
    const table = key(r.stack, r.args.transit_gateway_route_table_id);
    const attachment = key(r.stack, r.args.transit_gateway_attachment_id);
    if (table && attachment) graph.tgwAssociation.set(attachment, [...(graph.tgwAssociation.get(attachment) ?? []), table]);
  }
  for (const r of set.resources('aws_ec2_transit_gateway_route_table_propagation')) {
    const table = graph.tgwRouteTables.get(key(r.stack, r.args.transit_gateway_route_table_id) ?? '');
    const attachment = key(r.stack, r.args.transit_gateway_attachment_id);
    if (table && attachment) table.propagations.push(attachment);
  }
  for (const r of set.resources('aws_ec2_transit_gateway_route')) {
    const table = graph.tgwRouteTables.get(key(r.stack, r.args.transit_gateway_route_table_id) ?? '');
    const parsed = parseCidr(String(r.args.destination_cidr_block));
    if (!table || !parsed.ok) continue;
    table.staticRoutes.push({
      destination: parsed.block,
      destinationText: String(r.args.destination_cidr_block),
      attachment: r.args.transit_gateway_attachment_id !== undefined ? key(r.stack, r.args.transit_gateway_attachment_id) : undefined,
      blackhole: r.args.blackhole === true,
      resource: r.key,
    });
  }
}

/** Unknown accounts (no allowed_account_ids) are taken as the same: nothing to prove either way. */
function sameAccount(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}
