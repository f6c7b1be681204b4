/**
 * Synthesis that checks its own work: the stacks are written, then verified as
 * Terraform JSON (a network whose own output does not verify is a defect, never
 * something to hand over). HCL output is verified through its JSON twin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NetworkModel } from '../blueprint/model';
import { verifyFolder, type VerifyResult } from '../verify';
import { synthesizeNetwork, type SynthesizeOptions, type SynthesizeResult } from './synthesize';

export interface VerifiedSynthesis {
  readonly synthesis: SynthesizeResult;
  readonly verification: VerifyResult;
}

export function synthesizeVerified(model: NetworkModel, options: SynthesizeOptions & { readonly outdir: string }): VerifiedSynthesis {
  if (!options.hcl) {
    const synthesis = synthesizeNetwork(model, options);
    return { synthesis, verification: verifyFolder(options.outdir) };
  }
  const jsonTwin = mkdtempSync(path.join(tmpdir(), 'gwlb-blueprint-verify-'));
  try {
    synthesizeNetwork(model, { outdir: jsonTwin });
    const verification = verifyFolder(jsonTwin);
    return { synthesis: synthesizeNetwork(model, options), verification };
  } finally {
    rmSync(jsonTwin, { recursive: true, force: true });
  }
}
