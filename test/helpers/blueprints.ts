/** Shared by the blueprint tests: fresh copies of the reference blueprint and ways to look at problems. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatPath, formatProblem, type Problem } from '../../src/blueprint/problems';
import { RULES, type Rule } from '../../src/blueprint/rules';
import type { Blueprint, FleetSpec, RegionSpec } from '../../src/blueprint/schema';
import { validateBlueprint } from '../../src/blueprint/validate';

export const ROOT = path.resolve(__dirname, '..', '..');
export const REFERENCE_FILE = path.join(ROOT, 'templates', 'reference.blueprint.json');
export const REFERENCE_TEXT = readFileSync(REFERENCE_FILE, 'utf8');

/** The region of the reference blueprint. */
export const REGION = 'eu-west-2';

/** A deep copy of templates/reference.blueprint.json, free to mutate. */
export function reference(): Blueprint {
  return JSON.parse(REFERENCE_TEXT) as Blueprint;
}

export function regionOf(bp: Blueprint, code = REGION): RegionSpec {
  return bp.regions[code];
}

/** The reference blueprint with its Check Point fleet changed (the fleet rules' tests). */
export function withFleet(changes: Partial<FleetSpec>): Blueprint {
  const bp = reference();
  Object.assign(regionOf(bp).fleets.cloudguard, changes);
  return bp;
}

/**
 * Adds `us-east-1`, a copy of the reference region moved to 10.100-10.199 and
 * its own ASN, so that cross-region checks have something to compare.
 */
export function withSecondRegion(bp: Blueprint): Blueprint {
  const second = JSON.parse(JSON.stringify(bp.regions[REGION])) as RegionSpec;
  second.availabilityZones = ['use1-az1', 'use1-az2', 'use1-az4'];
  second.transitGateway.amazonSideAsn = 64530;
  second.egress.cidr = '10.199.0.0/20';
  second.dmzs = { 'us-dmz': { account: 'network', cidr: '10.198.0.0/20', fleet: 'cloudguard' } };
  second.spokes = { 'us-app': { account: 'production', cidr: '10.110.0.0/16' } };
  second.vpnConnections = { 'nyc-office': { customerGatewayIp: '198.51.100.7', bgpAsn: 65020 } };
  bp.regions['us-east-1'] = second;
  return bp;
}

/** Every problem of `rule` that validateBlueprint finds in `value`. */
export function problemsOf(value: unknown, rule: string): Problem[] {
  return validateBlueprint(value).problems.filter((p) => p.rule === rule);
}

/** The one problem of `rule` in `value`; fails the test when there is none or several. */
export function theProblem(value: unknown, rule: string): Problem {
  const found = problemsOf(value, rule);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${rule} problem, got ${found.length}:\n${found.map((p) => formatProblem(p)).join('\n')}`);
  }
  return found[0];
}

export interface Expected {
  readonly path: string;
  /** Text that must appear in the formatted problem: the bad value as written, at least. */
  readonly shows: readonly string[];
  readonly severity?: 'error' | 'warning';
}

/** Checks a problem's path (as formatPath prints it), severity and what its formatted message shows. */
export function expectProblem(problem: Problem, expected: Expected): void {
  expect(formatPath(problem.path)).toBe(expected.path);
  expect(problem.severity).toBe(expected.severity ?? 'error');
  const text = formatProblem(problem);
  expect(text.startsWith(`${expected.severity ?? 'error'} ${expected.path} = `)).toBe(true);
  for (const part of expected.shows) expect(text).toContain(part);
}

/** The paths (formatted) of some problems, for order-insensitive comparisons. */
export function pathsOf(problems: readonly Problem[]): string[] {
  return problems.map((p) => formatPath(p.path)).sort();
}

/** The rule with this id, from the list validateBlueprint runs. */
export function ruleById(id: string): Rule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id} in RULES`);
  return rule;
}
