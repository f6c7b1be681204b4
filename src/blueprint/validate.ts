/**
 * The one entry to validation: shape first (types, required and unknown fields),
 * then every semantic rule, then the model. Problems are collected, never thrown,
 * so the user sees all of them at once.
 */
import { buildModel, type NetworkModel } from './model';
import { hasErrors, type Problem } from './problems';
import { RULES } from './rules';
import { blueprintSchema, type Blueprint } from './schema';
import { shapeProblems } from './shape-problems';

export interface ValidationResult {
  /** Errors and warnings, in rule order. */
  readonly problems: readonly Problem[];
  /** Present only when there is no error. */
  readonly blueprint?: Blueprint;
  readonly model?: NetworkModel;
}

export function validateBlueprint(value: unknown): ValidationResult {
  const shape = blueprintSchema.safeParse(value, { reportInput: true });
  if (!shape.success) return { problems: shapeProblems(blueprintSchema, shape.error.issues) };
  const blueprint = shape.data;
  const problems = RULES.flatMap((rule) => rule.check(blueprint));
  if (hasErrors(problems)) return { problems };
  return { problems, blueprint, model: buildModel(blueprint) };
}
