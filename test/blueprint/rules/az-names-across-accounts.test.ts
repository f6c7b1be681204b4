import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'az-names-across-accounts';
const NAMES = ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'];

describe(RULE, () => {
  it('stays quiet on the reference blueprint (AZ IDs)', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('warns about AZ names when the region\'s VPCs span several accounts, and still builds the model', () => {
    const bp = reference();
    regionOf(bp).availabilityZones = NAMES;
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].availabilityZones',
      severity: 'warning',
      shows: ['["eu-west-2a","eu-west-2b","eu-west-2c"]', '4 accounts', 'Use AZ IDs'],
    });
    const result = validateBlueprint(bp);
    expect(result.model).toBeDefined();
    expect(result.model!.regions[0].azs.map((az) => az.kind)).toEqual(['name', 'name', 'name']);
  });

  it('stays quiet about AZ names when every VPC is in one account', () => {
    const bp = reference();
    const region = regionOf(bp);
    region.availabilityZones = NAMES;
    for (const vpc of [region.egress, ...Object.values(region.dmzs!), ...Object.values(region.spokes!)]) vpc.account = 'network';
    delete region.dmzs!['prod-dmz'].shareWith;
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});
