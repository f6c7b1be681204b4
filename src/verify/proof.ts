/**
 * What a proof keeps of millions of flows: per flow class and per source and
 * destination pair, how many AZ paths were proven and how many failed, a few
 * failing flows with their hops (and one passing flow, whose hops are built only
 * when read), and per class how many sources, destination ranges and AZ choices
 * it covered.
 */
import { EMPTY_EXAMPLE, exampleView, type Example } from './examples';
import type { Side } from './flow-regions';
import type { FlowClass, FlowPolicy } from './intent';
import type { Inspection } from './path';
import type { Tracer } from './trace';

export { exampleOf } from './examples';

/** The flow classes of the intent, and the sweep of every other destination range. */
/** The flow classes, and the two sweeps: nothing leaves for (any-destination) or enters from (internet-ingress) the internet uninspected. */
export type ProvenClass = FlowClass | 'any-destination' | 'internet-ingress';

export const SWEEP_CLASSES: ReadonlySet<ProvenClass> = new Set(['any-destination', 'internet-ingress']);

export interface Direction {
  readonly ok: boolean;
  readonly hops: readonly string[];
  readonly inspections: readonly Inspection[];
  /** The first broken hop, when not ok. */
  readonly failure?: string;
}

export interface FlowExample {
  /** `az1 → az2`, with the AZ choices of the flow hash and the TGW. */
  readonly azs: string;
  readonly sourceRange: string;
  readonly destinationRange: string;
  /** Why it failed: the first broken hop or the broken property. */
  readonly reason?: string;
  readonly forward: Direction;
  readonly reverse: Direction;
}

/** One source and destination pair of a flow class: every AZ path between them, proven or failed. */
export interface FlowResult extends FlowExample {
  readonly flowClass: ProvenClass;
  readonly region: string;
  readonly source: string;
  readonly destination: string;
  readonly policy: FlowPolicy;
  readonly ok: boolean;
  /** AZ paths: one per source range, destination range and AZ choice, each traced forward and back. */
  readonly azPaths: number;
  readonly failed: number;
  /** Failing AZ paths (up to the example limit); the pair's own fields show the first of them, or a passing one. */
  readonly failures: readonly FlowExample[];
  /**
   * What actually happens to the pair, whatever the policy says (a `direct` flow passes verify uninspected):
   * AZ paths that do not arrive both ways, delivered AZ paths of which a direction passes no appliance, and
   * every fleet some AZ path passes, sorted. What `diff` compares.
   */
  readonly coverage: Coverage;
}

export interface Coverage {
  readonly undelivered: number;
  readonly uninspected: number;
  readonly fleets: readonly string[];
}

export interface ClassProof {
  readonly region: string;
  readonly flowClass: ProvenClass;
  readonly policy: FlowPolicy;
  readonly azPaths: number;
  readonly failed: number;
  readonly sources: number;
  readonly destinationRanges: number;
  /** The most AZ choices one source range has towards one destination range (every one proven). */
  readonly azChoices: number;
  readonly pairs: number;
}

export interface Limits {
  /** Failing AZ paths kept per pair. */
  readonly perPair: number;
  /** Failing AZ paths kept in all. */
  readonly total: number;
}

export class ClassAccumulator {
  azPaths = 0;
  failed = 0;
  private readonly sources = new Map<string, number>();
  private readonly destinations: Uint8Array;
  /** The most AZ choices one source range had towards one destination range. */
  private maxChoices = 0;
  /** Destination sides whose ranges are counted already. */
  private readonly marked = new Set<string>();
  readonly pairs: PairAccumulator[] = [];

  constructor(
    private readonly materializer: Materializer,
    readonly region: string,
    readonly flowClass: ProvenClass,
    readonly policy: FlowPolicy,
  ) {
    this.destinations = new Uint8Array(materializer.rangeCount);
  }

  pair(source: Side, destination: Side, sourceName = source.name, destinationName = destination.name): PairAccumulator {
    if (!this.sources.has(source.key)) this.sources.set(source.key, source.points.length);
    if (!this.marked.has(destination.key)) {
      this.marked.add(destination.key);
      for (const d of destination.points) this.destinations[d.range] = 1;
    }
    const pair = new PairAccumulator(this.materializer, this, sourceName, destinationName);
    this.pairs.push(pair);
    return pair;
  }

  /** Counts sources that are not a side's points (the sweep's subnets). */
  addSources(key: string, count: number): void {
    this.sources.set(key, count);
  }

  markDestinations(lo: number, hi: number): void {
    this.destinations.fill(1, lo, hi + 1);
  }

  choices(count: number): void {
    if (count > this.maxChoices) this.maxChoices = count;
  }

  sourceKeys(): IterableIterator<string> {
    return this.sources.keys();
  }

  totals(): ClassProof {
    return {
      region: this.region,
      flowClass: this.flowClass,
      policy: this.policy,
      azPaths: this.azPaths,
      failed: this.failed,
      sources: [...this.sources.values()].reduce((a, b) => a + b, 0),
      destinationRanges: this.destinations.reduce((a, b) => a + b, 0),
      azChoices: this.maxChoices,
      pairs: this.pairs.length,
    };
  }
}

/** Sets of fleet names as small integers (0: none), so that millions of AZ paths add theirs to a pair cheaply. */
export class FleetSets {
  private readonly sets: (readonly string[])[] = [[]];
  private readonly ids = new Map<string, number>([['', 0]]);
  private readonly unions = new Map<number, number>();

  of(fleets: Iterable<string>): number {
    const sorted = [...new Set(fleets)].sort();
    const key = sorted.join('\u0000');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(sorted);
      this.ids.set(key, id);
    }
    return id;
  }

  union(a: number, b: number): number {
    if (a === b || b === 0) return a;
    if (a === 0) return b;
    const memo = a * 1_048_576 + b;
    let id = this.unions.get(memo);
    if (id === undefined) this.unions.set(memo, (id = this.of([...this.sets[a], ...this.sets[b]])));
    return id;
  }

  names(id: number): readonly string[] {
    return this.sets[id];
  }
}

/** Turns accumulated pairs into results, with the hops of the flows they show. */
export class Materializer {
  kept = 0;
  readonly rangeCount: number;
  readonly fleetSets = new FleetSets();

  constructor(
    private readonly tracer: Tracer,
    readonly limits: Limits,
  ) {
    this.rangeCount = tracer.ctx.ranges.count;
  }

  /** Whether another failing example of `pair` is kept. */
  wants(pair: PairAccumulator): boolean {
    return (pair.kept?.length ?? 0) < this.limits.perPair && this.kept < this.limits.total;
  }

  keep(pair: PairAccumulator, example: Example): void {
    (pair.kept ??= []).push(example);
    this.kept++;
  }

  example(e: Example, lazy = false): FlowExample {
    return exampleView(this.tracer, e, lazy);
  }
}

/**
 * One source and destination pair of a class, counted while it is proven and read as
 * its result: a proof of hundreds of thousands of pairs keeps its counts and the flow
 * it would show, and walks hops only for what is printed.
 */
export class PairAccumulator implements FlowResult {
  azPaths = 0;
  failed = 0;
  undelivered = 0;
  uninspected = 0;
  /** A FleetSets id. */
  fleetSet = 0;
  passing?: Example;
  /** Failing AZ paths kept as examples. */
  kept?: Example[];
  private shownExample?: FlowExample;
  private failureList?: readonly FlowExample[];

  constructor(
    private readonly materializer: Materializer,
    readonly owner: ClassAccumulator,
    readonly source: string,
    readonly destination: string,
  ) {}

  get flowClass() {
    return this.owner.flowClass;
  }
  get region() {
    return this.owner.region;
  }
  get policy() {
    return this.owner.policy;
  }
  get ok() {
    return this.failed === 0;
  }
  get coverage(): Coverage {
    return { undelivered: this.undelivered, uninspected: this.uninspected, fleets: this.materializer.fleetSets.names(this.fleetSet) };
  }
  get failures(): readonly FlowExample[] {
    return (this.failureList ??= (this.kept ?? []).map((e) => this.materializer.example(e)));
  }
  private get shown(): FlowExample {
    return (this.shownExample ??= this.failures[0] ?? (this.passing ? this.materializer.example(this.passing, true) : EMPTY_EXAMPLE));
  }
  get azs() {
    return this.shown.azs;
  }
  get sourceRange() {
    return this.shown.sourceRange;
  }
  get destinationRange() {
    return this.shown.destinationRange;
  }
  get reason() {
    return this.shown.reason;
  }
  get forward() {
    return this.shown.forward;
  }
  get reverse() {
    return this.shown.reverse;
  }
}

