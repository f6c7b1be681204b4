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
      shows: ['"100.64.0.0/16"', 'is outside RFC 1918, so the default internal ranges of eu-west-2 name it VPC by VPC', 'Set internalCidrs in eu-west-2 to private ranges that cover it (100.64.0.0/10, with RFC 1918) to keep those stacks unchanged.'],
    });
  });

  it('suggests a covering range of its own for a VPC outside shared address space too, and names every defaulted region', () => {
    const bp = withSpokeCidr('203.0.113.0/24');
    bp.regions['us-east-1'] = { ...structuredClone(regionOf(bp)), availabilityZones: ['use1-az1', 'use1-az2'], transitGateway: { account: 'network', amazonSideAsn: 64530 }, dmzs: undefined, spokes: undefined, vpnConnections: undefined, egress: { account: 'network', cidr: '10.200.0.0/20', fleet: 'cloudguard' } };
    const [problem] = problemsOf(bp, RULE);
    expect(problem.message).toContain('the default internal ranges of eu-west-2 and us-east-1');
    expect(problem.message).toContain('cover it (its CIDR or a supernet, with RFC 1918)');
  });

  it('stays quiet once the region lists its internal ranges', () => {
    const bp = withSpokeCidr('100.64.0.0/16');
    regionOf(bp).internalCidrs = ['10.0.0.0/8', '100.64.0.0/10'];
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});
