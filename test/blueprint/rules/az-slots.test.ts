import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'az-slots';

describe(RULE, () => {
  it('accepts the reference blueprint, which leaves azSlots to the region (3 in eu-west-2)', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
    expect(validateBlueprint(reference()).model!.regions[0].azSlots).toBe(3);
  });

  it('takes slots beyond the AZs the region has (room for AZs to come), up to six', () => {
    const bp = reference();
    regionOf(bp).azSlots = 6;
    expect(problemsOf(bp, RULE)).toEqual([]);
    expect(validateBlueprint(bp).model!.regions[0].azSlots).toBe(6);
  });

  it('refuses fewer slots than AZs in use', () => {
    const bp = reference();
    regionOf(bp).azSlots = 2;
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].azSlots', shows: ['= 2', 'no room for the 3 AZs'] });
  });

  it('refuses more than six slots', () => {
    const bp = reference();
    regionOf(bp).azSlots = 7;
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].azSlots', shows: ['= 7', 'must be 3 to 6'] });
  });
});
