/**
 * What a proof keeps of millions of flows: per flow class and per source and
 * destination pair, how many AZ paths were proven and how many failed, a few
 * failing flows with their hops (and one passing flow, whose hops are built only
 * when read), and per class how many sources, destination ranges and AZ choices
 * it covered.
 */
import type { Point, Side } from './flow-regions';
import type { FlowClass, FlowPolicy } from './intent';
import type { Verdict } from './judge';
import { walk, type Entry, type Inspection, type PathAlgebra, type PathNode } from './path';
import type { TraceContext } from './trace-context';
import { attachmentSubnets } from './tgw-crossing';
import type { Tracer } from './trace';

/** The flow classes of the intent, and the sweep of every other destination range. */
export type ProvenClass = FlowClass | 'any-destination';

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

interface Example {
  readonly s: Point;
  readonly d: Point;
  readonly sourceLabel: string;
  readonly returnLabel: string;
  readonly forward: PathNode;
  readonly f: Entry;
  readonly ret?: PathNode;
  readonly g?: Entry;
  readonly choice: number;
  readonly verdict: Verdict;
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
  readonly pairs: PairAccumulator[] = [];

  constructor(
    private readonly materializer: Materializer,
    readonly region: string,
    readonly flowClass: ProvenClass,
    readonly policy: FlowPolicy,
  ) {
    this.destinations = new Uint8Array(materializer.rangeCount);
  }

  private readonly marked = new Set<string>();

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

/** Turns accumulated pairs into results, with the hops of the flows they show. */
export class Materializer {
  kept = 0;
  readonly rangeCount: number;

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
    const ctx = this.tracer.ctx;
    const forward = new WalkedDirection(ctx.algebra, e.sourceLabel, e.forward, e.f, e.choice, 'forward');
    const reverse = e.ret && e.g ? new WalkedDirection(ctx.algebra, e.returnLabel, e.ret, e.g, e.choice, 'return') : NOT_TRACED;
    const example = new ExampleView(this.tracer, e, forward, reverse);
    if (!lazy) void example.reason;
    return example;
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

class ExampleView implements FlowExample {
  private reasonText?: string | null;

  constructor(
    private readonly tracer: Tracer,
    private readonly e: Example,
    readonly forward: Direction,
    readonly reverse: Direction,
  ) {}

  get azs(): string {
    return azsOf(this.tracer.ctx, this.tracer, this.e.s, this.e.d, this.e.choice);
  }
  get sourceRange(): string {
    return this.tracer.ctx.ranges.text(this.e.s.range);
  }
  get destinationRange(): string {
    return this.tracer.ctx.ranges.text(this.e.d.range);
  }
  get reason(): string | undefined {
    if (this.reasonText === undefined) this.reasonText = this.e.verdict.ok ? null : this.e.verdict.reason(this.forward.hops, this.reverse.hops);
    return this.reasonText ?? undefined;
  }
}

/** A direction's hops and inspections, walked on first read. */
class WalkedDirection implements Direction {
  private walked?: { hops: string[]; inspections: Inspection[] };

  constructor(
    private readonly algebra: PathAlgebra,
    private readonly label: string,
    private readonly node: PathNode,
    private readonly entry: Entry,
    private readonly choice: number,
    private readonly which: 'forward' | 'return',
  ) {}

  get ok(): boolean {
    return this.entry.summary.failure === undefined;
  }
  get failure(): string | undefined {
    return this.entry.summary.failure;
  }
  private get walk() {
    if (!this.walked) {
      const w = walk(this.algebra, this.node, this.choice, this.which);
      this.walked = { hops: [this.label, ...w.hops], inspections: w.inspections };
    }
    return this.walked;
  }
  get hops(): readonly string[] {
    return this.walk.hops;
  }
  get inspections(): readonly Inspection[] {
    return this.walk.inspections;
  }
}

export function exampleOf(s: Point, d: Point, sourceLabel: string, returnLabel: string, forward: PathNode, f: Entry, choice: number, verdict: Verdict, ret?: PathNode, g?: Entry): Example {
  return { s, d, sourceLabel, returnLabel, forward, f, ret, g, choice, verdict };
}

const NOT_TRACED: Direction = { ok: false, hops: [], inspections: [], failure: 'not traced: the forward direction failed' };
const EMPTY_EXAMPLE: FlowExample = { azs: '', sourceRange: '', destinationRange: '', forward: NOT_TRACED, reverse: NOT_TRACED };

/** `euw2-az1 → euw2-az2 (hash: euw2-az3)`: the AZs of the two ends and the AZ choices on the way. */
function azsOf(ctx: TraceContext, tracer: Tracer, s: Point, d: Point, choice: number): string {
  const ends = [s.az, d.az].filter((a): a is string => a !== undefined).join(' → ');
  const picks = ctx.algebra.flowChoices[choice].map((code) => {
    const attachment = ctx.graph.attachments.get(ctx.choosers[code >> 7])!;
    const az = attachmentSubnets(tracer, attachment)[(code >> 2) & 31]?.az ?? '?';
    const kind = code & 3;
    return kind === 0 ? `hash: ${az}` : `TGW picks ${az}${kind === 1 ? ' forward' : ' on return'}`;
  });
  return picks.length === 0 ? ends : `${ends} (${picks.join(', ')})`;
}
