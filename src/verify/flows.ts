/**
 * The flows every inspected network must carry, proven per region with no
 * sampling: for each flow class, every source range (each host subnet of a spoke or
 * DMZ, each office range, each internet range), every destination range of every
 * other side, and every AZ choice (each AZ an appliance-mode flow hash may pick,
 * each AZ a TGW may deliver into), traced forward and back and judged: delivered
 * both ways, inspected as intended (once per direction in a region; by each
 * inspecting region across a peering), on the same appliance path both ways, and
 * never reaching the internet uninspected. The sweep (sweep.ts) then proves that
 * no other destination range leaves for the internet uninspected either.
 */
import type { Point, Region, Side } from './flow-regions';
import { peeredPairs } from './flow-regions';
import type { FlowClass, Intent } from './intent';
import { Judge, type Expectation, type Verdict } from './judge';
import type { NetworkGraph } from './network-graph';
import { FAILED, NO_CHOICE, type Entry, type PathNode, type Summary } from './path';
import { ClassAccumulator, exampleOf, type FleetSets, type Materializer, type PairAccumulator } from './proof';
import type { Tracer } from './trace';

export type { FlowResult } from './proof';

interface Run {
  readonly tracer: Tracer;
  readonly materializer: Materializer;
  readonly judge: Judge;
  readonly classes: ClassAccumulator[];
  readonly combinations: Map<number, Combination>;
}

export function proveFlowClasses(tracer: Tracer, materializer: Materializer, graph: NetworkGraph, intent: Intent | undefined, regions: readonly Region[]): ClassAccumulator[] {
  const run: Run = { tracer, materializer, judge: new Judge(), classes: [], combinations: new Map() };
  for (const region of regions) {
    const cls = (flowClass: FlowClass) => {
      const acc = new ClassAccumulator(materializer, region.code, flowClass, region.policies[flowClass]);
      run.classes.push(acc);
      const policy = region.policies[flowClass];
      return { acc, expect: { policy, ...(policy === 'inspect' ? { inspections: 1 } : {}) } };
    };
    const prove = (flowClass: FlowClass, sources: readonly Side[], destinations: readonly Side[], bothWays = false) => {
      const { acc, expect } = cls(flowClass);
      for (const x of sources) {
        for (const y of destinations) {
          if (x.key === y.key) continue;
          provePair(run, acc, x, y, expect);
          if (bothWays) provePair(run, acc, y, x, expect);
        }
      }
    };
    prove('spoke-internet', region.spokes, [region.internet]);
    prove('dmz-internet', region.dmzs, [region.internet]);
    prove('internet-dmz', [region.internet], region.dmzPublic);
    prove('spoke-spoke', region.spokes, region.spokes);
    prove('dmz-spoke', region.dmzs, region.spokes, true);
    prove('vpn-spoke', region.offices, region.spokes, true);
  }

  const inRegion = (code: string, name: string) => (name.startsWith(`${code}-`) ? name : `${code} ${name}`);
  // Across regions: spokes with spokes, and offices with spokes, of every peered pair.
  for (const pair of peeredPairs(graph, intent, regions)) {
    const [a, b] = pair.regions.map((code) => regions.find((r) => r.code === code));
    if (!a || !b) continue;
    const expect: Expectation = { policy: 'inspect', ...(pair.inspectedBy ? { inspections: pair.inspectedBy.length } : {}) };
    const acc = new ClassAccumulator(materializer, `${a.code} ↔ ${b.code}`, 'inter-region', 'inspect');
    run.classes.push(acc);
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      for (const sx of x.spokes) for (const sy of y.spokes) provePair(run, acc, sx, sy, expect, inRegion(x.code, sx.name), inRegion(y.code, sy.name));
      for (const vpn of x.offices) {
        for (const sy of y.spokes) {
          provePair(run, acc, vpn, sy, expect, inRegion(x.code, vpn.name), inRegion(y.code, sy.name));
          provePair(run, acc, sy, vpn, expect, inRegion(y.code, sy.name), inRegion(x.code, vpn.name));
        }
      }
    }
  }
  return run.classes;
}

const EXPECT_KEYS = new Map<string, number>();
/** By object too: a proof asks once per source and destination pair, and building the text key each time is most of the cost. */
const expectIds = new WeakMap<Expectation, number>();
const expectKey = (e: Expectation) => expectIds.get(e) ?? internExpectation(e);

function internExpectation(e: Expectation): number {
  const key = `${e.policy}|${e.inspections ?? ''}`;
  let id = EXPECT_KEYS.get(key);
  if (id === undefined) EXPECT_KEYS.set(key, (id = EXPECT_KEYS.size));
  expectIds.set(e, id);
  return id;
}

/** The AZ paths of one forward and return outcome pair: judged once, shared by every range pair with the same outcomes. */
interface Combination {
  readonly paths: number;
  readonly failed: number;
  /** AZ paths of which a direction passes no appliance (every one is delivered: see provePair). */
  readonly uninspected: number;
  /** The fleets its AZ paths pass (a FleetSets id). */
  readonly fleetSet: number;
  readonly items: readonly { readonly i: number; readonly j: number; readonly choice: number; readonly verdict: Verdict }[];
}

/** Every AZ path from every range of `x` to every range of `y`, forward and back. */
function provePair(run: Run, acc: ClassAccumulator, x: Side, y: Side, expect: Expectation, xName?: string, yName?: string): void {
  const { tracer, judge, combinations } = run;
  const fleetSets = run.materializer.fleetSets;
  const { algebra, exitNames } = tracer.ctx;
  const pair = acc.pair(x, y, xName, yName);
  const eKey = expectKey(expect);
  for (const s of x.points) {
    for (const d of y.points) {
      const forward = forwardStart(tracer, x, s, y, d);
      const fKey = algebra.outcomes(forward);
      // The hot path of a proof (millions of AZ paths at scale): both directions arrive where they were sent,
      // and the combination of their outcomes was judged before (the answer starts where the flow arrived,
      // whatever AZ it took; only the internet answers from the NAT the flow left by, which varies by AZ).
      if (forward.commonExit === d.exit && y.kind !== 'internet') {
        const ret = answer(tracer, s, y, d);
        const gKey = algebra.outcomes(ret);
        if (ret.commonExit === s.exit) {
          const key = (fKey * 1_048_576 + gKey) * 64 + eKey;
          let combination = combinations.get(key);
          if (!combination) combinations.set(key, (combination = combine(run, algebra.entries(forward), algebra.entries(ret), expect, eKey)));
          pair.azPaths += combination.paths;
          acc.azPaths += combination.paths;
          acc.choices(combination.paths);
          if (combination.failed === 0) {
            // Every AZ path passes, delivered both ways: counted at once, the first one kept as the pair's example
            // (the one count() would keep).
            if (!pair.passing && combination.items.length > 0) {
              const first = combination.items[0];
              pair.passing = exampleOf(s, d, s.label, d.label, forward, algebra.entries(forward)[first.i], first.choice, first.verdict, ret, algebra.entries(ret)[first.j]);
            }
            pair.uninspected += combination.uninspected;
            if (combination.fleetSet !== pair.fleetSet) pair.fleetSet = fleetSets.union(pair.fleetSet, combination.fleetSet);
            continue;
          }
          pair.azPaths -= combination.paths;
          acc.azPaths -= combination.paths;
          const fEntries = algebra.entries(forward);
          const gEntries = algebra.entries(ret);
          for (const item of combination.items) count(run, acc, pair, y, s, d, forward, fEntries[item.i], item.choice, item.verdict, ret, gEntries[item.j]);
          continue;
        }
      }
      const fEntries = algebra.entries(forward);
      let shared: PathNode | undefined;
      let paths = 0;
      for (let i = 0; i < fEntries.length; i++) {
        const f = fEntries[i];
        if (f.exit === FAILED || f.exit !== d.exit) {
          const verdict = f.exit === FAILED ? judge.judge(f.summary, undefined, expect, eKey) : mismatch(`forward: delivered to ${exitNames[f.exit]}, not to ${exitNames[d.exit]}`);
          count(run, acc, pair, y, s, d, forward, f, algebra.merge(f.choice, NO_CHOICE), verdict);
          paths++;
          continue;
        }
        const ret = y.kind === 'internet' ? returnStart(tracer, x, s, y, d, f) : (shared ??= returnStart(tracer, x, s, y, d, f));
        const gEntries = algebra.entries(ret);
        for (let j = 0; j < gEntries.length; j++) {
          const g = gEntries[j];
          const choice = algebra.merge(f.choice, g.choice);
          if (choice < 0) continue;
          const verdict = g.exit !== FAILED && g.exit !== s.exit ? mismatch(`return: delivered to ${exitNames[g.exit]}, not to ${exitNames[s.exit]}`) : judge.judge(f.summary, g.summary, expect, eKey);
          count(run, acc, pair, y, s, d, forward, f, choice, verdict, ret, g);
          paths++;
        }
      }
      acc.choices(paths);
    }
  }
}

/** One AZ path counted on its own (the first of a pair, a failure, or one the shared combinations do not cover). */
function count(run: Run, acc: ClassAccumulator, pair: PairAccumulator, y: Side, s: Point, d: Point, forward: PathNode, f: Entry, choice: number, verdict: Verdict, ret?: PathNode, g?: Entry): void {
  const { materializer } = run;
  const fleetSets = materializer.fleetSets;
  const returnLabel = y.kind === 'internet' ? 'internet' : d.label;
  pair.azPaths++;
  acc.azPaths++;
  // What happened, apart from the verdict: delivered both ways, inspected both ways, by which fleets.
  if (f.exit !== d.exit || !g || g.exit !== s.exit) pair.undelivered++;
  else if (f.summary.inspections.length === 0 || g.summary.inspections.length === 0) pair.uninspected++;
  const fleets = fleetSetOf(fleetSets, f.summary, g?.summary);
  if (fleets !== pair.fleetSet) pair.fleetSet = fleetSets.union(pair.fleetSet, fleets);
  if (verdict.ok) {
    if (!pair.passing) pair.passing = exampleOf(s, d, s.label, returnLabel, forward, f, choice, verdict, ret, g);
    return;
  }
  pair.failed++;
  acc.failed++;
  if (materializer.wants(pair)) materializer.keep(pair, exampleOf(s, d, s.label, returnLabel, forward, f, choice, verdict, ret, g));
}

/** Every AZ path of a forward and a return outcome: the pairs of entries whose AZ choices agree, each judged. */
function combine(run: Run, fEntries: readonly Entry[], gEntries: readonly Entry[], expect: Expectation, eKey: number): Combination {
  const { algebra } = run.tracer.ctx;
  const items: { i: number; j: number; choice: number; verdict: Verdict }[] = [];
  const fleetSets = run.materializer.fleetSets;
  let failed = 0;
  let uninspected = 0;
  let fleetSet = 0;
  fEntries.forEach((f, i) =>
    gEntries.forEach((g, j) => {
      const choice = algebra.merge(f.choice, g.choice);
      if (choice < 0) return;
      const verdict = run.judge.judge(f.summary, g.summary, expect, eKey);
      if (!verdict.ok) failed++;
      if (f.summary.inspections.length === 0 || g.summary.inspections.length === 0) uninspected++;
      fleetSet = fleetSets.union(fleetSet, fleetSetOf(fleetSets, f.summary, g.summary));
      items.push({ i, j, choice, verdict });
    }),
  );
  return { paths: items.length, failed, uninspected, fleetSet, items };
}

/** By forward summary id, then return summary id + 1 (0: no return): summaries are few, their pairs are met millions of times. */
const summaryFleets = new WeakMap<FleetSets, (number | undefined)[][]>();

/** The fleets the two directions of an AZ path pass, interned (summaries repeat millions of times). */
function fleetSetOf(sets: FleetSets, forward: Summary, ret: Summary | undefined): number {
  if (forward.inspections.length === 0 && (!ret || ret.inspections.length === 0)) return 0;
  let memo = summaryFleets.get(sets);
  if (!memo) summaryFleets.set(sets, (memo = []));
  const row = (memo[forward.id] ??= []);
  const column = ret ? ret.id + 1 : 0;
  return row[column] ?? (row[column] = sets.of([...forward.inspections, ...(ret?.inspections ?? [])].map((i) => i.fleet)));
}

const mismatches = new Map<string, Verdict>();

/** A flow delivered somewhere else than where it was sent (rare: its verdict is made when it happens, once per text). */
function mismatch(text: string): Verdict {
  let verdict = mismatches.get(text);
  if (!verdict) mismatches.set(text, (verdict = { ok: false, reason: () => text }));
  return verdict;
}

/** Where a flow from `s` (of side `x`) to `d` (of side `y`) starts. */
function forwardStart(tracer: Tracer, x: Side, s: Point, y: Side, d: Point): PathNode {
  if (x.kind === 'vpc') return tracer.fromSubnet(s.subnet!, d.range, s.exit);
  if (x.kind === 'office') return tracer.fromVpn(x.vpn!, d.range);
  // From the internet: the packet arrives at the destination VPC's internet gateway.
  return fromInternetInto(tracer, y, d.range);
}

/** Where the answer starts: the destination answers the source's range. */
function returnStart(tracer: Tracer, x: Side, s: Point, y: Side, d: Point, f: Entry): PathNode {
  if (y.kind !== 'internet') return answer(tracer, s, y, d);
  // The internet answers the address it saw: the NAT gateway's, or the source's own through its IGW.
  if (f.summary.nat) return tracer.fromNat(f.summary.nat, s.range);
  return fromInternetInto(tracer, x, s.range);
}

/** The answer of a destination that is not the internet: it starts where the flow arrived, whatever AZ the flow took. */
function answer(tracer: Tracer, s: Point, y: Side, d: Point): PathNode {
  if (y.kind === 'vpc') return tracer.fromSubnet(d.subnet!, s.range, d.exit);
  if (y.kind === 'office') return tracer.fromVpn(y.vpn!, s.range);
  throw new Error('internal: the internet answers from where the flow left for it (returnStart)');
}

function fromInternetInto(tracer: Tracer, side: Side, range: number): PathNode {
  const { graph, display } = tracer.ctx;
  const igw = [...graph.internetGateways].find(([, vpc]) => vpc === side.vpc?.key)?.[0];
  if (!igw) return tracer.fail([], `the internet reaches ${display(side.vpc?.name ?? side.name)} only through an internet gateway, and it has none`);
  return tracer.fromIgw(igw, range);
}
