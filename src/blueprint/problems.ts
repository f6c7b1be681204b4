/**
 * A problem found in a blueprint, and how it is shown: always with the JSON path
 * and the offending value, and with the file position when the source is known.
 */
export type JsonPath = readonly (string | number)[];

export type Severity = 'error' | 'warning';

export interface Problem {
  readonly severity: Severity;
  /** The rule that found it (`vpc-cidr-overlap`, `schema`, ...). */
  readonly rule: string;
  readonly path: JsonPath;
  readonly value: unknown;
  /** What is wrong, phrased to follow the value: `overlaps $.regions... (10.0.0.0/16)`. */
  readonly message: string;
}

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export function error(rule: string, path: JsonPath, value: unknown, message: string): Problem {
  return { severity: 'error', rule, path, value, message };
}

export function warning(rule: string, path: JsonPath, value: unknown, message: string): Problem {
  return { severity: 'warning', rule, path, value, message };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["regions","eu-west-2","egress","cidr"]` → `$.regions["eu-west-2"].egress.cidr` */
export function formatPath(path: JsonPath): string {
  let text = '$';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

const MAX_VALUE_TEXT = 80;

/** The bad value as the user wrote it, shortened when it is a large object. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}

export function formatProblem(problem: Problem, file?: string, position?: SourcePosition): string {
  const where = file ? `${file}${position ? `:${position.line}:${position.column}` : ''}: ` : '';
  return `${where}${problem.severity} ${formatPath(problem.path)} = ${formatValue(problem.value)}: ${problem.message} [${problem.rule}]`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
