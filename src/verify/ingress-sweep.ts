/**
 * The ingress sweep: nothing enters a DMZ's public or app subnets from the internet
 * without passing a GWLB endpoint (DESIGN.md, DMZ IGW edge table: "nothing with a
 * public address enters uninspected"). An app subnet's instance may get a public IP
 * (by hand, or an Elastic IP); its answers leave through the hub's NAT, so no
 * conversation works that way, but the first packet in must still be inspected.
 * That is a property of the forward direction alone, so it is swept here rather
 * than judged as a flow: every destination range of every such subnet, every AZ
 * choice, from the VPC's internet gateway.
 */
import type { Point, Region, Side } from './flow-regions';
import { NO_CHOICE } from './path';
import { ClassAccumulator, exampleOf, type Materializer } from './proof';
import type { Tracer } from './trace';

/** Tiers an address with a public IP may sit in (DESIGN.md: the edge table routes public and app subnets). */
const INTERNET_FACING_TIERS: ReadonlySet<string> = new Set(['public', 'app']);

const ENTERED = 'enters from the internet without passing a GWLB endpoint';

export function ingressSweep(tracer: Tracer, materializer: Materializer, regions: readonly Region[]): ClassAccumulator[] {
  const ctx = tracer.ctx;
  const { graph } = ctx;
  const classes: ClassAccumulator[] = [];
  for (const region of regions) {
    if (region.dmzs.length === 0) continue;
    const acc = new ClassAccumulator(materializer, region.code, 'internet-ingress', 'inspect');
    classes.push(acc);
    const internet: Side = { kind: 'internet', key: `internet-ingress|${region.code}`, name: 'internet', points: [] };
    for (const side of region.dmzs) {
      const vpc = side.vpc!;
      const igw = [...graph.internetGateways].find(([, v]) => v === vpc.key)?.[0];
      if (!igw) continue;
      const pair = acc.pair(internet, side);
      const subnets = (graph.subnetsByVpc.get(vpc.key) ?? []).filter((s) => INTERNET_FACING_TIERS.has(s.tier ?? ''));
      acc.addSources(internet.key, 1);
      for (const subnet of subnets) {
        const [lo, hi] = ctx.subnetSpans.get(subnet.key)!;
        acc.markDestinations(lo, hi);
        const exit = ctx.exitOf(subnet.key);
        for (let r = lo; r <= hi; r++) {
          const node = tracer.fromIgw(igw, r);
          const entries = ctx.algebra.entries(node);
          pair.azPaths += entries.length;
          acc.azPaths += entries.length;
          acc.choices(entries.length);
          for (const entry of entries) {
            if (entry.exit !== exit || entry.summary.inspections.length > 0) continue;
            pair.failed++;
            acc.failed++;
            if (!materializer.wants(pair)) continue;
            const s: Point = { range: r, exit: ctx.internet, label: 'internet' };
            const d: Point = { range: r, exit, az: subnet.az, subnet, label: ctx.display(subnet.name) };
            const choice = ctx.algebra.merge(entry.choice, NO_CHOICE);
            materializer.keep(pair, exampleOf(s, d, 'internet', d.label, node, entry, choice, { ok: false, reason: () => `forward: ${ENTERED} (${entry.summary.exitVia})` }));
          }
        }
      }
    }
  }
  return classes;
}
