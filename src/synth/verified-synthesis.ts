/**
 * Synthesis that checks its own work: the stacks are written, read back as
 * Terraform would load them (JSON or HCL), and verified (a network whose own
 * output does not verify is a defect, never something to hand over).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NetworkModel } from '../blueprint/model';
import { readSynthFolderSync, writtenFiles, writtenIsOnDisk } from '../synth-folder';
import type { VerifyResult } from '../verify';
import { NO_TIMINGS } from '../util/timings';
import { partitioned, synthesizeNetworkInParallel, type SynthWorker } from './partition';
import type { ProofThread, Verdict } from './proof-thread';
import { handOff, readBackAndHandOff, synthesizeNetwork, synthesizeNetworkHcl, writeJsonStacks, type SynthesizeOptions, type SynthesizeResult } from './synthesize';

export interface VerifiedSynthesis {
  readonly synthesis: SynthesizeResult;
  readonly verification: VerifyResult;
}

export function synthesizeVerified(model: NetworkModel, options: SynthesizeOptions & { readonly outdir: string }): VerifiedSynthesis {
  return verified(synthesizeNetwork(model, options), options);
}

/** The same on two processes where the network is large (partition.ts): the command line's synthesis. */
export async function synthesizeVerifiedInParallel(model: NetworkModel, options: SynthesizeOptions & { readonly outdir: string }, worker?: SynthWorker): Promise<VerifiedSynthesis> {
  return verified(await synthesizeNetworkInParallel(model, options, worker), options);
}

/** HCL output, verified as written: the formatted `cdk.tf` files are parsed back. */
export async function synthesizeVerifiedHcl(model: NetworkModel, options: SynthesizeOptions & { readonly outdir: string }): Promise<VerifiedSynthesis> {
  return verified(await synthesizeNetworkHcl(model, options), options);
}

/**
 * The command line's synthesis: on two processes where the network is large; otherwise
 * proven by the proof thread (proof-thread.ts) while the stacks and the hand-off are
 * written here, when there is one and every file it was given is the folder on disk.
 */
export async function synthesizeForCli(
  model: NetworkModel,
  options: SynthesizeOptions & { readonly outdir: string; readonly hcl?: boolean },
  worker: SynthWorker | undefined,
  thread: ProofThread | undefined,
): Promise<{ readonly synthesis: SynthesizeResult; readonly verdict: Verdict }> {
  const inThisThread = (v: VerifiedSynthesis) => ({ synthesis: v.synthesis, verdict: verdictOf(v.verification) });
  if (!thread || options.hcl || partitioned(model, options.postDeployChecks)) {
    // Its heap is freed before the stacks are built: it has nothing more to do here.
    thread?.stop();
    return inThisThread(options.hcl ? await synthesizeVerifiedHcl(model, options) : await synthesizeVerifiedInParallel(model, options, worker));
  }
  worker?.stop();
  const timings = options.timings ?? NO_TIMINGS;
  // Every file is handed to the thread as it is synthesized, and written only once the
  // thread has them all: the proof runs while they go to disk.
  const written = new Map<string, string>();
  const { outdir, stacks } = writeJsonStacks(model, {
    ...options,
    writeFile: (file, text) => {
      written.set(file, text);
      thread.written(file, text);
    },
  });
  const proof = thread.verify(outdir);
  // Settled below, or not needed: never an unhandled rejection.
  proof.result.catch(() => undefined);
  const folders = new Set<string>();
  for (const [file, text] of written) {
    const folder = path.dirname(path.join(outdir, file));
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true }), folders.add(folder);
    writeFileSync(path.join(outdir, file), text);
  }
  timings.lap('write the files');
  // Anything written here that the thread was not told (cdktf's own synthesizer, GWLB_CDKTF_STOCK):
  // the folder on disk is proven here instead, as the library proves it, and the thread's proof is moot.
  if (!writtenIsOnDisk(outdir, written, ['stacks'])) {
    thread.stop();
    return inThisThread(verified(readBackAndHandOff(model, stacks, outdir, options.timings), options));
  }
  const folder = readSynthFolderSync(writtenFiles(outdir, written));
  timings.lap('read the folder as written');
  const synthesis = handOff(model, stacks, folder, options.timings);
  // The deploy order is checked by whichever thread is free first: here, unless the thread has
  // finished the flows, sweeps and controls and taken it already.
  let deployOrderOk: boolean | undefined;
  if (proof.claimDeployOrder()) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { checkDeployOrder } = require('../verify/deploy-order') as typeof import('../verify/deploy-order');
    const { terraformSetOf } = require('../verify/terraform-json') as typeof import('../verify/terraform-json');
    /* eslint-enable @typescript-eslint/no-require-imports */
    deployOrderOk = checkDeployOrder(terraformSetOf(folder)).ok;
    timings.lap('check the deploy order');
  }
  const proven = await proof.result;
  timings.lap('wait for the proof thread');
  deployOrderOk ??= proven.deployOrderOk;
  if (deployOrderOk === undefined) throw new Error('internal: neither thread checked the deploy order');
  if (proven.verdict.ok && deployOrderOk) return { synthesis, verdict: proven.verdict };
  // A failure is reported as verify reports it: the whole proof again, here, of the folder as read for the hand-off
  // (as the library proves what it handed off).
  const verification = inThisThreadProof().verifySynthFolder(folder);
  if (verification.ok) throw new Error('internal: the proof thread and this thread disagree on whether the folder verifies');
  return { synthesis, verdict: verdictOf(verification) };
}

/** What synth reports of a verification. */
export function verdictOf(verification: VerifyResult): Verdict {
  return {
    ok: verification.ok,
    azPaths: verification.proof.azPaths,
    controls: verification.controls.length,
    ...(verification.ok ? {} : { report: inThisThreadProof().formatVerifyReport(verification) }),
  };
}

/** verify, loaded where this thread proves (with a proof thread, it does not). */
function inThisThreadProof(): typeof import('../verify') & typeof import('../verify/report') {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return { ...(require('../verify') as typeof import('../verify')), ...(require('../verify/report') as typeof import('../verify/report')) };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

function verified(synthesis: SynthesizeResult, options: Pick<SynthesizeOptions, 'timings'>): VerifiedSynthesis {
  const verification = inThisThreadProof().verifySynthFolder(synthesis.folder);
  options.timings?.lap('verify');
  return { synthesis, verification };
}
