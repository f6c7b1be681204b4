import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'management-cidrs';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses 0.0.0.0/0 anywhere in the list', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.managementCidrs = ['10.0.0.0/8', '0.0.0.0/0'];
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].fleets.cloudguard.managementCidrs[1]',
      shows: ['"0.0.0.0/0"', 'whole internet'],
    });
    expect(validateBlueprint(bp).model).toBeUndefined();
  });

  it('accepts narrow admin ranges, public ones included', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.managementCidrs = ['198.51.100.0/24', '192.168.10.0/24'];
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});
