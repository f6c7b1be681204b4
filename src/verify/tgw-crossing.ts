/**
 * Crossing a Transit Gateway: the ingress attachment's route table (static routes
 * and propagations, longest prefix first), then where the packet leaves: a VPN, a
 * peering to the other region's TGW, or a VPC attachment's subnet in the AZ the TGW
 * picks. "How AWS Transit Gateway works", Availability Zones
 * (docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-az-overview):
 * with appliance mode the TGW picks one AZ of the attachment by a flow hash and
 * keeps it for both directions of the flow, so every AZ is a choice to prove;
 * without it the TGW keeps the AZ the packet entered by, and where the attachment
 * has no subnet there (or the packet entered by a VPN or peering, in no AZ) any AZ
 * may be picked, independently in each direction.
 */
import type { AttachmentNode, SubnetNode } from './network-graph';
import { branchNode, endNode, stepNode, type PathNode } from './path';
import type { Tracer } from './trace';
import { compareCodeUnits } from '../util/compare';

/** The TGW route table a packet entering through `attachment` is looked up in, or why there is none. */
export function ingressTable(tracer: Tracer, attachment: AttachmentNode, tgw: string): { readonly table: string } | { readonly node: PathNode } {
  let byTgw = ingresses.get(tracer);
  if (!byTgw) ingresses.set(tracer, (byTgw = new Map()));
  const key = `${attachment.key}|${tgw}`;
  let known = byTgw.get(key);
  if (!known) {
    const { graph, display } = tracer.ctx;
    const table = graph.tgwAssociation.get(attachment.key)?.find((t) => graph.tgwRouteTables.get(t)!.tgw === tgw);
    known = table ? { table } : { node: tracer.fail([], `${display(attachment.name)} is associated with no route table of its TGW`) };
    byTgw.set(key, known);
  }
  return known;
}

const ingresses = new WeakMap<Tracer, Map<string, { readonly table: string } | { readonly node: PathNode }>>();

/** The packet enters the TGW through `attachment` (in `az`, if it came from a VPC). */
export function enterTransitGateway(tracer: Tracer, attachment: AttachmentNode, tgw: string, az: string | undefined, range: number): PathNode {
  const ingress = ingressTable(tracer, attachment, tgw);
  if ('node' in ingress) return ingress.node;
  return leftBy(tracer, attachment, ingress.table, crossing(tracer, ingress.table, az, range), range);
}

/** A crossing must not send the packet back through the attachment it came in by. */
export function leftBy(tracer: Tracer, attachment: AttachmentNode, tableKey: string, node: PathNode, range: number): PathNode {
  if (node.kind !== 'step' || node.enters !== attachment.key) return node;
  const route = tracer.ctx.tgwMap(tableKey).at(range)!;
  const name = tracer.ctx.display(tracer.ctx.graph.tgwRouteTables.get(tableKey)!.name);
  return tracer.fail([], `TGW route table ${name} [${route.destinationText}] sends traffic back where it came from`);
}

const crossings = new WeakMap<Tracer, Map<string, Map<number, PathNode>>>();
const dense = new WeakMap<Tracer, Map<string, Map<string, (PathNode | undefined)[]>>>();

/** The crossings of one TGW route table for packets that entered in `az`, by range: filled as they are walked. */
export function crossingsOf(tracer: Tracer, tableKey: string, az: string | undefined): (PathNode | undefined)[] {
  let byTable = dense.get(tracer);
  if (!byTable) dense.set(tracer, (byTable = new Map()));
  let byAz = byTable.get(tableKey);
  if (!byAz) byTable.set(tableKey, (byAz = new Map()));
  let nodes = byAz.get(az ?? '-');
  if (!nodes) byAz.set(az ?? '-', (nodes = new Array(tracer.ctx.ranges.count)));
  return nodes;
}

/** Memoised per table and range, and per entry AZ only where the AZ decides (no appliance mode). */
export function crossing(tracer: Tracer, tableKey: string, az: string | undefined, range: number, nodes = crossingsOf(tracer, tableKey, az)): PathNode {
  const known = nodes[range];
  if (known) return known;
  const node = crossingUncached(tracer, tableKey, az, range);
  nodes[range] = node;
  return node;
}

function crossingUncached(tracer: Tracer, tableKey: string, az: string | undefined, range: number): PathNode {
  const ctx = tracer.ctx;
  const route = ctx.tgwMap(tableKey).at(range);
  const next = route?.attachment !== undefined ? ctx.graph.attachments.get(route.attachment) : undefined;
  const azKey = next?.kind === 'vpc' && !next.applianceMode ? az ?? '-' : '*';
  let byTable = crossings.get(tracer);
  if (!byTable) crossings.set(tracer, (byTable = new Map()));
  const key = `${tableKey}|${azKey}`;
  let cache = byTable.get(key);
  if (!cache) byTable.set(key, (cache = new Map()));
  const table = ctx.graph.tgwRouteTables.get(tableKey)!;
  return tracer.memo(cache, range, () => `TGW route table ${ctx.display(table.name)}`, () => {
    const name = ctx.display(table.name);
    if (!route) return tracer.fail([], `TGW route table ${name} has no route for this destination`);
    if (route.blackhole) return tracer.fail([], `TGW route table ${name} black-holes ${route.destinationText}`);
    if (!next) return tracer.fail([], `TGW route table ${name} [${route.destinationText}] targets an attachment that does not exist`);
    if (!next.accepted) return tracer.fail([], `TGW route table ${name} [${route.destinationText}] → ${ctx.display(next.name)}, which is never accepted: it stays pendingAcceptance`);
    const hop = ctx.label(`tgw|${tableKey}`, () => `TGW ${name}`);
    const leave = (rest: PathNode): PathNode => stepNode({ hops: [hop], enters: next.key, next: rest });
    if (next.kind === 'vpn') return leave(endNode({ hops: [ctx.display(next.name)], exit: ctx.exitOf(next.key) }));
    if (next.kind === 'peering') {
      const otherTgw = next.tgw === table.tgw ? next.peerTgw! : next.tgw;
      return leave(enterTransitGateway(tracer, next, otherTgw, undefined, range));
    }
    const subnets = attachmentSubnets(tracer, next);
    if (subnets.length === 0) return tracer.fail([hop], `${ctx.display(next.name)} has no subnets`);
    const into = (subnet: SubnetNode, note?: string): PathNode =>
      stepNode({
        hops: [...(note ? [note] : []), ctx.label(`entry|${subnet.key}|${next.applianceMode}`, () => `${ctx.display(subnet.name)}${next.applianceMode ? ' (appliance mode)' : ''}`)],
        next: tracer.fromSubnet(subnet, range),
      });
    if (next.applianceMode) return leave(branchNode({ attachment: ctx.chooser(next.key), sticky: true, children: subnets.map((s) => into(s)) }));
    const same = az === undefined ? undefined : subnets.find((s) => s.az === az);
    if (same) return leave(into(same));
    if (subnets.length === 1) return leave(into(subnets[0], az === undefined ? undefined : `(${ctx.display(next.name)} has no subnet in ${az}: TGW delivers in ${subnets[0].az})`));
    const note = az === undefined ? undefined : `(${ctx.display(next.name)} has no subnet in ${az}: the TGW may deliver in any of its AZs)`;
    return leave(branchNode({ attachment: ctx.chooser(next.key), sticky: false, children: subnets.map((s) => into(s, note)) }));
  });
}

const sortedSubnets = new WeakMap<Tracer, Map<string, SubnetNode[]>>();

/** An attachment's subnets in AZ order: the order AZ choices are numbered in. */
export function attachmentSubnets(tracer: Tracer, attachment: AttachmentNode): SubnetNode[] {
  let cache = sortedSubnets.get(tracer);
  if (!cache) sortedSubnets.set(tracer, (cache = new Map()));
  let subnets = cache.get(attachment.key);
  if (!subnets) {
    subnets = attachment.subnets.map((s) => tracer.ctx.graph.subnets.get(s)!).sort((a, b) => compareCodeUnits(a.az, b.az));
    cache.set(attachment.key, subnets);
  }
  return subnets;
}
