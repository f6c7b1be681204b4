/**
 * `gwlb-blueprint init [DIR]`: the wizard, then the scaffold. Nothing is written
 * before the user confirms the summary; Ctrl-C at any question leaves nothing
 * behind. Without a terminal it refuses at once unless told --yes.
 */
import * as path from 'node:path';
import { readBlueprintFile } from '../../blueprint/load';
import { formatProblem } from '../../blueprint/problems';
import type { Blueprint } from '../../blueprint/schema';
import { formatPlanSummary } from '../../blueprint/summary';
import { validateBlueprint } from '../../blueprint/validate';
import { isPromptExit, type Prompter } from '../../wizard/prompter';
import { pinAzSlots } from '../../wizard/pin-layout';
import { checkTarget, REFERENCE_BLUEPRINT, renderProject, unusedTarballs, VENDOR_DIR, writeProject } from '../../wizard/scaffold';
import { runWizard, type WizardResult } from '../../wizard/wizard';
import { loadCheckedBlueprint } from '../../blueprint/checked';
import { UserError } from '../errors';
import { outputWriteError } from '../../util/fs-errors';
import type { Io } from '../../util/io';

export interface InitOptions {
  readonly from?: string;
  readonly yes?: boolean;
  readonly force?: boolean;
}

export const ABORTED = 'aborted; nothing written';

/**
 * @param prompter asks the questions; Inquirer on the terminal unless a caller
 *   (a test) passes another.
 */
export async function runInit(dir: string, options: InitOptions, io: Io, prompter?: Prompter): Promise<void> {
  if (!options.yes && !io.interactive) {
    throw new UserError(
      'init asks questions, and there is no terminal to ask them on. Use --yes to accept every default (the reference network), or --from FILE --yes to scaffold a project around an existing blueprint.',
    );
  }
  // Refused before the first question, not after the last.
  try {
    checkTarget(dir, options.force ?? false);
  } catch (err) {
    throw outputWriteError(err);
  }
  const base = options.from ? loadCheckedBlueprint(options.from, io).blueprint : referenceBlueprint();
  const target = dir.endsWith('/') || dir.endsWith(path.sep) ? dir : `${dir}/`;

  let result: WizardResult;
  if (options.yes) {
    result = checkedNow(base);
    io.out(formatPlanSummary(result.model));
    // loadCheckedBlueprint has already printed the warnings of a --from file.
    if (!options.from) for (const w of result.warnings) io.err(formatProblem(w));
  } else {
    const asker = prompter ?? new (await import('../../wizard/inquirer-prompter')).InquirerPrompter();
    try {
      result = await runWizard(asker, base, io, target, options.from !== undefined);
    } catch (err) {
      if (isPromptExit(err)) throw new UserError(ABORTED);
      throw err;
    }
  }

  const blueprint = pinAzSlots(result.blueprint, result.model);
  const files = renderProject(blueprint, result.model);
  let written;
  try {
    written = writeProject(dir, files, { force: options.force });
  } catch (err) {
    throw outputWriteError(err);
  }
  io.out('');
  io.out(`Wrote ${target}: ${written.written.map((f) => (written.replaced.includes(f) ? `${f} (replaced)` : f)).join(', ')}`);
  for (const old of unusedTarballs(dir, files, VENDOR_DIR)) io.out(`${old} is no longer used (package.json now installs ${files.find((f) => f.path.startsWith(`${VENDOR_DIR}/`))?.path}): delete it.`);
  io.out('');
  io.out('Next:');
  if (path.resolve(dir) !== process.cwd()) io.out(`  cd ${dir}`);
  io.out('  npm install');
  io.out('  npx cdktf synth                       # Terraform per stack in cdktf.out/stacks');
  io.out('  npx gwlb-blueprint verify cdktf.out   # every flow passes an appliance');
  io.out("  npx cdktf deploy '*'");
  const slots = result.model.regions.map((r) => `${r.code}: ${r.azSlots}`).join(', ');
  io.out(`blueprint.json records each region's AZ slots (${slots}), so a later gwlb-blueprint never re-plans the subnets (README.md says why).`);
  if (result.model.state.backend === 'local') io.out('Terraform state will live in cdktf.out/state: never delete it (README.md says more).');
}

/** The embedded reference blueprint: the wizard's defaults for a new network. */
export function referenceBlueprint(): Blueprint {
  return checkedNow(readBlueprintFile(REFERENCE_BLUEPRINT).value).blueprint;
}

function checkedNow(value: unknown): WizardResult {
  const checked = validateBlueprint(value);
  if (!checked.blueprint || !checked.model) {
    const first = checked.problems.find((p) => p.severity === 'error');
    throw new Error(`internal: a blueprint that passed validation before fails now: ${first ? formatProblem(first) : '?'}`);
  }
  return { blueprint: checked.blueprint, model: checked.model, warnings: checked.problems.filter((p) => p.severity === 'warning') };
}
