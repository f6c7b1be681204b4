/**
 * The flows a report shows: one AZ path with its two directions, walked into hops
 * only when read, its AZs and choices in words, and why it failed.
 */
import type { Point } from './flow-regions';
import type { Verdict } from './judge';
import { walk, type Entry, type Inspection, type PathAlgebra, type PathNode } from './path';
import type { Direction, FlowExample } from './proof';
import { attachmentSubnets } from './tgw-crossing';
import type { TraceContext } from './trace-context';
import type { Tracer } from './trace';

export interface Example {
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

export function exampleView(tracer: Tracer, e: Example, lazy: boolean): FlowExample {
  const { algebra } = tracer.ctx;
  const forward = new WalkedDirection(algebra, e.sourceLabel, e.forward, e.f, e.choice, 'forward');
  const reverse = e.ret && e.g ? new WalkedDirection(algebra, e.returnLabel, e.ret, e.g, e.choice, 'return') : NOT_TRACED;
  const example = new ExampleView(tracer, e, forward, reverse);
  if (!lazy) void example.reason;
  return example;
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
export const EMPTY_EXAMPLE: FlowExample = { azs: '', sourceRange: '', destinationRange: '', forward: NOT_TRACED, reverse: NOT_TRACED };

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
