/**
 * Checking one answer with the same rules as `validate`: the answer is put into
 * the blueprint as built so far, the whole draft goes through validateBlueprint,
 * and the errors that concern that field are turned into one short message. No
 * rule is re-implemented here, so the wizard can never accept what `validate`
 * refuses (or the other way round).
 */
import { formatPath, type JsonPath, type Problem } from '../blueprint/problems';
import type { Blueprint } from '../blueprint/schema';
import { validateBlueprint } from '../blueprint/validate';

export interface FieldSpec {
  /** The JSON path of the field being asked. */
  readonly path: JsonPath;
  /**
   * Only problems at exactly this path count (for a name, which is a key: problems
   * inside the named object belong to later questions). Default: the path and
   * everything under it.
   */
  readonly exact?: boolean;
}

/**
 * The errors that the value at `field` causes in `draft`: those reported at the
 * field (or under it), and those reported elsewhere that name it (a VPN range
 * that overlaps the spoke being asked is reported at the VPN, naming the spoke).
 */
export function fieldErrors(draft: Blueprint, field: FieldSpec): Problem[] {
  const mention = formatPath(field.path);
  return validateBlueprint(draft).problems.filter((p) => {
    if (p.severity !== 'error') return false;
    if (field.exact ? samePath(p.path, field.path) : startsWith(p.path, field.path)) return true;
    return mentions(p.message, mention, field.exact ?? false);
  });
}

/** The message a prompt shows for these errors (the first two; one is the usual case). */
export function refusal(problems: readonly Problem[], field: FieldSpec): string {
  const lines = problems.slice(0, 2).map((p) => describe(p, field));
  if (problems.length > 2) lines.push(`(and ${problems.length - 2} more)`);
  return lines.join('; ');
}

function describe(problem: Problem, field: FieldSpec): string {
  const message = humanizePaths(problem.message);
  const atField = field.exact ? samePath(problem.path, field.path) : startsWith(problem.path, field.path);
  if (atField) {
    const value = valueText(problem.value);
    return value === undefined ? message : `${value}${joiner(message)}${message}`;
  }
  // Reported at another field (that names this one): say which.
  return `conflicts with ${describePath(problem.path)} (${valueText(problem.value) ?? '?'}), which ${message}`;
}

function valueText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return JSON.stringify(value);
}

/**
 * A warning as a sentence about the thing it concerns: `spoke x in eu-west-2:
 * 100.64.0.0/16 is outside RFC 1918, …` (a message phrased to follow the value
 * gets the value; one that stands alone, such as `no bootstrapSecret: …`, not).
 */
export function describeWarning(problem: Problem): string {
  // A warning at a field of a fleet, VPC or VPN names that thing; the field itself adds nothing.
  const owner = problem.path.length > 4 && problem.path[0] === 'regions' ? problem.path.slice(0, 4) : problem.path;
  const message = humanizePaths(problem.message);
  const value = valueText(problem.value);
  const said = value !== undefined && joiner(message) === ' ' ? `${value} ${message}` : message;
  return `warning: ${describePath(owner)}: ${said}`;
}

/** Messages are phrased to follow the value ("overlaps …", "is not …"); others get a colon. */
function joiner(message: string): string {
  return /^(is|has|are|overlaps|names|lists|mixes|must|does|would|opens|applies|may|expected)\b/.test(message) ? ' ' : ': ';
}

function mentions(message: string, path: string, exact: boolean): boolean {
  for (let at = message.indexOf(path); at >= 0; at = message.indexOf(path, at + 1)) {
    // `$.accounts.net` must not match inside `$.accounts.network`; an exact field not inside `$.accounts.net.id` either.
    const next = message.charAt(at + path.length);
    if (!(exact ? /[A-Za-z0-9_$.[-]/ : /[A-Za-z0-9_$-]/).test(next)) return true;
  }
  return false;
}

function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  return path.length >= prefix.length && prefix.every((s, i) => path[i] === s);
}

const PATH_IN_TEXT = /\$((?:\.[A-Za-z_$][A-Za-z0-9_$]*|\["(?:[^"\\]|\\.)*"\]|\[\d+\])+)/g;
const SEGMENT = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]/g;

/** `overlaps $.regions["eu-west-2"].spokes["prod-app"].cidr (…)` → `overlaps spoke prod-app in eu-west-2 (…)` */
export function humanizePaths(message: string): string {
  return message.replace(PATH_IN_TEXT, (_all, tail: string) => {
    const path: (string | number)[] = [];
    for (const m of tail.matchAll(SEGMENT)) path.push(m[1] ?? (m[2] !== undefined ? JSON.parse(`"${m[2]}"`) : Number(m[3])));
    return describePath(path);
  });
}

/** A JSON path as a person would say it. */
export function describePath(path: JsonPath): string {
  const [top, a, b, c, d] = path;
  if (top === 'accounts' && typeof a === 'string') return `account ${a}`;
  if (top === 'regions' && typeof a === 'string') {
    if (b === undefined) return `region ${a}`;
    if (b === 'egress') return `the egress VPC of ${a}`;
    if (b === 'dmzs' && typeof c === 'string') return `DMZ ${c} in ${a}`;
    if (b === 'spokes' && typeof c === 'string') return `spoke ${c} in ${a}`;
    if (b === 'vpnConnections' && typeof c === 'string') return d === 'cidrs' ? `the office ranges of VPN ${c} in ${a}` : `VPN ${c} in ${a}`;
    if (b === 'transitGateway') return `the TGW of ${a}`;
    if (b === 'fleets' && typeof c === 'string') return `fleet ${c} in ${a}`;
    if (b === 'internalCidrs') return `the internal ranges of ${a}`;
    if (b === 'availabilityZones') return `the AZs of ${a}`;
  }
  return formatPath(path);
}
