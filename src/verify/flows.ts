/**
 * The flows every inspected network must carry, enumerated from the graph per
 * region and source AZ, each traced forward and back and judged: delivered both
 * ways, inspected as intended (once per direction), on the same AZ's appliance
 * path both ways, and never reaching the internet uninspected.
 */
import { fromInt, parseCidr, type Ipv4Block } from '../blueprint/cidr';
import { INSPECT_EVERYTHING, type FlowClass, type FlowPolicy, type Intent } from './intent';
import type { NetworkGraph, SubnetNode, VpcNode } from './network-graph';
import { trace, type Direction, type FlowPoint, type Start, type TraceContext } from './trace';

export interface FlowResult {
  readonly flowClass: FlowClass;
  readonly region: string;
  readonly source: string;
  readonly destination: string;
  /** `az1 → az2`, with the appliance-mode AZ when one applies. */
  readonly azs: string;
  readonly policy: FlowPolicy;
  readonly ok: boolean;
  /** Why it failed: the first broken hop or the broken property. */
  readonly reason?: string;
  readonly forward: Direction;
  readonly reverse: Direction;
}

interface Region {
  readonly code: string;
  readonly spokes: VpcNode[];
  readonly dmzs: VpcNode[];
  readonly vpns: { key: string; name: string; tgw: string; prefixes: Ipv4Block[] }[];
  /** AZs an appliance-mode attachment may pin a conversation to. */
  readonly applianceAzs: (string | undefined)[];
  readonly policies: Readonly<Record<FlowClass, FlowPolicy>>;
  readonly azs: string[];
}

export function checkFlows(graph: NetworkGraph, intent: Intent | undefined, display: (n: string) => string): FlowResult[] {
  const regions = regionsOf(graph, intent);
  const onpremPrefixes = new Map(regions.flatMap((r) => r.vpns.map((v) => [v.key, v.prefixes] as const)));
  const ctx: TraceContext = { graph, onpremPrefixes, display };
  const internet = internetAddress(graph, [...onpremPrefixes.values()].flat());
  const results: FlowResult[] = [];
  for (const region of regions) {
    const run = (flowClass: FlowClass, from: FlowPoint, to: FlowPoint, source: string, destination: string, azs: string) => {
      // The flow hash of an appliance-mode attachment may pick any of its AZs: every pick is
      // traced. A flow that crosses no such attachment is traced once.
      for (const choice of region.applianceAzs) {
        const result = judge(ctx, region.code, flowClass, region.policies[flowClass], from, to, source, destination, choice ? `${azs} (appliance ${choice})` : azs, choice);
        if (!result.forward.hashed && !result.reverse.hashed) {
          results.push({ ...result, azs });
          break;
        }
        results.push(result);
      }
    };
    const hosts = (vpc: VpcNode, tier: string) => hostsOf(graph, vpc, tier);
    const internetPoint: FlowPoint = { kind: 'internet', address: internet, label: `internet ${fromInt(internet)}` };
    for (const spoke of region.spokes) {
      for (const h of hosts(spoke, 'workload')) run('spoke-internet', h.point, internetPoint, display(spoke.name), 'internet', h.az);
    }
    for (const dmz of region.dmzs) {
      for (const h of hosts(dmz, 'app')) run('dmz-internet', h.point, internetPoint, display(dmz.name), 'internet', h.az);
      for (const h of hosts(dmz, 'public')) run('internet-dmz', internetPoint, h.point, 'internet', display(dmz.name), h.az);
    }
    for (const a of region.spokes) {
      for (const b of region.spokes) {
        if (a.key === b.key) continue;
        for (const ha of hosts(a, 'workload')) {
          for (const hb of hosts(b, 'workload')) run('spoke-spoke', ha.point, hb.point, display(a.name), display(b.name), `${ha.az} → ${hb.az}`);
        }
      }
    }
    for (const dmz of region.dmzs) {
      for (const spoke of region.spokes) {
        for (const hd of hosts(dmz, 'app')) {
          for (const hs of hosts(spoke, 'workload')) {
            run('dmz-spoke', hd.point, hs.point, display(dmz.name), display(spoke.name), `${hd.az} → ${hs.az}`);
            run('dmz-spoke', hs.point, hd.point, display(spoke.name), display(dmz.name), `${hs.az} → ${hd.az}`);
          }
        }
      }
    }
    for (const vpn of region.vpns) {
      const point: FlowPoint = { kind: 'onprem', attachment: vpn.key, address: vpn.prefixes[0].base + 10, label: `${display(vpn.name)} ${fromInt(vpn.prefixes[0].base + 10)}` };
      for (const spoke of region.spokes) {
        for (const hs of hosts(spoke, 'workload')) {
          run('vpn-spoke', point, hs.point, display(vpn.name), display(spoke.name), `→ ${hs.az}`);
          run('vpn-spoke', hs.point, point, display(spoke.name), display(vpn.name), `${hs.az} →`);
        }
      }
    }
  }
  return results;
}

function judge(
  ctx: TraceContext,
  region: string,
  flowClass: FlowClass,
  policy: FlowPolicy,
  from: FlowPoint,
  to: FlowPoint,
  source: string,
  destination: string,
  azs: string,
  choice: string | undefined,
): FlowResult {
  const forward = trace(ctx, startOf(ctx, from, to, choice), to, choice);
  const reverse = forward.ok ? trace(ctx, returnStart(ctx, from, to, forward, choice), from, choice) : { ok: false, hops: [], inspections: [], failure: 'not traced: the forward direction failed' };
  const verdict = (reason?: string): FlowResult => ({ flowClass, region, source, destination, azs, policy, ok: !reason, reason, forward, reverse });
  if (!forward.ok) return verdict(`forward: ${forward.failure}`);
  if (!reverse.ok) return verdict(`return: ${reverse.failure}`);
  for (const [name, direction] of [['forward', forward], ['return', reverse]] as const) {
    if (direction.exit === 'internet' && direction.inspections.length === 0) return verdict(`${name}: reaches the internet without passing a GWLB endpoint (${lastHop(direction)})`);
    if (policy === 'inspect' && direction.inspections.length === 0) return verdict(`${name}: not inspected (${direction.hops.join(' → ')})`);
    if (direction.inspections.length > 1) return verdict(`${name}: inspected ${direction.inspections.length} times (${direction.inspections.map((i) => `${i.fleet} ${i.az}`).join(', ')})`);
  }
  const path = (d: Direction) => d.inspections.map((i) => `${i.fleet} in ${i.az}`).sort().join(', ') || 'no inspection';
  if (!sameInspections(forward, reverse)) {
    return verdict(`asymmetric: forward through ${path(forward)}, return through ${path(reverse)}; a stateful appliance drops the flow`);
  }
  return verdict();
}

/** Both directions pass the same appliance paths (fleet and AZ), in any order. */
function sameInspections(a: Direction, b: Direction): boolean {
  if (a.inspections.length !== b.inspections.length) return false;
  return a.inspections.every((i) => b.inspections.some((j) => j.fleet === i.fleet && j.az === i.az));
}

function lastHop(direction: Direction): string {
  return direction.hops[direction.hops.length - 1] ?? 'no hop';
}

function startOf(ctx: TraceContext, from: FlowPoint, to: FlowPoint, choice: string | undefined): Start {
  if (from.kind === 'host') return { at: 'subnet', subnet: from.subnet };
  if (from.kind === 'onprem') {
    const attachment = ctx.graph.attachments.get(from.attachment)!;
    return { at: 'tgw', attachment: attachment.key, tgw: attachment.tgw ?? '', az: choice ?? '' };
  }
  // From the internet: the packet arrives at the destination VPC's internet gateway.
  const vpc = to.kind === 'host' ? ctx.graph.subnets.get(to.subnet)?.vpc : undefined;
  const igw = [...ctx.graph.internetGateways].find(([, v]) => v === vpc)?.[0] ?? '';
  return { at: 'igw', igw };
}

function returnStart(ctx: TraceContext, from: FlowPoint, to: FlowPoint, forward: Direction, choice: string | undefined): Start {
  if (to.kind === 'host') return { at: 'subnet', subnet: to.subnet };
  if (to.kind === 'onprem') return startOf(ctx, to, from, choice);
  // The internet answers the address it saw: the NAT gateway's, or the source's own through its IGW.
  if (forward.nat) return { at: 'nat', nat: forward.nat };
  return startOf(ctx, to, from, choice);
}

function regionsOf(graph: NetworkGraph, intent: Intent | undefined): Region[] {
  const byRegion = new Map<string, VpcNode[]>();
  const regionOfKey = (key: string) => graph.set.stacks.get(key.slice(0, key.indexOf('/')))?.region ?? '?';
  for (const vpc of graph.vpcs.values()) {
    const code = regionOfKey(vpc.key);
    byRegion.set(code, [...(byRegion.get(code) ?? []), vpc]);
  }
  return [...byRegion.entries()].map(([code, vpcs]) => {
    const regionIntent = intent?.regions[code];
    const vpns = [...graph.attachments.values()]
      .filter((a) => a.kind === 'vpn' && regionOfKey(a.key) === code)
      .map((a) => {
        const prefixes = (regionIntent?.vpnPrefixes[a.name] ?? staticPrefixesOf(graph, a.key) ?? [UNKNOWN_ONPREM_PREFIX])
          .map((c) => parseCidr(c))
          .flatMap((p) => (p.ok ? [p.block] : []));
        return { key: a.key, name: a.name, tgw: a.tgw ?? '', prefixes };
      })
      .filter((v) => v.prefixes.length > 0);
    const applianceAzs = [
      ...new Set(
        [...graph.attachments.values()]
          .filter((a) => a.applianceMode && regionOfKey(a.key) === code)
          .flatMap((a) => a.subnets.map((s) => graph.subnets.get(s)?.az)),
      ),
    ].filter((az): az is string => !!az);
    const azs = [...new Set([...graph.subnets.values()].filter((s) => regionOfKey(s.key) === code).map((s) => s.az))].sort();
    return {
      code,
      spokes: vpcs.filter((v) => v.role === 'spoke'),
      dmzs: vpcs.filter((v) => v.role === 'dmz'),
      vpns,
      applianceAzs: applianceAzs.length > 0 ? applianceAzs.sort() : [undefined],
      policies: regionIntent?.flows ?? INSPECT_EVERYTHING,
      azs,
    };
  });
}

/** Stands for "somewhere on-premises" when neither an intent file nor static routes tell. */
const UNKNOWN_ONPREM_PREFIX = '192.168.255.0/24';

/** A static VPN's prefixes are the TGW static routes that point at it. */
function staticPrefixesOf(graph: NetworkGraph, attachment: string): string[] | undefined {
  const prefixes = [...graph.tgwRouteTables.values()].flatMap((t) => t.staticRoutes.filter((r) => r.attachment === attachment).map((r) => r.destinationText));
  return prefixes.length > 0 ? [...new Set(prefixes)] : undefined;
}

function hostsOf(graph: NetworkGraph, vpc: VpcNode, tier: string): { az: string; point: FlowPoint }[] {
  const subnets: SubnetNode[] = [...graph.subnets.values()].filter((s) => s.vpc === vpc.key && s.tier === tier).sort((a, b) => a.az.localeCompare(b.az));
  return subnets.map((s) => {
    const address = s.cidr.base + 10;
    return { az: s.az, point: { kind: 'host', subnet: s.key, address, label: `${s.name} ${fromInt(address)}` } };
  });
}

/** An address on the internet: outside every VPC and on-premises prefix of the network. */
function internetAddress(graph: NetworkGraph, onprem: readonly Ipv4Block[]): number {
  const taken = [...[...graph.vpcs.values()].map((v) => v.cidr), ...onprem];
  for (const candidate of ['198.51.100.77', '203.0.113.77', '192.0.2.77', '8.8.8.8']) {
    const parsed = parseCidr(`${candidate}/32`);
    if (parsed.ok && !taken.some((b) => parsed.block.base >= b.base && parsed.block.base < b.base + 2 ** (32 - b.prefix))) return parsed.block.base;
  }
  return parseCidr('8.8.4.4/32').ok ? (parseCidr('8.8.4.4/32') as { ok: true; block: Ipv4Block }).block.base : 0;
}
