/**
 * Synthesis that checks its own work: the stacks are written, then verified as
 * Terraform JSON (a network whose own output does not verify is a defect, never
 * something to hand over).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NetworkModel } from '../blueprint/model';
import { verifyFolder, type VerifyResult } from '../verify';
import { finishHclStacks } from './hcl';
import { synthesizeNetwork, type SynthesizeOptions, type SynthesizeResult } from './synthesize';

export interface VerifiedSynthesis {
  readonly synthesis: SynthesizeResult;
  readonly verification: VerifyResult;
}

export function synthesizeVerified(model: NetworkModel, options: SynthesizeOptions & { readonly outdir: string; readonly hcl?: false }): VerifiedSynthesis {
  const synthesis = synthesizeNetwork(model, options);
  return { synthesis, verification: verifyFolder(options.outdir) };
}

/** HCL output: verified through its JSON twin, then formatted as `terraform fmt` would. */
export async function synthesizeVerifiedHcl(model: NetworkModel, options: { readonly outdir: string }): Promise<VerifiedSynthesis> {
  const jsonTwin = mkdtempSync(path.join(tmpdir(), 'gwlb-blueprint-verify-'));
  try {
    synthesizeNetwork(model, { outdir: jsonTwin });
    const verification = verifyFolder(jsonTwin);
    const synthesis = synthesizeNetwork(model, { outdir: options.outdir, hcl: true });
    await finishHclStacks(options.outdir, synthesis.stacks);
    return { synthesis, verification };
  } finally {
    rmSync(jsonTwin, { recursive: true, force: true });
  }
}
