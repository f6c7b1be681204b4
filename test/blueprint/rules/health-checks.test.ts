import type { HealthCheckSpec } from '../../../src/blueprint/schema';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'health-checks';
const PATH = '$.regions["eu-west-2"].fleets.cloudguard.healthCheck.path';

function withCheck(healthCheck: HealthCheckSpec) {
  const bp = reference();
  regionOf(bp).fleets.cloudguard.healthCheck = healthCheck;
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint (no health check: the vendor default)', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a path on a TCP check', () => {
    expectProblem(theProblem(withCheck({ protocol: 'TCP', port: 8117, path: '/status' }), RULE), { path: PATH, shows: ['"/status"', 'TCP health check has no path'] });
  });

  it('refuses an HTTP path without a leading slash', () => {
    expectProblem(theProblem(withCheck({ protocol: 'HTTP', port: 80, path: 'healthz' }), RULE), { path: PATH, shows: ['"healthz"', 'must start with "/"'] });
  });

  it('refuses a path over 1024 characters', () => {
    const long = `/${'a'.repeat(1024)}`;
    expectProblem(theProblem(withCheck({ protocol: 'HTTPS', port: 443, path: long }), RULE), { path: PATH, shows: [long.slice(0, 40)] });
  });

  it('accepts an HTTP path and a TCP check without one', () => {
    expect(problemsOf(withCheck({ protocol: 'HTTPS', port: 443, path: '/healthz' }), RULE)).toEqual([]);
    expect(problemsOf(withCheck({ protocol: 'TCP', port: 8117 }), RULE)).toEqual([]);
  });
});
