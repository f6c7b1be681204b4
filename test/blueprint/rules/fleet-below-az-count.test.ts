import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'fleet-below-az-count';

describe(RULE, () => {
  it('stays quiet on the reference blueprint (minSize 3, 3 AZs)', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('warns when minSize is below the AZ count, and still builds the model', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.minSize = 2;
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].fleets.cloudguard.minSize', severity: 'warning', shows: ['= 2:', '3 AZs'] });
    expect(validateBlueprint(bp).model?.regions[0].fleets[0].minSize).toBe(2);
  });

  it('stays quiet when the fleet covers every AZ', () => {
    const bp = reference();
    regionOf(bp).availabilityZones = ['euw2-az1', 'euw2-az2'];
    regionOf(bp).fleets.cloudguard.minSize = 2;
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});
