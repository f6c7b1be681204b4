import { synthesizeNetwork } from '../../synth/synthesize';
import { stageOutput } from '../../util/atomic-output';
import { loadCheckedBlueprint } from '../blueprint-input';
import type { Io } from '../io';

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
  const output = stageOutput(options.out, { force: options.force, keep: KEPT_ON_REGENERATION });
  try {
    const result = synthesizeNetwork(checked.model, { outdir: output.staging, hcl: options.hcl });
    output.commit();
    io.out(`Wrote ${result.stacks.length} stacks to ${options.out}${options.hcl ? ' (HCL)' : ''}, in deploy order:`);
    for (const stack of result.stacks) io.out(`  ${stack}`);
  } catch (err) {
    output.abort();
    throw err;
  }
}
