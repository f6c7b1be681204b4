/**
 * The flows every inspected network must carry, enumerated from the graph per
 * region and source AZ, each traced forward and back and judged: delivered both
 * ways, inspected as intended (once per direction in a region; by each inspecting
 * region across a peering), on the same appliance path both ways, and never
 * reaching the internet uninspected.
 */
import { fromInt } from '../blueprint/cidr';
import { hostsOf, internetAddress, onpremPoint, peeredPairs, regionsOf } from './flow-regions';
import type { FlowClass, Intent } from './intent';
import { judge, summary, type Expectation, type FlowResult } from './judge';
import type { NetworkGraph, VpcNode } from './network-graph';
import { azPairs, pairsOf } from './sampling';
import type { Direction, FlowPoint, TraceContext } from './trace';

export type { FlowResult } from './judge';

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
