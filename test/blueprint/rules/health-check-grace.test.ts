import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, theProblem, withFleet } from '../../helpers/blueprints';

const RULE = 'health-check-grace';
const FLEET = '$.regions["eu-west-2"].fleets.cloudguard';

describe(RULE, () => {
  it('accepts the default and a longer grace', () => {
    expect(problemsOf(reference(), RULE)).toEqual([]);
    expect(problemsOf(withFleet({ healthCheckGracePeriod: 5400 }), RULE)).toEqual([]);
    expect(validateBlueprint(withFleet({ healthCheckGracePeriod: 5400 })).model!.regions[0].fleets[0].healthCheckGracePeriod).toBe(5400);
  });

  it('refuses a negative grace or one over two hours', () => {
    expectProblem(theProblem(withFleet({ healthCheckGracePeriod: -1 }), RULE), { path: `${FLEET}.healthCheckGracePeriod`, shows: ['= -1:', '0 and 7200'] });
    expectProblem(theProblem(withFleet({ healthCheckGracePeriod: 7201 }), RULE), { path: `${FLEET}.healthCheckGracePeriod`, shows: ['= 7201:'] });
  });

  it('warns when the grace is shorter than the vendor takes to boot', () => {
    expectProblem(theProblem(withFleet({ healthCheckGracePeriod: 600 }), RULE), { path: `${FLEET}.healthCheckGracePeriod`, severity: 'warning', shows: ['= 600:', '3600 s', 'Check Point'] });
  });
});
