/**
 * Synthesis that checks its own work: the stacks are written, read back as
 * Terraform would load them (JSON or HCL), and verified (a network whose own
 * output does not verify is a defect, never something to hand over).
 */
import type { NetworkModel } from '../blueprint/model';
import { verifySynthFolder, type VerifyResult } from '../verify';
import { synthesizeNetwork, synthesizeNetworkHcl, type SynthesizeOptions, type SynthesizeResult } from './synthesize';

export interface VerifiedSynthesis {
  readonly synthesis: SynthesizeResult;
  readonly verification: VerifyResult;
}

export function synthesizeVerified(model: NetworkModel, options: SynthesizeOptions & { readonly outdir: string }): VerifiedSynthesis {
  const synthesis = synthesizeNetwork(model, options);
  return { synthesis, verification: verifySynthFolder(synthesis.folder) };
}

/** HCL output, verified as written: the formatted `cdk.tf` files are parsed back. */
export async function synthesizeVerifiedHcl(model: NetworkModel, options: SynthesizeOptions & { readonly outdir: string }): Promise<VerifiedSynthesis> {
  const synthesis = await synthesizeNetworkHcl(model, options);
  return { synthesis, verification: verifySynthFolder(synthesis.folder) };
}
