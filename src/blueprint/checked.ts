/** Reading, checking and reporting a blueprint file: shared by validate, synth, diagram and init --from. */
import { readBlueprintFile, BlueprintLoadError, type SourceDocument } from './load';
import type { NetworkModel } from './model';
import { formatProblem, type Problem } from './problems';
import type { Blueprint } from './schema';
import { validateBlueprint } from './validate';
import { UserError, ValidationFailed } from '../util/errors';
import type { Io } from '../util/io';

export interface CheckedBlueprint {
  readonly source: SourceDocument;
  readonly blueprint: Blueprint;
  readonly model: NetworkModel;
  readonly warnings: readonly Problem[];
}

/** Loads and validates `file`; prints every problem; throws a UserError when it cannot be used. */
export function loadCheckedBlueprint(file: string, io: Io): CheckedBlueprint {
  let source: SourceDocument;
  try {
    source = readBlueprintFile(file);
  } catch (err) {
    if (err instanceof BlueprintLoadError) throw new UserError(err.message);
    throw err;
  }
  const result = validateBlueprint(source.value);
  printProblems(result.problems, source, io);
  if (!result.model || !result.blueprint) {
    throw new ValidationFailed(result.problems.filter((p) => p.severity === 'error').length);
  }
  return { source, blueprint: result.blueprint, model: result.model, warnings: result.problems };
}

/**
 * Problems shown in full before the rest are only counted: a file with a
 * hundred thousand unknown keys says so in a screenful, not in a hundred
 * thousand lines. When some are left out, errors come first, so that a flood of
 * warnings never hides one.
 */
export const MAX_PRINTED_PROBLEMS = 20;

export function printProblems(problems: readonly Problem[], source: SourceDocument, io: Io): void {
  const ordered = problems.length <= MAX_PRINTED_PROBLEMS ? problems : [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity !== 'error')];
  for (const problem of ordered.slice(0, MAX_PRINTED_PROBLEMS)) io.err(formatProblem(problem, source.file, source.locate(problem.path)));
  const rest = ordered.slice(MAX_PRINTED_PROBLEMS);
  if (rest.length === 0) return;
  const errors = rest.filter((p) => p.severity === 'error').length;
  const parts = [errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '', rest.length > errors ? `${rest.length - errors} warning${rest.length - errors === 1 ? '' : 's'}` : ''].filter(Boolean);
  io.err(`… and ${parts.join(' and ')} more, not shown (the first ${MAX_PRINTED_PROBLEMS} are above)`);
}
