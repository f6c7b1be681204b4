import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'unused-fleets';

describe(RULE, () => {
  it('stays quiet on the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('warns about a fleet nothing uses, and still builds the model', () => {
    const bp = reference();
    const region = regionOf(bp);
    region.fleets.spare = { ...region.fleets.cloudguard };
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].fleets.spare', severity: 'warning', shows: ['"spare"', 'used by no egress VPC or DMZ'] });
    expect(validateBlueprint(bp).model?.regions[0].fleets.map((f) => f.name)).toEqual(['cloudguard', 'spare']);
  });

  it('counts a fleet used by a DMZ only as used', () => {
    const bp = reference();
    const region = regionOf(bp);
    region.fleets.palo = { ...region.fleets.cloudguard, vendor: 'paloalto' };
    region.dmzs!['partner-dmz'].fleet = 'palo';
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});
