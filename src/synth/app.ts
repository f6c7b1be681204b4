/**
 * The entry a cdktf app calls: validate a blueprint file and synthesize it into the
 * folder the cdktf CLI chose (CDKTF_OUTDIR). A bad blueprint prints its problems and
 * exits 1 without a stack trace, as `gwlb-blueprint synth` does.
 */
import { loadCheckedBlueprint } from '../blueprint/checked';
import { UserError } from '../util/errors';
import { processIo } from '../util/io';
import { formatVerifyReport } from '../verify/report';
import { checkRecordedLayout } from './recorded-layout';
import type { SynthesizeResult } from './synthesize';
import { synthesizeVerified } from './verified-synthesis';

export function synthesizeBlueprintFile(file: string): SynthesizeResult | undefined {
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  let model;
  try {
    const checked = loadCheckedBlueprint(file, processIo);
    model = checked.model;
    checkRecordedLayout(outdir, model, checked.blueprint);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    processIo.err(`error: ${err.message}`);
    process.exitCode = 1;
    return undefined;
  }
  const { synthesis, verification } = synthesizeVerified(model, { outdir });
  if (!verification.ok) {
    processIo.err(`${formatVerifyReport(verification)}\nerror: the synthesized network does not verify; do not deploy it`);
    process.exitCode = 2;
  }
  return synthesis;
}
