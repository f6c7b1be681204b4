/**
 * Paths as verify keeps them: shared nodes, so that the path from a point onward
 * ("entered the egress attachment in AZ k with destination range r") is built once
 * and reused by every source that reaches it.
 *
 *   step    hops, perhaps an inspection or a NAT, then the rest of the path
 *   branch  an AZ choice: an appliance-mode attachment's flow hash (sticky: the
 *           return takes the same AZ) or a TGW delivering into an attachment with
 *           no subnet in the AZ it came from (free: each direction picks on its own)
 *   end     delivered (into a subnet, an office, the internet) or failed
 *
 * A node's entries are its outcomes per AZ choice, reduced to what a verdict needs
 * (inspections, NAT, where it left for the internet, failure): computed once per
 * node and interned, so millions of flows compare small integers.
 */

export interface Inspection {
  readonly fleet: string;
  readonly endpoint: string;
  readonly az: string;
}

export interface Entry {
  readonly choice: number;
  readonly summary: Summary;
  /** Where the packet ends: a subnet, an office or the internet (exit codes of the trace), or FAILED. */
  readonly exit: number;
}

interface Cached {
  entries?: readonly Entry[];
  /** The entries' choices and summaries, interned: nodes with equal outcomes (to different destinations) share a key. */
  outcomes?: number;
  /** The exit every entry shares, or MIXED. */
  commonExit?: number;
}

/** Entries that end in different places. */
export const MIXED = -2;

export interface StepNode extends Cached {
  readonly kind: 'step';
  readonly hops: readonly string[];
  readonly inspection?: Inspection;
  readonly nat?: string;
  /** The route that sent the packet to a NAT gateway (it counts when the path ends on the internet). */
  readonly exitVia?: string;
  /** The attachment a TGW crossing sends the packet to (a crossing must not send it back where it came from). */
  readonly enters?: string;
  readonly next: PathNode;
}

export interface BranchNode extends Cached {
  readonly kind: 'branch';
  /** Index of the attachment that chooses (choice codes name it). */
  readonly attachment: number;
  readonly sticky: boolean;
  readonly children: readonly PathNode[];
}

export interface EndNode extends Cached {
  readonly kind: 'end';
  readonly hops: readonly string[];
  readonly exit: number;
  /** Set where the path ends on the internet: the route that sent it to the internet gateway. */
  readonly exitVia?: string;
  readonly failure?: string;
}

export type PathNode = StepNode | BranchNode | EndNode;

export const FAILED = -1;
export const NO_CHOICE = 0;

/**
 * Every node is built by one constructor, every field set in the same order, whatever
 * its kind: the proof reads `entries`, `outcomes` and `commonExit` of millions of nodes,
 * and V8 reads a field of objects of one shape inline, where object literals of a dozen
 * shapes (and the fields cached on them later) make each read a lookup.
 */
class Node {
  entries: readonly Entry[] | undefined = undefined;
  outcomes: number | undefined = undefined;
  commonExit: number | undefined = undefined;
  constructor(
    readonly kind: PathNode['kind'],
    readonly hops: readonly string[],
    readonly next: PathNode | undefined,
    readonly exit: number,
    readonly inspection: Inspection | undefined,
    readonly nat: string | undefined,
    readonly exitVia: string | undefined,
    readonly enters: string | undefined,
    readonly failure: string | undefined,
    readonly attachment: number,
    readonly sticky: boolean,
    readonly children: readonly PathNode[] | undefined,
  ) {}
}

export function stepNode(step: Omit<StepNode, 'kind' | keyof Cached>): StepNode {
  return new Node('step', step.hops, step.next, FAILED, step.inspection, step.nat, step.exitVia, step.enters, undefined, -1, false, undefined) as StepNode;
}

export function endNode(end: Omit<EndNode, 'kind' | keyof Cached>): EndNode {
  return new Node('end', end.hops, undefined, end.exit, undefined, undefined, end.exitVia, undefined, end.failure, -1, false, undefined) as EndNode;
}

export function branchNode(branch: Omit<BranchNode, 'kind' | keyof Cached>): BranchNode {
  return new Node('branch', [], undefined, FAILED, undefined, undefined, undefined, undefined, undefined, branch.attachment, branch.sticky, branch.children) as BranchNode;
}

export interface Summary {
  readonly id: number;
  readonly failure?: string;
  readonly inspections: readonly Inspection[];
  readonly nat?: string;
  /** Set when the path ends on the internet: the first route that sent it to a NAT or internet gateway. */
  readonly exitVia?: string;
}

/** Interned summaries, choices and their combinations: one per verify run. */
export class PathAlgebra {
  private readonly summaries: Summary[] = [];
  private readonly summaryIds = new Map<string, Summary>();
  private readonly prepended = new Map<string, Summary>();
  /** Choices: sorted element codes `attachment * 64 + az * 2 + free`. */
  private readonly choices: number[][] = [[]];
  private readonly choiceIds = new Map<string, number>([['', NO_CHOICE]]);
  private readonly extended = new Map<number, number>();
  /** Flow choices (forward and return together): codes `attachment * 128 + az * 4 + kind` (0 sticky, 1 forward, 2 return). */
  readonly flowChoices: number[][] = [[]];
  private readonly flowChoiceIds = new Map<string, number>([['', NO_CHOICE]]);
  private readonly merged = new Map<number, number>();

  summary(failure: string | undefined, inspections: readonly Inspection[], nat: string | undefined, exitVia: string | undefined): Summary {
    const key = `${failure ?? ''}\u0000${inspections.map((i) => i.endpoint).join(',')}\u0000${nat ?? ''}\u0000${exitVia ?? ''}`;
    let s = this.summaryIds.get(key);
    if (!s) {
      s = { id: this.summaries.length, failure, inspections, nat, exitVia };
      this.summaries.push(s);
      this.summaryIds.set(key, s);
    }
    return s;
  }

  // The two lookups below are called millions of times and almost always hit: what they compute on a
  // miss lives in a method of its own, because closures that capture a function's parameters make V8
  // allocate that function's context on every call, the hits included.
  entries(node: PathNode): readonly Entry[] {
    return node.entries ?? this.entriesOf(node);
  }

  private entriesOf(node: PathNode): readonly Entry[] {
    let entries: readonly Entry[];
    if (node.kind === 'end') {
      entries = [{ choice: NO_CHOICE, summary: this.summary(node.failure, [], undefined, node.exitVia), exit: node.failure ? FAILED : node.exit }];
    } else if (node.kind === 'step') {
      const next = this.entries(node.next);
      entries = !node.inspection && !node.nat && !node.exitVia ? next : next.map((e) => ({ ...e, summary: this.prepend(node, e.summary) }));
    } else {
      const all: Entry[] = [];
      node.children.forEach((child, az) => {
        for (const e of this.entries(child)) {
          const choice = this.extend(e.choice, node.attachment, az, !node.sticky);
          if (choice >= 0) all.push({ ...e, choice });
        }
      });
      entries = all;
    }
    node.entries = entries;
    return entries;
  }

  private readonly outcomeIds = new Map<string, number>();

  /** What a node's outcomes are, apart from where they end: equal keys judge alike. */
  outcomes(node: PathNode): number {
    return node.outcomes ?? this.outcomesOf(node);
  }

  private outcomesOf(node: PathNode): number {
    const entries = this.entries(node);
    const key = entries.map((e) => `${e.choice}:${e.summary.id}`).join(',');
    let id = this.outcomeIds.get(key);
    if (id === undefined) this.outcomeIds.set(key, (id = this.outcomeIds.size));
    node.outcomes = id;
    node.commonExit = entries.every((e) => e.exit === entries[0].exit) ? entries[0].exit : MIXED;
    return id;
  }

  private prepend(step: StepNode, s: Summary): Summary {
    const key = `${s.id}|${step.inspection?.endpoint ?? ''}|${step.nat ?? ''}|${step.exitVia ?? ''}`;
    let out = this.prepended.get(key);
    if (!out) {
      const inspections = step.inspection ? [step.inspection, ...s.inspections] : s.inspections;
      // The first NAT or IGW route on a path that ends on the internet is where it left for it.
      out = this.summary(s.failure, inspections, s.nat ?? step.nat, s.exitVia ? step.exitVia ?? s.exitVia : undefined);
      this.prepended.set(key, out);
    }
    return out;
  }

  /** A choice with one more pick; -1 when it contradicts a sticky pick of the same attachment (the flow hash picks once). */
  private extend(choice: number, attachment: number, az: number, free: boolean): number {
    const memo = choice * 1_000_000 + attachment * 128 + az * 2 + (free ? 1 : 0);
    const known = this.extended.get(memo);
    if (known !== undefined) return known;
    const codes = this.choices[choice];
    const code = attachment * 64 + az * 2 + (free ? 1 : 0);
    let result: number;
    if (!free && codes.some((c) => c >> 6 === attachment && (c & 1) === 0 && c !== code)) result = -1;
    else result = this.internChoice([...new Set([...codes, code])].sort((a, b) => a - b), this.choices, this.choiceIds);
    this.extended.set(memo, result);
    return result;
  }

  /** The flow choice of a forward and a return outcome; -1 when their sticky picks disagree. */
  merge(forward: number, ret: number): number {
    const memo = forward * 1_000_000 + ret;
    const known = this.merged.get(memo);
    if (known !== undefined) return known;
    const sticky = new Map<number, number>();
    const codes: number[] = [];
    let ok = true;
    for (const [choice, kind] of [
      [forward, 1],
      [ret, 2],
    ] as const) {
      for (const c of this.choices[choice]) {
        const attachment = c >> 6;
        const az = (c >> 1) & 31;
        if (c & 1) codes.push(attachment * 128 + az * 4 + kind);
        else if (sticky.has(attachment) && sticky.get(attachment) !== az) ok = false;
        else if (!sticky.has(attachment)) {
          sticky.set(attachment, az);
          codes.push(attachment * 128 + az * 4);
        }
      }
    }
    const result = ok ? this.internChoice([...new Set(codes)].sort((a, b) => a - b), this.flowChoices, this.flowChoiceIds) : -1;
    this.merged.set(memo, result);
    return result;
  }

  private internChoice(codes: number[], table: number[][], ids: Map<string, number>): number {
    const key = codes.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = table.length;
      table.push(codes);
      ids.set(key, id);
    }
    return id;
  }

  /** The AZ index a flow choice picks at a branch, for one direction. */
  pick(flowChoice: number, branch: BranchNode, direction: 'forward' | 'return'): number {
    const kind = branch.sticky ? 0 : direction === 'forward' ? 1 : 2;
    const code = this.flowChoices[flowChoice].find((c) => c >> 7 === branch.attachment && (c & 3) === kind);
    return code === undefined ? 0 : (code >> 2) & 31;
  }
}

/** The hops and inspections of one path under one AZ choice. */
export function walk(algebra: PathAlgebra, node: PathNode, flowChoice: number, direction: 'forward' | 'return'): { hops: string[]; inspections: Inspection[] } {
  const hops: string[] = [];
  const inspections: Inspection[] = [];
  let at: PathNode | undefined = node;
  while (at) {
    if (at.kind === 'branch') {
      at = at.children[algebra.pick(flowChoice, at, direction)];
      continue;
    }
    hops.push(...at.hops);
    if (at.kind === 'end') break;
    if (at.inspection) inspections.push(at.inspection);
    at = at.next;
  }
  return { hops, inspections };
}
