/**
 * Judging one flow: trace it forward and back, then check what DESIGN.md asks of
 * every flow (delivered both ways, inspected as intended, the same appliance path
 * both ways, never out to the internet uninspected).
 */
import type { FlowClass, FlowPolicy } from './intent';
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

export interface Expectation {
  readonly policy: FlowPolicy;
  /** Inspections each direction must pass; undefined: at least one (no intent to say more). */
  readonly inspections?: number;
}

export function judge(
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

const NO_HOPS: readonly string[] = Object.freeze([]);

/**
 * A passing direction without its hops, shared by every direction with the same
 * inspections and exit: hundreds of thousands of flows then cost one object each.
 */
export function summary(summaries: Map<string, Direction>, direction: Direction): Direction {
  const key = `${direction.exit}|${direction.nat ?? ''}|${direction.hashed ? 1 : 0}|${direction.inspections.map((i) => i.endpoint).join(',')}`;
  let shared = summaries.get(key);
  if (!shared) summaries.set(key, (shared = { ...direction, hops: NO_HOPS }));
  return shared;
}
