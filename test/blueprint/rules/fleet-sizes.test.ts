import type { FleetSpec } from '../../../src/blueprint/schema';
import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'fleet-sizes';
const FLEET = '$.regions["eu-west-2"].fleets.cloudguard';

function withSizes(sizes: Partial<FleetSpec>) {
  const bp = reference();
  Object.assign(regionOf(bp).fleets.cloudguard, sizes);
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a fleet that may shrink to no appliance', () => {
    const bp = withSizes({ minSize: 0 });
    expectProblem(theProblem(bp, RULE), { path: `${FLEET}.minSize`, shows: ['= 0:', 'at least 1'] });
    expect(validateBlueprint(bp).model).toBeUndefined();
  });

  it('refuses maxSize below minSize', () => {
    expectProblem(theProblem(withSizes({ maxSize: 2 }), RULE), { path: `${FLEET}.maxSize`, shows: ['= 2:', 'below minSize (3)'] });
  });

  it('refuses desiredCapacity outside min..max', () => {
    expectProblem(theProblem(withSizes({ desiredCapacity: 9 }), RULE), { path: `${FLEET}.desiredCapacity`, shows: ['= 9:', 'minSize (3)', 'maxSize (6)'] });
    expectProblem(theProblem(withSizes({ desiredCapacity: 2 }), RULE), { path: `${FLEET}.desiredCapacity`, shows: ['= 2:'] });
  });

  it('accepts min = desired = max and a desiredCapacity inside the range', () => {
    expect(problemsOf(withSizes({ minSize: 4, maxSize: 4, desiredCapacity: 4 }), RULE)).toEqual([]);
    expect(problemsOf(withSizes({ desiredCapacity: 5 }), RULE)).toEqual([]);
  });
});
