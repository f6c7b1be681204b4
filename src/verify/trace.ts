/**
 * One direction of a conversation, walked hop by hop the way AWS forwards it:
 * a subnet's route table (longest prefix wins, the VPC's local route included),
 * GWLB endpoints (the packet is inspected by the fleet behind the endpoint's
 * service and comes back out into the endpoint's subnet), NAT, the internet
 * gateway and its edge route table, and the TGW (tgw-crossing.ts).
 */
import { containsAddress, fromInt } from '../blueprint/cidr';
import type { AttachmentNode, RouteEntry, SubnetNode } from './network-graph';
import { crossTransitGateway } from './tgw-crossing';
import { inspect, label, subnetContaining, type Direction, type FlowPoint, type Inspection, type Start, type TraceContext } from './trace-context';

export type { Direction, FlowPoint, Inspection, Start, TraceContext } from './trace-context';

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
        if (!attachment.accepted) return fail(`${via()} → TGW, but ${ctx.display(attachment.name)} is never accepted from the TGW's account: it stays pendingAcceptance`);
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

function longestMatch(routes: readonly RouteEntry[], address: number): RouteEntry | undefined {
  return routes.find((route) => containsAddress(route.destination, address));
}
