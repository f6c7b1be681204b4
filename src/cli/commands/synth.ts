import { checkRecordedLayout } from '../../synth/recorded-layout';
import { synthesizeVerified, synthesizeVerifiedHcl } from '../../synth/verified-synthesis';
import { isWithin, stageOutput } from '../../util/atomic-output';
import { formatVerifyReport } from '../../verify/report';
import { loadCheckedBlueprint } from '../../blueprint/checked';
import { SynthesisNotVerified, UserError } from '../errors';
import type { Io } from '../../util/io';

export interface SynthOptions {
  readonly blueprint: string;
  readonly out: string;
  readonly hcl?: boolean;
  readonly force?: boolean;
}

/** State files of the local backend live in `<out>/state`; regenerating must never lose them. */
const KEPT_ON_REGENERATION = ['state'];

export async function runSynth(options: SynthOptions, io: Io): Promise<void> {
  const checked = loadCheckedBlueprint(options.blueprint, io);
  if (isWithin(options.blueprint, options.out)) {
    throw new UserError(`${options.blueprint} lies inside ${options.out}, which synth replaces as a whole; write the output elsewhere`);
  }
  // Before anything is staged: a folder laid out with other AZ slots is never re-planned silently.
  checkRecordedLayout(options.out, checked.model, checked.blueprint);
  const output = stageOutput(options.out, { force: options.force, keep: KEPT_ON_REGENERATION });
  try {
    const { synthesis, verification } = options.hcl
      ? await synthesizeVerifiedHcl(checked.model, { outdir: output.staging })
      : synthesizeVerified(checked.model, { outdir: output.staging });
    if (!verification.ok) {
      io.err(formatVerifyReport(verification));
      throw new SynthesisNotVerified();
    }
    output.commit();
    io.out(`Wrote ${synthesis.stacks.length} stacks to ${options.out}${options.hcl ? ' (HCL)' : ''}, in deploy order:`);
    for (const stack of synthesis.stacks) io.out(`  ${stack}`);
    io.out(`verified: ${verification.proof.azPaths.toLocaleString('en-US')} AZ paths inspected as intended, ${verification.controls.length} security controls pass (gwlb-blueprint verify ${options.out})`);
  } catch (err) {
    output.abort();
    throw err;
  }
}
