/**
 * Judging one flow from its two directions' outcomes: what DESIGN.md asks of every
 * flow (delivered both ways where it was sent, inspected as intended, the same
 * appliance path both ways, never out to the internet uninspected). Verdicts
 * depend on the interned summaries only, so each combination is judged once; the
 * words (with the hops) are made only for the flows a report shows.
 */
import type { FlowPolicy } from './intent';
import type { Inspection, Summary } from './path';

export interface Expectation {
  readonly policy: FlowPolicy;
  /** Inspections each direction must pass; undefined: at least one (no intent to say more). */
  readonly inspections?: number;
}

export type Reason = (forwardHops: readonly string[], returnHops: readonly string[]) => string;
export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: Reason };

export const PASS: Verdict = { ok: true };

const fail = (reason: Reason): Verdict => ({ ok: false, reason });
const fixed = (text: string): Verdict => fail(() => text);

export class Judge {
  private readonly memo = new Map<number, Verdict>();

  /** `ret` is undefined when the forward direction failed (the return is then not traced). */
  judge(forward: Summary, ret: Summary | undefined, expect: Expectation, expectKey: number): Verdict {
    const key = (forward.id * 1_048_576 + (ret ? ret.id + 1 : 0)) * 64 + expectKey;
    let verdict = this.memo.get(key);
    if (!verdict) this.memo.set(key, (verdict = verdictOf(forward, ret, expect)));
    return verdict;
  }
}

function verdictOf(forward: Summary, ret: Summary | undefined, expect: Expectation): Verdict {
  if (forward.failure) return fixed(`forward: ${forward.failure}`);
  if (!ret) return fixed('return: not traced');
  if (ret.failure) return fixed(`return: ${ret.failure}`);
  for (const [name, direction, index] of [['forward', forward, 0], ['return', ret, 1]] as const) {
    const count = direction.inspections.length;
    if (direction.exitVia && count === 0) return fixed(`${name}: reaches the internet without passing a GWLB endpoint (${direction.exitVia})`);
    if (expect.policy === 'inspect' && count === 0) return fail((...hops: readonly (readonly string[])[]) => `${name}: not inspected (${hops[index].join(' → ')})`);
    const allowed = expect.inspections ?? Math.max(1, count);
    if (count > allowed) return fixed(`${name}: inspected ${count} times (${list(direction.inspections)}), expected ${allowed}`);
    if (expect.policy === 'inspect' && count < allowed) return fixed(`${name}: inspected ${count} time${count === 1 ? '' : 's'} (${list(direction.inspections)}), expected ${allowed}`);
  }
  if (!sameInspections(forward.inspections, ret.inspections)) {
    const path = (list: readonly Inspection[]) => list.map((i) => `${i.fleet} in ${i.az}`).sort().join(', ') || 'no inspection';
    return fixed(`asymmetric: forward through ${path(forward.inspections)}, return through ${path(ret.inspections)}; a stateful appliance drops the flow`);
  }
  return PASS;
}

function list(inspections: readonly Inspection[]): string {
  return inspections.map((i) => `${i.fleet} ${i.az}`).join(', ');
}

/** Both directions pass the same appliance paths (fleet and AZ), in any order. */
function sameInspections(a: readonly Inspection[], b: readonly Inspection[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((i) => b.some((j) => j.fleet === i.fleet && j.az === i.az));
}
