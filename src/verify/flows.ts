/**
 * The flows every inspected network must carry, enumerated from the graph per
 * region and source AZ, each traced forward and back and judged: delivered both
 * ways, inspected as intended (once per direction in a region; by each inspecting
 * region across a peering), on the same appliance path both ways, and never
 * reaching the internet uninspected.
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
  /** `az1 → az2`, with the flow hash when appliance mode applies. */
  readonly azs: string;
  readonly policy: FlowPolicy;
  readonly ok: boolean;
  /** Why it failed: the first broken hop or the broken property. */
  readonly reason?: string;
  readonly forward: Direction;
  readonly reverse: Direction;
}

interface Vpn {
  readonly key: string;
  readonly name: string;
  readonly prefixes: Ipv4Block[];
}

interface Region {
  readonly code: string;
  readonly spokes: VpcNode[];
  readonly dmzs: VpcNode[];
  readonly vpns: Vpn[];
  /** How many AZs the flow hash of an appliance-mode attachment may pick from (0: none). */
  readonly hashWidth: number;
  readonly policies: Readonly<Record<FlowClass, FlowPolicy>>;
}

interface Expectation {
  readonly policy: FlowPolicy;
  /** Inspections each direction must pass; undefined: at least one (no intent to say more). */
  readonly inspections?: number;
}

export function checkFlows(graph: NetworkGraph, intent: Intent | undefined, display: (n: string) => string): FlowResult[] {
  const regions = regionsOf(graph, intent);
  const onpremPrefixes = new Map(regions.flatMap((r) => r.vpns.map((v) => [v.key, v.prefixes] as const)));
  const ctx: TraceContext = { graph, onpremPrefixes, display };
  const internet = internetAddress(graph, [...onpremPrefixes.values()].flat());
  const results: FlowResult[] = [];
  const internetPoint: FlowPoint = { kind: 'internet', address: internet, label: `internet ${fromInt(internet)}` };
  const hostCache = new Map<string, { az: string; point: FlowPoint }[]>();
  const hosts = (vpc: VpcNode, tier: string) => {
    const key = `${vpc.key}|${tier}`;
    let found = hostCache.get(key);
    if (!found) hostCache.set(key, (found = hostsOf(graph, vpc, tier)));
    return found;
  };

  const represented = new Set<string>();
  const summaries = new Map<string, Direction>();
  const run = (
    region: string,
    flowClass: FlowClass,
    expect: Expectation,
    hashWidth: number,
    from: FlowPoint,
    to: FlowPoint,
    source: string,
    destination: string,
    azs: string,
    turn?: number,
  ) => {
    // The flow hash of an appliance-mode attachment may pick any of its AZs: every pick is
    // traced (or, for a sampled pair, the one its turn gives). A flow that crosses no such
    // attachment is traced once.
    const hashes = turn === undefined ? Array.from({ length: Math.max(1, hashWidth) }, (_, i) => i) : [turn % Math.max(1, hashWidth)];
    for (const hash of hashes) {
      let result = judge(ctx, region, flowClass, expect, from, to, source, destination, hashWidth > 0 ? `${azs} (hash ${hash + 1})` : azs, hashWidth > 0 ? hash : undefined);
      const unhashed = !result.forward.hashed && !result.reverse.hashed;
      if (unhashed) result = { ...result, azs };
      // Large networks carry hundreds of thousands of flows: a passing flow keeps its hops only
      // when it is the first of its source and destination (the one the report shows).
      const group = `${region}|${flowClass}|${source}|${destination}`;
      if (result.ok && represented.has(group)) result = { ...result, forward: summary(summaries, result.forward), reverse: summary(summaries, result.reverse) };
      represented.add(group);
      results.push(result);
      if (unhashed) break;
    }
  };

  for (const region of regions) {
    const flowSampled = (flowClass: FlowClass, from: FlowPoint, to: FlowPoint, source: string, destination: string, azs: string, turn: number | undefined) =>
      run(region.code, flowClass, { policy: region.policies[flowClass], ...(region.policies[flowClass] === 'inspect' ? { inspections: 1 } : {}) }, region.hashWidth, from, to, source, destination, azs, turn);
    const flow = (flowClass: FlowClass, from: FlowPoint, to: FlowPoint, source: string, destination: string, azs: string) => flowSampled(flowClass, from, to, source, destination, azs, undefined);
    for (const spoke of region.spokes) {
      for (const h of hosts(spoke, 'workload')) flow('spoke-internet', h.point, internetPoint, display(spoke.name), 'internet', h.az);
    }
    for (const dmz of region.dmzs) {
      for (const h of hosts(dmz, 'app')) flow('dmz-internet', h.point, internetPoint, display(dmz.name), 'internet', h.az);
      for (const h of hosts(dmz, 'public')) flow('internet-dmz', internetPoint, h.point, 'internet', display(dmz.name), h.az);
    }
    const spokePairs = pairsOf(region.spokes, region.spokes);
    for (const { a, b, full, turn } of spokePairs) {
      for (const [ha, hb] of azPairs(hosts(a, 'workload'), hosts(b, 'workload'), full, turn)) {
        flowSampled('spoke-spoke', ha.point, hb.point, display(a.name), display(b.name), `${ha.az} → ${hb.az}`, full ? undefined : turn);
      }
    }
    for (const { a: dmz, b: spoke, full, turn } of pairsOf(region.dmzs, region.spokes)) {
      for (const [hd, hs] of azPairs(hosts(dmz, 'app'), hosts(spoke, 'workload'), full, turn)) {
        flowSampled('dmz-spoke', hd.point, hs.point, display(dmz.name), display(spoke.name), `${hd.az} → ${hs.az}`, full ? undefined : turn);
        flowSampled('dmz-spoke', hs.point, hd.point, display(spoke.name), display(dmz.name), `${hs.az} → ${hd.az}`, full ? undefined : turn);
      }
    }
    for (const vpn of region.vpns) {
      for (const spoke of region.spokes) {
        for (const hs of hosts(spoke, 'workload')) {
          flow('vpn-spoke', onpremPoint(vpn, display), hs.point, display(vpn.name), display(spoke.name), `→ ${hs.az}`);
          flow('vpn-spoke', hs.point, onpremPoint(vpn, display), display(spoke.name), display(vpn.name), `${hs.az} →`);
        }
      }
    }
  }

  const inRegion = (code: string, name: string) => (display(name).startsWith(`${code}-`) ? display(name) : `${code} ${display(name)}`);
  // Across regions: spokes with spokes, and offices with spokes, of every peered pair.
  for (const pair of peeredPairs(graph, intent, regions)) {
    const [a, b] = pair.regions.map((code) => regions.find((r) => r.code === code)!);
    if (!a || !b) continue;
    const expect: Expectation = { policy: 'inspect', ...(pair.inspectedBy ? { inspections: pair.inspectedBy.length } : {}) };
    const width = Math.max(a.hashWidth, b.hashWidth);
    const label = `${a.code} ↔ ${b.code}`;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      for (const { a: sx, b: sy, full, turn } of pairsOf(x.spokes, y.spokes)) {
        for (const [hx, hy] of azPairs(hosts(sx, 'workload'), hosts(sy, 'workload'), full, turn)) {
          run(label, 'inter-region', expect, width, hx.point, hy.point, inRegion(x.code, sx.name), inRegion(y.code, sy.name), `${hx.az} → ${hy.az}`, full ? undefined : turn);
        }
      }
      for (const vpn of x.vpns) {
        for (const sy of y.spokes) {
          for (const hy of hosts(sy, 'workload')) {
            run(label, 'inter-region', expect, width, onpremPoint(vpn, display), hy.point, inRegion(x.code, vpn.name), inRegion(y.code, sy.name), `→ ${hy.az}`);
            run(label, 'inter-region', expect, width, hy.point, onpremPoint(vpn, display), inRegion(y.code, sy.name), inRegion(x.code, vpn.name), `${hy.az} →`);
          }
        }
      }
    }
  }
  return results;
}

/** Pairs of VPCs traced with every AZ combination and flow-hash pick, when a class has at most this many. */
const FULL_PAIRS = 64;

/**
 * The VPC pairs of a quadratic flow class. Every pair is traced. Small classes
 * trace every AZ combination of every pair; large ones (hundreds of spokes) trace
 * every combination for each VPC with its ring neighbour, and one combination per
 * other pair, rotated (`turn`) so that every AZ pair and flow-hash pick still
 * occurs: each route table is then exercised in every AZ, without n² × AZ² traces.
 */
function pairsOf<T extends { key: string }>(from: readonly T[], to: readonly T[]): { a: T; b: T; full: boolean; turn: number }[] {
  const pairs: { a: T; b: T; full: boolean; turn: number }[] = [];
  const total = from.length * to.length;
  from.forEach((a, i) => {
    to.forEach((b, j) => {
      if (a.key === b.key) return;
      const neighbour = j === (i + 1) % to.length || (from !== to && j === i % to.length);
      const full = total <= FULL_PAIRS || neighbour;
      // A sampled pair is traced both ways by one flow (forward and return), so within one
      // list each unordered pair is enough.
      if (!full && from === to && j < i) return;
      pairs.push({ a, b, full, turn: i + j });
    });
  });
  return pairs;
}

/** AZ combinations of a VPC pair: all of them, or the one its turn selects. */
function azPairs<H>(from: readonly H[], to: readonly H[], full: boolean, turn: number): [H, H][] {
  if (full) return from.flatMap((x) => to.map((y) => [x, y] as [H, H]));
  if (from.length === 0 || to.length === 0) return [];
  return [[from[turn % from.length], to[(turn + Math.floor(turn / from.length)) % to.length]]];
}

const NO_HOPS: readonly string[] = Object.freeze([]);

/**
 * A passing direction without its hops, shared by every direction with the same
 * inspections and exit: hundreds of thousands of flows then cost one object each.
 */
function summary(summaries: Map<string, Direction>, direction: Direction): Direction {
  const key = `${direction.exit}|${direction.nat ?? ''}|${direction.hashed ? 1 : 0}|${direction.inspections.map((i) => i.endpoint).join(',')}`;
  let shared = summaries.get(key);
  if (!shared) summaries.set(key, (shared = { ...direction, hops: NO_HOPS }));
  return shared;
}

function onpremPoint(vpn: Vpn, display: (n: string) => string): FlowPoint {
  const address = vpn.prefixes[0].base + 10;
  return { kind: 'onprem', attachment: vpn.key, address, label: `${display(vpn.name)} ${fromInt(address)}` };
}

function judge(
  ctx: TraceContext,
  region: string,
  flowClass: FlowClass,
  expect: Expectation,
  from: FlowPoint,
  to: FlowPoint,
  source: string,
  destination: string,
  azs: string,
  hash: number | undefined,
): FlowResult {
  const forward = trace(ctx, startOf(ctx, from, to), to, hash);
  const reverse = forward.ok ? trace(ctx, returnStart(ctx, from, to, forward), from, hash) : { ok: false, hops: [], inspections: [], failure: 'not traced: the forward direction failed' };
  const verdict = (reason?: string): FlowResult => ({ flowClass, region, source, destination, azs, policy: expect.policy, ok: !reason, reason, forward, reverse });
  if (!forward.ok) return verdict(`forward: ${forward.failure}`);
  if (!reverse.ok) return verdict(`return: ${reverse.failure}`);
  for (const [name, direction] of [['forward', forward], ['return', reverse]] as const) {
    const count = direction.inspections.length;
    if (direction.exit === 'internet' && count === 0) return verdict(`${name}: reaches the internet without passing a GWLB endpoint (${lastHop(direction)})`);
    if (expect.policy === 'inspect' && count === 0) return verdict(`${name}: not inspected (${direction.hops.join(' → ')})`);
    const allowed = expect.inspections ?? Math.max(1, count);
    if (count > allowed) return verdict(`${name}: inspected ${count} times (${direction.inspections.map((i) => `${i.fleet} ${i.az}`).join(', ')}), expected ${allowed}`);
    if (expect.policy === 'inspect' && count < allowed) {
      return verdict(`${name}: inspected ${count} time${count === 1 ? '' : 's'} (${direction.inspections.map((i) => `${i.fleet} ${i.az}`).join(', ')}), expected ${allowed}`);
    }
  }
  if (!sameInspections(forward, reverse)) {
    const path = (d: Direction) => d.inspections.map((i) => `${i.fleet} in ${i.az}`).sort().join(', ') || 'no inspection';
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

function startOf(ctx: TraceContext, from: FlowPoint, to: FlowPoint): Start {
  if (from.kind === 'host') return { at: 'subnet', subnet: from.subnet };
  if (from.kind === 'onprem') {
    const attachment = ctx.graph.attachments.get(from.attachment)!;
    return { at: 'tgw', attachment: attachment.key, tgw: attachment.tgw ?? '', az: undefined };
  }
  // From the internet: the packet arrives at the destination VPC's internet gateway.
  const vpc = to.kind === 'host' ? ctx.graph.subnets.get(to.subnet)?.vpc : undefined;
  const igw = [...ctx.graph.internetGateways].find(([, v]) => v === vpc)?.[0] ?? '';
  return { at: 'igw', igw };
}

function returnStart(ctx: TraceContext, from: FlowPoint, to: FlowPoint, forward: Direction): Start {
  if (to.kind === 'host') return { at: 'subnet', subnet: to.subnet };
  if (to.kind === 'onprem') return startOf(ctx, to, from);
  // The internet answers the address it saw: the NAT gateway's, or the source's own through its IGW.
  if (forward.nat) return { at: 'nat', nat: forward.nat };
  return startOf(ctx, to, from);
}

function regionOfKey(graph: NetworkGraph, key: string): string {
  return graph.set.stacks.get(key.slice(0, key.indexOf('/')))?.region ?? '?';
}

function regionsOf(graph: NetworkGraph, intent: Intent | undefined): Region[] {
  const byRegion = new Map<string, VpcNode[]>();
  for (const vpc of graph.vpcs.values()) {
    const code = regionOfKey(graph, vpc.key);
    const list = byRegion.get(code);
    if (list) list.push(vpc);
    else byRegion.set(code, [vpc]);
  }
  return [...byRegion.entries()].map(([code, vpcs]) => {
    const regionIntent = intent?.regions[code];
    const vpns = [...graph.attachments.values()]
      .filter((a) => a.kind === 'vpn' && regionOfKey(graph, a.key) === code)
      .map((a) => {
        const prefixes = (regionIntent?.vpnPrefixes[a.name] ?? staticPrefixesOf(graph, a.key) ?? [UNKNOWN_ONPREM_PREFIX])
          .map((c) => parseCidr(c))
          .flatMap((p) => (p.ok ? [p.block] : []));
        return { key: a.key, name: a.name, prefixes };
      })
      .filter((v) => v.prefixes.length > 0);
    const hashWidth = Math.max(
      0,
      ...[...graph.attachments.values()].filter((a) => a.applianceMode && regionOfKey(graph, a.key) === code).map((a) => new Set(a.subnets.map((s) => graph.subnets.get(s)?.az)).size),
    );
    return {
      code,
      spokes: vpcs.filter((v) => v.role === 'spoke'),
      dmzs: vpcs.filter((v) => v.role === 'dmz'),
      vpns,
      hashWidth,
      policies: regionIntent?.flows ?? INSPECT_EVERYTHING,
    };
  });
}

/** The peered region pairs: from the intent, or, without one, every pair a peering attachment joins. */
function peeredPairs(graph: NetworkGraph, intent: Intent | undefined, regions: Region[]): readonly { regions: readonly [string, string]; inspectedBy?: readonly string[] }[] {
  if (intent) return intent.peerings ?? [];
  const codes = new Set(regions.map((r) => r.code));
  const tgwRegion = (tgw: string | undefined) => (tgw ? regionOfKey(graph, tgw) : undefined);
  return [...graph.attachments.values()]
    .filter((a) => a.kind === 'peering')
    .map((a) => [tgwRegion(a.tgw), tgwRegion(a.peerTgw)] as const)
    .filter((pair): pair is readonly [string, string] => !!pair[0] && !!pair[1] && codes.has(pair[0]) && codes.has(pair[1]))
    .map((pair) => ({ regions: pair }));
}

/** Stands for "somewhere on-premises" when neither an intent file nor static routes tell. */
const UNKNOWN_ONPREM_PREFIX = '192.168.255.0/24';

/** A static VPN's prefixes are the TGW static routes that point at it. */
function staticPrefixesOf(graph: NetworkGraph, attachment: string): string[] | undefined {
  const prefixes = [...graph.tgwRouteTables.values()].flatMap((t) => t.staticRoutes.filter((r) => r.attachment === attachment).map((r) => r.destinationText));
  return prefixes.length > 0 ? [...new Set(prefixes)] : undefined;
}

function hostsOf(graph: NetworkGraph, vpc: VpcNode, tier: string): { az: string; point: FlowPoint }[] {
  const subnets: SubnetNode[] = (graph.subnetsByVpc.get(vpc.key) ?? []).filter((s) => s.tier === tier).sort((a, b) => a.az.localeCompare(b.az));
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
  return 0x08080404;
}
