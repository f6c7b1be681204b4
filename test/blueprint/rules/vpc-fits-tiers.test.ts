import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'vpc-fits-tiers';
const azs = (n: number) => Array.from({ length: n }, (_, i) => `euw2-az${i + 1}`);

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses an egress /24 across 6 AZs and says it needs a /23', () => {
    // 6 AZs x 4 tiers x /28 (16 addresses) = 384 addresses > 256
    const bp = reference();
    regionOf(bp).availabilityZones = azs(6);
    regionOf(bp).egress.cidr = '10.255.0.0/24';
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].egress.cidr',
      shows: ['"10.255.0.0/24"', '6 AZs', 'at least a /23'],
    });
    expect(validateBlueprint(bp).model).toBeUndefined();
  });

  it('refuses a DMZ /24 across 4 AZs (its public tier is at least a /27)', () => {
    // per AZ: gwlbe 16 + public 32 + app 16 + tgw 16 = 80; x4 = 320 > 256
    const bp = reference();
    regionOf(bp).availabilityZones = azs(4);
    regionOf(bp).dmzs!['prod-dmz'].cidr = '10.254.0.0/24';
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].dmzs["prod-dmz"].cidr', shows: ['"10.254.0.0/24"', '/23'] });
  });

  it('accepts the same DMZ /24 across 3 AZs (240 addresses)', () => {
    const bp = reference();
    regionOf(bp).dmzs!['prod-dmz'].cidr = '10.254.0.0/24';
    expect(problemsOf(bp, RULE)).toEqual([]);
  });

  it('leaves a VPC outside /16-/24 to vpc-cidr-size', () => {
    const bp = reference();
    regionOf(bp).egress.cidr = '10.255.0.0/26';
    expect(problemsOf(bp, RULE)).toEqual([]);
    expect(problemsOf(bp, 'vpc-cidr-size')).toHaveLength(1);
  });
});
