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
  for (const problem of result.problems) io.err(formatProblem(problem, source.file, source.locate(problem.path)));
  if (!result.model || !result.blueprint) {
    throw new ValidationFailed(result.problems.filter((p) => p.severity === 'error').length);
  }
  return { source, blueprint: result.blueprint, model: result.model, warnings: result.problems };
}
