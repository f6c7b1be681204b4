/**
 * The one entry to validation: shape first (types, required and unknown fields),
 * then every semantic rule, then the model. Problems are collected, never thrown,
 * so the user sees all of them at once.
 */
import { buildModel, type NetworkModel } from './model';
import { hasErrors, type Problem } from './problems';
import { RULES } from './rules';
import { blueprintSchema, lenientBlueprintSchema, type Blueprint } from './schema';
import { protoKeys, restoreProtoKeys } from './proto-keys';
import { shapeProblems } from './shape-problems';

export interface ValidationResult {
  /** Errors and warnings: shape problems first, then rule problems in rule order. */
  readonly problems: readonly Problem[];
  /** Present only when there is no error. */
  readonly blueprint?: Blueprint;
  readonly model?: NetworkModel;
}

export function validateBlueprint(value: unknown): ValidationResult {
  const shape = blueprintSchema.safeParse(value, { reportInput: true });
  const proto = protoKeys(blueprintSchema, value);
  if (shape.success && proto.problems.length === 0) {
    restoreProtoKeys(shape.data, proto.kept);
    const problems = RULES.flatMap((rule) => rule.check(shape.data));
    if (hasErrors(problems)) return { problems };
    return { problems, blueprint: shape.data, model: buildModel(shape.data) };
  }
  const problems = [...(shape.success ? [] : shapeProblems(blueprintSchema, shape.error.issues)), ...proto.problems];
  if (shape.success) return { problems };
  // A typo'd field name should not hide an overlapping CIDR until the next run: when the
  // only shape problems are unknown fields, the rules still run on the rest.
  if (proto.problems.length === 0 && shape.error.issues.every((issue) => issue.code === 'unrecognized_keys')) {
    const lenient = lenientBlueprintSchema.safeParse(value);
    if (lenient.success) return { problems: [...problems, ...RULES.flatMap((rule) => rule.check(lenient.data))] };
  }
  return { problems };
}
