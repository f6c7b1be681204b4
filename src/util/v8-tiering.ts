/**
 * When V8 optimizes a function with TurboFan, for a command that runs a second or a few.
 *
 * V8 counts what a function runs (its "interrupt budget", in bytes of bytecode) and,
 * when the budget is spent, queues the function for TurboFan, which compiles it on
 * V8's background threads. The default budget (`DEFINE_INT(interrupt_budget, 66 * KB, ...)`
 * in Node 20's V8 11.3, 132 KB in later ones: nodejs/node deps/v8/src/flags/flag-definitions.h)
 * suits a long-running server. A synth of 48 spokes queued ~160 functions, several of
 * them twice after a deoptimization, and TurboFan's threads used ~0.5 s of CPU of a
 * 1.5 s run on a 2-core machine, where the proof thread and the second synthesis
 * process need that core (perf, bench/PROFILE.md).
 * Eight times the budget leaves only code that stays hot to TurboFan: alternating
 * runs, 48 spokes 1.07 → 0.88 s and 1.73 → 1.33 s of CPU, 500 spokes 5.1 → 4.7 s,
 * `verify` of 500 spokes 1.68 → 1.52 s.
 *
 * The budget is a process-wide V8 flag read when a function's budget is next set, so
 * it is set before the command loads anything (bin/), passed to the second synthesis
 * process on its command line, and inherited by worker threads. A budget given to node
 * itself (`node --interrupt-budget=N`) is kept; GWLB_V8_DEFAULT_TIERING=1 keeps V8's.
 */
import { setFlagsFromString } from 'node:v8';

/** Eight times the default of Node 20's V8 (67 584 bytes of bytecode). */
export const SHORT_RUN_INTERRUPT_BUDGET = 8 * 67_584;

const FLAG = '--interrupt-budget';

/**
 * The newest V8 major version known to have the flag (Node 20-24: V8 11-13). V8 prints "unrecognized
 * flag" on stderr for a flag it does not know, so a newer V8 runs with its own defaults until checked.
 */
const NEWEST_V8_WITH_FLAG = 13;

/** The flag to add to a node command line, or none where node was given its own, the defaults are asked for, or V8 is newer than known. */
export function shortRunTieringFlags(execArgv: readonly string[] = process.execArgv, env: NodeJS.ProcessEnv = process.env, v8Version: string = process.versions.v8): string[] {
  if (env.GWLB_V8_DEFAULT_TIERING === '1') return [];
  if (!(Number.parseInt(v8Version, 10) <= NEWEST_V8_WITH_FLAG)) return [];
  if (execArgv.some((arg) => arg === FLAG || arg.startsWith(`${FLAG}=`) || arg === '--interrupt_budget' || arg.startsWith('--interrupt_budget='))) return [];
  return [`${FLAG}=${SHORT_RUN_INTERRUPT_BUDGET}`];
}

/** Sets the budget for this process (and the worker threads it starts from now on); returns the flags it set. */
export function tuneTieringForShortRun(execArgv: readonly string[] = process.execArgv, env: NodeJS.ProcessEnv = process.env, set: (flags: string) => void = setFlagsFromString): string[] {
  const flags = shortRunTieringFlags(execArgv, env);
  for (const flag of flags) set(flag);
  return flags;
}
