import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'security-group-rules';
/** Admin ranges 10.<i>.0.0/16: distinct, canonical, private. */
const ranges = (n: number) => Array.from({ length: n }, (_, i) => `10.${i + 1}.0.0/16`);

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('accepts exactly 60 inbound rules in the management group: 10 CIDRs × 6 Check Point management ports', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.managementCidrs = ranges(10);
    expect(problemsOf(bp, RULE)).toEqual([]);
  });

  it('refuses a 61st rule and more, with the count and what makes it up', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.managementCidrs = ranges(11);
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].fleets.cloudguard.managementCidrs',
      shows: ['"10.1.0.0/16"', 'needs 66 inbound rules', 'management security group', '11 CIDRs × 6 management ports', 'holds 60', 'prefix list'],
    });
  });

  it('counts per vendor: a generic fleet opens one management port, so 60 CIDRs fit', () => {
    const bp = reference();
    const fleet = regionOf(bp).fleets.cloudguard;
    fleet.vendor = 'generic';
    fleet.managementCidrs = ranges(60);
    expect(problemsOf(bp, RULE)).toEqual([]);
    fleet.managementCidrs = ranges(61);
    expect(theProblem(bp, RULE).message).toContain('needs 61 inbound rules');
  });

  it('counts FortiManager\'s FGFM port (TCP 541) on a FortiGate fleet that names one', () => {
    const bp = reference();
    const fleet = regionOf(bp).fleets.cloudguard as any;
    // 21 CIDRs × SSH and HTTPS = 42 rules; with FGFM, 21 × 3 = 63.
    Object.assign(fleet, { vendor: 'fortinet', bootstrapSecret: undefined, managementCidrs: ranges(21) });
    expect(problemsOf(bp, RULE)).toEqual([]);
    fleet.management = { fortiManager: { address: '10.0.0.5' } };
    expect(theProblem(bp, RULE).message).toContain('needs 63 inbound rules');
    expect(theProblem(bp, RULE).message).toContain('22/443/541');
  });
});
