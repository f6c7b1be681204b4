/**
 * One wizard session: the questions, then the plan summary and a confirmation.
 * Declining offers to go through the questions again with the answers given as
 * the new defaults, so a typo late in the flow costs a few Enters, not a restart.
 */
import type { NetworkModel } from '../blueprint/model';
import { formatProblem, type Problem } from '../blueprint/problems';
import type { Blueprint } from '../blueprint/schema';
import { formatPlanSummary } from '../blueprint/summary';
import { validateBlueprint } from '../blueprint/validate';
import { describeWarning } from './field-check';
import { askBlueprint } from './flow';
import { PromptExit, type Prompter } from './prompter';

export interface WizardResult {
  readonly blueprint: Blueprint;
  readonly model: NetworkModel;
  readonly warnings: readonly Problem[];
}

export interface WizardOutput {
  out(text: string): void;
}

/**
 * Runs the questions until the user confirms; throws an ExitPromptError when they quit.
 * @param fromAnswers `base` is the user's own blueprint (`--from`), not the example.
 */
export async function runWizard(prompter: Prompter, base: Blueprint, output: WizardOutput, target: string, fromAnswers = true): Promise<WizardResult> {
  let defaults = base;
  let ownDefaults = fromAnswers;
  for (;;) {
    const blueprint = await askBlueprint(prompter, defaults, ownDefaults);
    const checked = validateBlueprint(blueprint);
    const errors = checked.problems.filter((p) => p.severity === 'error');
    const warnings = checked.problems.filter((p) => p.severity === 'warning');
    if (checked.model && errors.length === 0) {
      prompter.note('Summary', 'heading');
      output.out(formatPlanSummary(checked.model));
      if (warnings.length > 0) output.out('');
      for (const w of warnings) output.out(describeWarning(w));
      output.out('');
      const write = await prompter.confirm({ id: 'confirm', message: `Write this network and its cdktf project to ${target}?`, default: true });
      if (write) return { blueprint, model: checked.model, warnings };
    } else {
      // Every answer was checked on its own; a combination no single question could see is shown here.
      prompter.note('Problems', 'heading');
      for (const e of errors) output.out(formatProblem(e));
      output.out('These answers do not make a valid blueprint yet.');
    }
    const again = await prompter.confirm({ id: 'again', message: 'Change some answers? (the questions start again, with your answers as defaults)', default: true });
    if (!again) throw new PromptExit();
    defaults = blueprint;
    ownDefaults = true;
  }
}
