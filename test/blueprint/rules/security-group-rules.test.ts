import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'security-group-rules';
/** Admin ranges 10.<i>.0.0/16: distinct, canonical, private. */
const ranges = (n: number) => Array.from({ length: n }, (_, i) => `10.${i + 1}.0.0/16`);

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('accepts exactly 60 inbound rules: 9 CIDRs × 6 Check Point management ports + GENEVE and health check from 3 AZs', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.managementCidrs = ranges(9);
    expect(problemsOf(bp, RULE)).toEqual([]);
  });

  it('refuses a 61st rule and more, with the count and what makes it up', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.managementCidrs = ranges(10);
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].fleets.cloudguard.managementCidrs',
      shows: ['"10.1.0.0/16"', 'needs 66 inbound rules', '10 CIDRs × 6 management ports', 'from 3 AZs', 'holds 60', 'prefix list'],
    });
  });

  it('counts per vendor: a generic fleet opens one management port, so 50 CIDRs fit', () => {
    const bp = reference();
    const fleet = regionOf(bp).fleets.cloudguard;
    fleet.vendor = 'generic';
    fleet.managementCidrs = ranges(54);
    expect(problemsOf(bp, RULE)).toEqual([]);
    fleet.managementCidrs = ranges(55);
    expect(theProblem(bp, RULE).message).toContain('needs 61 inbound rules');
  });
});
