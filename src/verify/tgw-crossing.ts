/**
 * Crossing a Transit Gateway: the ingress attachment's route table (static routes
 * and propagations, longest prefix first), then where the packet leaves: a VPN, a
 * peering to the other region's TGW, or the subnet of a VPC attachment in the AZ
 * the TGW picks (the flow hash under appliance mode, else the AZ it entered by).
 */
import { fromInt, type Ipv4Block } from '../blueprint/cidr';
import type { AttachmentNode, SubnetNode, TgwRoute } from './network-graph';
import { PrefixIndex } from './prefix-index';
import { label, type FlowPoint, type TraceContext } from './trace-context';

export type Crossing = { subnet: SubnetNode } | { delivered: true } | { failure: string };

export function crossTransitGateway(
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
  if (!next.accepted) return { failure: `TGW route table ${ctx.display(table.name)} [${route.destinationText}] → ${ctx.display(next.name)}, which is never accepted: it stays pendingAcceptance` };
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
