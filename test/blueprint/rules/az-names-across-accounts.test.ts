import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'az-names-across-accounts';
const NAMES = ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'];

describe(RULE, () => {
  it('stays quiet on the reference blueprint (AZ IDs)', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses AZ names when the region\'s VPCs span several accounts: an endpoint could land where its GWLB is not', () => {
    const bp = reference();
    regionOf(bp).availabilityZones = NAMES;
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].availabilityZones',
      shows: ['["eu-west-2a","eu-west-2b","eu-west-2c"]', '4 accounts', 'network, nonpublic, partner, production', 'AZ IDs'],
    });
    expect(validateBlueprint(bp).model).toBeUndefined();
  });

  it('refuses AZ names when only the TGW is in another account than the VPCs', () => {
    const bp = reference();
    const region = regionOf(bp);
    region.availabilityZones = NAMES;
    for (const vpc of [region.egress, ...Object.values(region.dmzs!), ...Object.values(region.spokes!)]) vpc.account = 'production';
    delete region.dmzs!['prod-dmz'].shareWith;
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].availabilityZones', shows: ['2 accounts', 'network, production'] });
  });

  it('accepts AZ names when the TGW and every VPC are in one account', () => {
    const bp = reference();
    const region = regionOf(bp);
    region.availabilityZones = NAMES;
    for (const vpc of [region.egress, ...Object.values(region.dmzs!), ...Object.values(region.spokes!)]) vpc.account = 'network';
    delete region.dmzs!['prod-dmz'].shareWith;
    expect(problemsOf(bp, RULE)).toEqual([]);
    expect(validateBlueprint(bp).model!.regions[0].azs.map((az) => az.kind)).toEqual(['name', 'name', 'name']);
  });
});
