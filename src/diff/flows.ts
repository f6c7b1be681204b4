/**
 * Every flow whose treatment changes, from verify's proof of both sides: per
 * region, flow class, source and destination, what actually happens to every AZ
 * path (delivered both ways, inspected both ways, by which fleets), compared
 * whatever the policy says. A flow the intent now calls `direct` (east-west
 * inspection turned off) still verifies; it is reported here as newly
 * uninspected, because that is what happens to it.
 */
import type { FlowResult, VerifyResult } from '../verify';
import { SWEEP_CLASSES } from '../verify/proof';

export type FlowChangeKind = 'newly-uninspected' | 'newly-unreachable' | 'newly-failing' | 'moved' | 'newly-inspected' | 'newly-reachable' | 'newly-passing';

/** The kinds that lose something: each makes `diff` exit 3. */
export const LOSSES: ReadonlySet<FlowChangeKind> = new Set(['newly-uninspected', 'newly-unreachable', 'newly-failing']);

export interface FlowState {
  /**
   * unreachable: some AZ path does not arrive both ways; uninspected: every one arrives, and some pass no
   * appliance; failing: verify refuses it for another reason (asymmetric, inspected twice); else inspected.
   */
  readonly status: 'inspected' | 'uninspected' | 'unreachable' | 'failing';
  /** Why verify refuses it, when it does. */
  readonly reason?: string;
  readonly fleets: readonly string[];
  readonly azPaths: number;
  /** AZ paths not delivered, or delivered but passing no appliance: what makes the status. */
  readonly affected: number;
}

export interface FlowChange {
  readonly kind: FlowChangeKind;
  readonly region: string;
  readonly flowClass: string;
  readonly source: string;
  readonly destination: string;
  readonly before: FlowState;
  readonly after: FlowState;
}

export interface FlowDiff {
  readonly changes: readonly FlowChange[];
  /** Pairs only one side has (a spoke added or removed): counted, not compared. */
  readonly added: number;
  readonly removed: number;
}

function stateOf(f: FlowResult): FlowState {
  // The sweeps have no per-pair coverage: a failing sweep pair leaves for (or enters from) the internet uninspected.
  if (SWEEP_CLASSES.has(f.flowClass)) return { status: f.ok ? 'inspected' : 'uninspected', fleets: [], azPaths: f.azPaths, affected: f.failed };
  const { undelivered, uninspected, fleets } = f.coverage;
  if (undelivered > 0) return { status: 'unreachable', fleets, azPaths: f.azPaths, affected: undelivered, ...(f.reason ? { reason: f.reason } : {}) };
  if (uninspected > 0) return { status: 'uninspected', fleets, azPaths: f.azPaths, affected: uninspected };
  if (!f.ok) return { status: 'failing', fleets, azPaths: f.azPaths, affected: f.failed, ...(f.reason ? { reason: f.reason } : {}) };
  return { status: 'inspected', fleets, azPaths: f.azPaths, affected: 0 };
}

/**
 * A pair's key on both sides: verify shortens names by the network and, with one
 * region, the region too; a second region must not rename the first one's pairs.
 */
function keyOf(f: FlowResult): string {
  const strip = (name: string) => (name.startsWith(`${f.region}-`) ? name.slice(f.region.length + 1) : name);
  return [f.region, f.flowClass, strip(f.source), strip(f.destination)].join('|');
}

export function diffFlows(before: VerifyResult, after: VerifyResult): FlowDiff {
  const old = new Map(before.flows.map((f) => [keyOf(f), f]));
  const next = new Map(after.flows.map((f) => [keyOf(f), f]));
  const changes: FlowChange[] = [];
  for (const [key, f] of next) {
    const was = old.get(key);
    if (!was) continue;
    const a = stateOf(was);
    const b = stateOf(f);
    const kind = changeOf(a, b);
    if (kind) changes.push({ kind, region: f.region, flowClass: f.flowClass, source: f.source, destination: f.destination, before: a, after: b });
  }
  return { changes, added: [...next.keys()].filter((k) => !old.has(k)).length, removed: [...old.keys()].filter((k) => !next.has(k)).length };
}

function changeOf(a: FlowState, b: FlowState): FlowChangeKind | undefined {
  if (a.status !== 'unreachable' && b.status === 'unreachable') return 'newly-unreachable';
  if (a.status === 'unreachable' && b.status !== 'unreachable') return 'newly-reachable';
  if (a.status !== 'uninspected' && b.status === 'uninspected') return 'newly-uninspected';
  if (a.status === 'uninspected' && b.status !== 'uninspected') return 'newly-inspected';
  if (a.status === 'inspected' && b.status === 'failing') return 'newly-failing';
  if (a.status === 'failing' && b.status === 'inspected') return 'newly-passing';
  if (a.status === b.status && a.fleets.length > 0 && b.fleets.length > 0 && a.fleets.join() !== b.fleets.join()) return 'moved';
  return undefined;
}
