/**
 * The entry a cdktf app calls: validate a blueprint file and synthesize it into the
 * folder the cdktf CLI chose (CDKTF_OUTDIR). A bad blueprint prints its problems and
 * exits 1 without a stack trace, as `gwlb-blueprint synth` does.
 */
import { loadCheckedBlueprint } from '../blueprint/checked';
import { UserError } from '../util/errors';
import { processIo } from '../util/io';
import { formatVerifyReport } from '../verify/report';
import type { SynthesizeResult } from './synthesize';
import { synthesizeVerified } from './verified-synthesis';

export function synthesizeBlueprintFile(file: string): SynthesizeResult | undefined {
  let model;
  try {
    model = loadCheckedBlueprint(file, processIo).model;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    processIo.err(`error: ${err.message}`);
    process.exitCode = 1;
    return undefined;
  }
  const { synthesis, verification } = synthesizeVerified(model, { outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
  if (!verification.ok) {
    processIo.err(`${formatVerifyReport(verification)}\nerror: the synthesized network does not verify; do not deploy it`);
    process.exitCode = 2;
  }
  return synthesis;
}
