import { expectProblem, pathsOf, problemsOf, reference, regionOf, ruleById, theProblem, withSecondRegion } from '../../helpers/blueprints';

const RULE = 'fleet-references';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a DMZ that names no fleet of its region', () => {
    const bp = reference();
    regionOf(bp).dmzs!['partner-dmz'].fleet = 'palo';
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].dmzs["partner-dmz"].fleet',
      shows: ['"palo"', 'not a fleet of eu-west-2', 'cloudguard'],
    });
  });

  it('does not let a region use the fleet of another region', () => {
    const bp = withSecondRegion(reference());
    const east = regionOf(bp, 'us-east-1');
    east.fleets = { fortigate: { ...east.fleets.cloudguard, vendor: 'fortinet' } };
    east.dmzs!['us-dmz'].fleet = 'fortigate';
    // egress still names cloudguard, which only eu-west-2 has
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["us-east-1"].egress.fleet',
      shows: ['"cloudguard"', 'not a fleet of us-east-1', '(known: fortigate)'],
    });
  });

  it('reports the egress VPC and every DMZ when the fleet is renamed', () => {
    const bp = reference();
    const region = regionOf(bp);
    region.fleets = { checkpoint: region.fleets.cloudguard };
    expect(pathsOf(problemsOf(bp, RULE))).toEqual([
      '$.regions["eu-west-2"].dmzs["partner-dmz"].fleet',
      '$.regions["eu-west-2"].dmzs["prod-dmz"].fleet',
      '$.regions["eu-west-2"].egress.fleet',
    ]);
  });
});
