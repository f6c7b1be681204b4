import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'vpc-cidr-size';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a VPC smaller than /24', () => {
    const bp = reference();
    regionOf(bp).egress.cidr = '10.255.0.0/25';
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].egress.cidr', shows: ['"10.255.0.0/25"', '/16 to /24', 'not /25'] });
  });

  it('refuses a VPC larger than /16', () => {
    const bp = reference();
    regionOf(bp).spokes!['internal-app'].cidr = '10.30.0.0/15';
    // 10.30.0.0/15 is canonical (30 is even) and overlaps nothing else in the reference
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].spokes["internal-app"].cidr', shows: ['"10.30.0.0/15"', 'not /15'] });
  });

  it('accepts /16 and /24 exactly', () => {
    const bp = reference();
    regionOf(bp).spokes!['prod-app'].cidr = '10.10.0.0/24';
    regionOf(bp).dmzs!['prod-dmz'].cidr = '10.254.0.0/16';
    regionOf(bp).egress.cidr = '10.250.0.0/16';
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});
