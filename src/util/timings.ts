/**
 * Wall time per phase of a run, for `synth --timings`: each lap ends the phase
 * that was running and names it, so the phases add up to the run. Times are
 * `performance.now()`, milliseconds since the process started.
 */
export class Timings {
  private readonly laps: { readonly phase: string; readonly ms: number }[] = [];
  private readonly notes: string[] = [];
  private last: number;

  /** `start`: when the first phase began (by default, the process start). */
  constructor(start = 0) {
    this.last = start;
  }

  /** Ends the running phase as `phase`, now or at `now` (a time taken earlier). */
  lap(phase: string, now = performance.now()): void {
    this.laps.push({ phase, ms: now - this.last });
    this.last = now;
  }

  /** A line printed under the table (what a worker process did meanwhile, peak memory). */
  note(text: string): void {
    this.notes.push(text);
  }

  /** The phases so far, in order, with their milliseconds. */
  get phases(): readonly { readonly phase: string; readonly ms: number }[] {
    return this.laps;
  }

  /** The table: one phase a line, the total, then the notes. */
  format(): string[] {
    const total = this.laps.reduce((sum, l) => sum + l.ms, 0);
    const rows = [...this.laps, { phase: 'total', ms: total }];
    const width = Math.max(...rows.map((r) => r.phase.length));
    const line = (phase: string, ms: string) => `${phase.padEnd(width)}  ${ms.padStart(6)}`;
    return [line('phase', 'ms'), ...rows.map((r) => line(r.phase, String(Math.round(r.ms)))), ...this.notes];
  }
}

/** Timings that record nothing, for callers that did not ask for them. */
export const NO_TIMINGS = {
  lap(): void {},
  note(): void {},
} as const satisfies Pick<Timings, 'lap' | 'note'>;

export type TimingsRecorder = Pick<Timings, 'lap' | 'note'>;
