import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, theProblem, withFleet } from '../../helpers/blueprints';

const RULE = 'listener-idle-timeout';
const FLEET = '$.regions["eu-west-2"].fleets.cloudguard';

describe(RULE, () => {
  it('accepts the default and the ends of the GWLB range', () => {
    expect(problemsOf(reference(), RULE)).toEqual([]);
    expect(problemsOf(withFleet({ listenerIdleTimeout: 60 }), RULE)).toEqual([]);
    expect(problemsOf(withFleet({ listenerIdleTimeout: 6000 }), RULE)).toEqual([]);
  });

  it('refuses values outside 60-6000', () => {
    expectProblem(theProblem(withFleet({ listenerIdleTimeout: 59 }), RULE), { path: `${FLEET}.listenerIdleTimeout`, shows: ['= 59:', '60 and 6000'] });
    expectProblem(theProblem(withFleet({ listenerIdleTimeout: 7200 }), RULE), { path: `${FLEET}.listenerIdleTimeout`, shows: ['= 7200:'] });
  });

  it('defaults to the vendor\'s session timeout (Check Point 3600), not the GWLB\'s 350', () => {
    expect(validateBlueprint(reference()).model!.regions[0].fleets[0].listenerIdleTimeout).toBe(3600);
  });
});
