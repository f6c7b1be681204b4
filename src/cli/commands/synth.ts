import * as path from 'node:path';
import { README_FILE } from '../../handoff/readme';
import { checkRecordedLayout } from '../../synth/recorded-layout';
import { synthesizeForCli } from '../../synth/verified-synthesis';
import { prestartWorker, type SynthWorker } from '../../synth/partition';
import type { ProofThread } from '../../synth/proof-thread';
import { claimOutput } from '../../util/atomic-output';
import { yieldToSignals } from '../../util/interrupts';
import { postDeployChecksAccount } from '../../stacks/post-deploy-paths';
import { SynthesisNotVerified } from '../errors';
import type { Io } from '../../util/io';
import { NO_TIMINGS, type Timings } from '../../util/timings';

export interface SynthOptions {
  readonly blueprint: string;
  readonly out: string;
  readonly hcl?: boolean;
  readonly force?: boolean;
  /** Add a Reachability Analyzer stack per region (post-deploy-checks-stack.ts). */
  readonly postDeployChecks?: boolean;
  /** Where the phases' wall time is recorded; printed on stderr at the end. @default not recorded */
  readonly timings?: Timings;
  /**
   * A proof thread already checking `blueprint` (cli/main.ts starts it before this module
   * loads); it is stopped at the end. @default the blueprint is checked and proven in this thread
   */
  readonly proofThread?: ProofThread;
}

/** At most this many stacks are listed one per line; a network of 500 spokes gets a summary. */
export const LISTED_STACKS = 20;

/** The stacks, one per line, or the first LISTED_STACKS and how many more (the hand-off README lists them all). */
export function stackSummary(stacks: readonly string[], readme: string): string[] {
  if (stacks.length <= LISTED_STACKS) return stacks.map((s) => `  ${s}`);
  return [...stacks.slice(0, LISTED_STACKS).map((s) => `  ${s}`), `  … and ${stacks.length - LISTED_STACKS} more (${readme} lists every stack, in apply order)`];
}

/** State files of the local backend live in `<out>/state`; regenerating must never lose them. */
const KEPT_ON_REGENERATION = ['state'];

export async function runSynth(options: SynthOptions, io: Io): Promise<void> {
  // A second synthesis process for a large network starts now, while this one validates.
  const worker = options.hcl ? undefined : prestartWorker(options.blueprint);
  try {
    await synthesize(options, io, worker);
  } finally {
    worker?.stop();
    options.proofThread?.stop();
  }
}

async function synthesize(options: SynthOptions, io: Io, worker: SynthWorker | undefined): Promise<void> {
  const timings = options.timings ?? NO_TIMINGS;
  const thread = options.proofThread;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const checked = thread ? await thread.checkedBlueprint(io) : (require('../../blueprint/checked') as typeof import('../../blueprint/checked')).loadCheckedBlueprint(options.blueprint, io);
  // Before anything is claimed: a network of several accounts must name the account that runs the checks.
  if (options.postDeployChecks) postDeployChecksAccount(checked.model);
  timings.lap('blueprint read, validate, plan');
  // The folder is locked from here to the end of the run, and left as it was on any failure or interrupt.
  const output = claimOutput(options.out, {
    force: options.force,
    keep: KEPT_ON_REGENERATION,
    outside: [{ path: options.blueprint, what: 'the blueprint' }],
    onNotice: (notice) => io.err(`note: ${notice}`),
  });
  try {
    // Before anything is staged: a folder laid out with other AZ slots is never re-planned silently.
    checkRecordedLayout(output.dir, checked.model, checked.blueprint);
    const staging = output.stage();
    timings.lap('lock and stage the folder');
    await yieldToSignals();
    const synthOptions = { outdir: staging, postDeployChecks: options.postDeployChecks ?? false, timings, hcl: options.hcl ?? false };
    const { synthesis, verdict } = await synthesizeForCli(checked.model, synthOptions, worker, thread);
    await yieldToSignals();
    if (!verdict.ok) {
      io.err(verdict.report ?? 'the proof failed');
      throw new SynthesisNotVerified();
    }
    output.commit();
    io.out(`Wrote ${synthesis.stacks.length} stacks to ${options.out}${options.hcl ? ' (HCL)' : ''}, in deploy order:`);
    for (const line of stackSummary(synthesis.stacks, path.join(options.out, README_FILE))) io.out(line);
    io.out(`verified: ${verdict.azPaths.toLocaleString('en-US')} AZ paths inspected as intended, ${verdict.controls} security controls pass (to check again: gwlb-blueprint verify ${options.out})`);
    timings.lap('commit and report');
  } finally {
    output.release();
  }
  timings.lap('delete the replaced folder, unlock');
  if (options.timings) {
    if (thread?.phases.length) options.timings.note(`proof thread: ${thread.phases.map((p) => `${p.phase} ${Math.round(p.ms)} ms`).join(', ')}`);
    options.timings.note(`peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    for (const line of options.timings.format()) io.err(line);
  }
}
