import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';
import { validateBlueprint } from '../../../src/blueprint/validate';

const RULE = 'cidr-lists-unique';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a management CIDR listed twice, at the repeat (it would write one security group rule twice)', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.managementCidrs = ['10.0.0.0/8', '192.168.0.0/16', '10.0.0.0/8'];
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].fleets.cloudguard.managementCidrs[2]', shows: ['"10.0.0.0/8"', 'repeats managementCidrs[0]'] });
    expect(validateBlueprint(bp).model).toBeUndefined();
  });

  it('refuses an internal range listed twice (it would write one route twice)', () => {
    const bp = reference();
    regionOf(bp).internalCidrs = ['10.0.0.0/8', '10.0.0.0/8'];
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].internalCidrs[1]', shows: ['"10.0.0.0/8"', 'repeats internalCidrs[0]'] });
  });

  it('accepts different CIDRs, even nested ones', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.managementCidrs = ['10.0.0.0/8', '10.1.0.0/16'];
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});
