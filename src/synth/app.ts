/**
 * The entry a cdktf app calls: validate a blueprint file and synthesize it into the
 * folder the cdktf CLI chose (CDKTF_OUTDIR). A bad blueprint prints its problems and
 * exits 1 without a stack trace, as `gwlb-blueprint synth` does.
 */
import { formatProblem } from '../blueprint/problems';
import { BlueprintLoadError, readBlueprintFile } from '../blueprint/load';
import { validateBlueprint } from '../blueprint/validate';
import { formatVerifyReport } from '../verify/report';
import type { SynthesizeResult } from './synthesize';
import { synthesizeVerified } from './verified-synthesis';

export function synthesizeBlueprintFile(file: string): SynthesizeResult | undefined {
  try {
    const source = readBlueprintFile(file);
    const result = validateBlueprint(source.value);
    for (const problem of result.problems) process.stderr.write(`${formatProblem(problem, source.file, source.locate(problem.path))}\n`);
    if (!result.model) {
      process.exitCode = 1;
      return undefined;
    }
    const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
    const { synthesis, verification } = synthesizeVerified(result.model, { outdir });
    if (!verification.ok) {
      process.stderr.write(`${formatVerifyReport(verification)}\nerror: the synthesized network does not verify; do not deploy it\n`);
      process.exitCode = 2;
    }
    return synthesis;
  } catch (err) {
    if (err instanceof BlueprintLoadError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 1;
      return undefined;
    }
    throw err;
  }
}
