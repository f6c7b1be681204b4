import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'default-internal-ranges';

function withSpokeCidr(cidr: string) {
  const bp = reference();
  regionOf(bp).spokes!['prod-app'].cidr = cidr;
  return bp;
}

describe(RULE, () => {
  it('stays quiet on the reference blueprint (every VPC inside RFC 1918)', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('warns about a shared-address-space VPC routed through the default internal ranges', () => {
    expectProblem(theProblem(withSpokeCidr('100.64.0.0/16'), RULE), {
      path: '$.regions["eu-west-2"].spokes["prod-app"].cidr',
      severity: 'warning',
      shows: ['"100.64.0.0/16"', 'the default internalCidrs of eu-west-2 list it by name', 'List your ranges in internalCidrs'],
    });
  });

  it('stays quiet once the region lists its internal ranges', () => {
    const bp = withSpokeCidr('100.64.0.0/16');
    regionOf(bp).internalCidrs = ['10.0.0.0/8', '100.64.0.0/10'];
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});
