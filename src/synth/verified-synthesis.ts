/**
 * Synthesis that checks its own work: the stacks are written, read back as
 * Terraform would load them (JSON or HCL), and verified (a network whose own
 * output does not verify is a defect, never something to hand over).
 */
import type { NetworkModel } from '../blueprint/model';
import { verifySynthFolder, type VerifyResult } from '../verify';
import { synthesizeNetworkInParallel, type SynthWorker } from './partition';
import { synthesizeNetwork, synthesizeNetworkHcl, type SynthesizeOptions, type SynthesizeResult } from './synthesize';

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

function verified(synthesis: SynthesizeResult, options: Pick<SynthesizeOptions, 'timings'>): VerifiedSynthesis {
  const verification = verifySynthFolder(synthesis.folder);
  options.timings?.lap('verify');
  return { synthesis, verification };
}
