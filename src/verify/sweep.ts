/**
 * The sweep: from every subnet of every spoke and DMZ (but a DMZ's endpoint
 * subnets, whose route to the IGW follows inspection) and from every office, every
 * destination range of 0.0.0.0/0 outside its own VPC, in every AZ choice, must
 * never reach the internet without passing a GWLB endpoint (DESIGN.md: for every
 * destination address, a more-specific route is as much a bypass as a wrong
 * default). The egress VPC's subnets are the inspection path itself (its
 * appliances reach the internet through NAT by design) and are not swept.
 * Ranges a subnet sends to the TGW are counted per TGW route table
 * and AZ once, as prefix sums, so the sweep costs a few pieces per subnet.
 */
import type { Point, Region, Side } from './flow-regions';
import { NO_CHOICE, type Entry, type PathNode } from './path';
import { ClassAccumulator, exampleOf, type Materializer, type PairAccumulator } from './proof';
import { crossing } from './tgw-crossing';
import type { Tracer } from './trace';
import type { SubnetNode } from './network-graph';

interface Stats {
  /**
   * Prefix sums over ranges: AZ paths, and AZ paths that leak (at most ranges × AZ choices). Integers: a
   * count read from a Float64Array is a double, and one double stored in a pair's count turns that field
   * of every pair into a boxed number, each pair migrated to the new shape when it is next read.
   */
  readonly paths: Int32Array;
  readonly leaks: Int32Array;
  /** The most AZ choices of one range. */
  readonly choices: number;
}

const LEAK = 'reaches the internet without passing a GWLB endpoint';

export function sweep(tracer: Tracer, materializer: Materializer, regions: readonly Region[]): ClassAccumulator[] {
  const ctx = tracer.ctx;
  const stats = new Map<string, Stats>();
  const leaks = (e: Entry) => e.exit === ctx.internet && e.summary.inspections.length === 0;
  const statsOf = (tableKey: string, az: string | undefined): Stats => {
    const key = `${tableKey}|${az ?? '-'}`;
    let s = stats.get(key);
    if (!s) {
      const paths = new Int32Array(ctx.ranges.count + 1);
      const leaked = new Int32Array(ctx.ranges.count + 1);
      let choices = 0;
      for (let r = 0; r < ctx.ranges.count; r++) {
        const entries = ctx.algebra.entries(crossing(tracer, tableKey, az, r));
        choices = Math.max(choices, entries.length);
        paths[r + 1] = paths[r] + entries.length;
        leaked[r + 1] = leaked[r] + entries.filter(leaks).length;
      }
      stats.set(key, (s = { paths, leaks: leaked, choices }));
    }
    return s;
  };

  const classes: ClassAccumulator[] = [];
  for (const region of regions) {
    const acc = new ClassAccumulator(materializer, region.code, 'any-destination', 'inspect');
    classes.push(acc);
    acc.markDestinations(0, ctx.ranges.count - 1);
    const anywhere: Side = { kind: 'internet', key: 'anywhere', name: 'any destination', points: [] };
    const count = (pair: PairAccumulator, s: Point, r: number, node: PathNode, entry: Entry) => {
      if (!leaks(entry)) return;
      const choice = ctx.algebra.merge(entry.choice, NO_CHOICE);
      pair.failed++;
      acc.failed++;
      if (materializer.wants(pair)) {
        const d: Point = { range: r, exit: ctx.internet, label: 'internet' };
        materializer.keep(pair, exampleOf(s, d, s.label, 'internet', node, entry, choice, { ok: false, reason: () => `forward: ${LEAK} (${entry.summary.exitVia})` }));
      }
    };
    // Ranges lo..hi from a source whose route sends them into the TGW through `attachment`.
    const viaTgw = (pair: PairAccumulator, s: Point, attachment: string, tgw: string, az: string | undefined, lo: number, hi: number, start: (r: number) => PathNode) => {
      const table = ctx.graph.tgwAssociation.get(attachment)?.find((t) => ctx.graph.tgwRouteTables.get(t)!.tgw === tgw);
      if (!table) return addPaths(pair, hi - lo + 1);
      const st = statsOf(table, az);
      addPaths(pair, st.paths[hi + 1] - st.paths[lo]);
      acc.choices(st.choices);
      if (st.leaks[hi + 1] === st.leaks[lo]) return;
      for (let r = lo; r <= hi; r++) {
        if (st.leaks[r + 1] === st.leaks[r]) continue;
        const node = start(r);
        for (const e of ctx.algebra.entries(node)) count(pair, s, r, node, e);
      }
    };
    const addPaths = (pair: PairAccumulator, n: number) => {
      pair.azPaths += n;
      acc.azPaths += n;
    };

    for (const side of [...region.spokes, ...region.dmzs]) {
      const vpc = side.vpc!;
      const pair = acc.pair(side, anywhere);
      const [vpcLo, vpcHi] = ctx.ranges.span(vpc.cidr);
      const subnets = (ctx.graph.subnetsByVpc.get(vpc.key) ?? []).filter((s) => !(vpc.role === 'dmz' && s.tier === 'gwlbe'));
      acc.addSources(vpc.key, subnets.length);
      for (const subnet of subnets) {
        const s: Point = { range: ctx.subnetSpans.get(subnet.key)![0], exit: ctx.exitOf(subnet.key), az: subnet.az, subnet, label: ctx.display(subnet.name) };
        for (const [lo, hi] of outside(0, ctx.ranges.count - 1, vpcLo, vpcHi)) sweepSubnet(tracer, pair, s, subnet, lo, hi, viaTgw, addPaths, count);
      }
    }
    for (const office of region.offices) {
      const pair = acc.pair(office, anywhere);
      acc.addSources(office.key, 1);
      const vpn = ctx.graph.attachments.get(office.vpn!)!;
      const own = office.points.map((p) => p.range);
      const s: Point = { range: own[0] ?? 0, exit: ctx.exitOf(vpn.key), label: office.name };
      let from = 0;
      for (const r of [...own, ctx.ranges.count]) {
        if (r > from) viaTgw(pair, s, vpn.key, vpn.tgw, undefined, from, r - 1, (range) => tracer.fromVpn(vpn.key, range));
        from = r + 1;
      }
    }
  }
  return classes;
}

function outside(lo: number, hi: number, exLo: number, exHi: number): [number, number][] {
  return [
    [lo, exLo - 1],
    [exHi + 1, hi],
  ].filter(([a, b]) => a <= b) as [number, number][];
}

type ViaTgw = (pair: PairAccumulator, s: Point, attachment: string, tgw: string, az: string | undefined, lo: number, hi: number, start: (r: number) => PathNode) => void;

/** One subnet's route table, piece by piece: TGW pieces by prefix sums, the others range by range. */
function sweepSubnet(
  tracer: Tracer,
  pair: PairAccumulator,
  s: Point,
  subnet: SubnetNode,
  lo: number,
  hi: number,
  viaTgw: ViaTgw,
  addPaths: (pair: PairAccumulator, n: number) => void,
  count: (pair: PairAccumulator, s: Point, r: number, node: PathNode, entry: Entry) => void,
): void {
  const ctx = tracer.ctx;
  const tableKey = ctx.graph.subnetAssociation.get(subnet.key);
  const table = tableKey ? ctx.table(tableKey) : undefined;
  if (!table || 'failure' in table) return addPaths(pair, hi - lo + 1);
  for (const piece of table.map.pieces(lo, hi)) {
    const route = piece.value === undefined ? undefined : table.routes[piece.value];
    const attachment = route?.target.kind === 'tgw' ? ctx.graph.vpcAttachment.get(`${table.vpc.key}|${route.target.tgw}`) : undefined;
    const ready = attachment && attachment.accepted && attachment.subnets.some((k) => ctx.graph.subnets.get(k)!.az === subnet.az);
    if (route?.target.kind === 'tgw' && !ready) {
      addPaths(pair, piece.hi - piece.lo + 1);
      continue;
    }
    if (!route) {
      // No route: dropped here, whatever the range.
      addPaths(pair, piece.hi - piece.lo + 1);
      continue;
    }
    if (attachment && ready) {
      viaTgw(pair, s, attachment.key, attachment.tgw, subnet.az, piece.lo, piece.hi, (r) => tracer.fromSubnet(subnet, r));
      continue;
    }
    for (let r = piece.lo; r <= piece.hi; r++) {
      const node = tracer.fromSubnet(subnet, r);
      const entries = ctx.algebra.entries(node);
      addPaths(pair, entries.length);
      pair.owner.choices(entries.length);
      for (const e of entries) count(pair, s, r, node, e);
    }
  }
}
