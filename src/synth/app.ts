/**
 * The entry a cdktf app calls: validate a blueprint file and synthesize it into the
 * folder the cdktf CLI chose (CDKTF_OUTDIR). A bad blueprint prints its problems and
 * exits 1 without a stack trace, as `gwlb-blueprint synth` does. Warnings become
 * cdktf annotations under the cdktf CLI (warnings.ts: it shows the app's stderr as
 * errors), and go to stderr when the app runs on its own.
 */
import { loadCheckedBlueprint } from '../blueprint/checked';
import { formatProblem } from '../blueprint/problems';
import { UserError } from '../util/errors';
import { processIo, type Io } from '../util/io';
import { formatVerifyReport } from '../verify/report';
import { checkRecordedLayout } from './recorded-layout';
import type { SynthesizeResult } from './synthesize';
import { synthesizeVerified } from './verified-synthesis';
import type { SynthWarning } from './warnings';

export function synthesizeBlueprintFile(file: string): SynthesizeResult | undefined {
  const underCdktf = process.env.CDKTF_OUTDIR !== undefined;
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  // What loading prints is held back: on success it is only warnings, and where they go depends on who runs us.
  const held: string[] = [];
  const quiet: Io = { out: (t) => processIo.out(t), err: (t) => void held.push(t), interactive: false };
  let model;
  let warnings: SynthWarning[] = [];
  try {
    const checked = loadCheckedBlueprint(file, quiet);
    model = checked.model;
    warnings = checked.warnings
      .filter((p) => p.severity === 'warning')
      .map((p) => ({ text: formatProblem(p, checked.source.file, checked.source.locate(p.path)), path: p.path }));
    checkRecordedLayout(outdir, model, checked.blueprint);
  } catch (err) {
    for (const line of held) processIo.err(line);
    if (!(err instanceof UserError)) throw err;
    processIo.err(`error: ${err.message}`);
    process.exitCode = 1;
    return undefined;
  }
  if (!underCdktf) for (const w of warnings) processIo.err(w.text);
  const { synthesis, verification } = synthesizeVerified(model, { outdir, warnings: underCdktf ? warnings : [] });
  if (!verification.ok) {
    processIo.err(`${formatVerifyReport(verification)}\nerror: the synthesized network does not verify; do not deploy it`);
    process.exitCode = 2;
  }
  return synthesis;
}
