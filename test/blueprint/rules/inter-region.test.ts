import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem, withSecondRegion } from '../../helpers/blueprints';

const RULE = 'inter-region';

/** Two regions whose offices list their prefixes (what peerings need). */
function twoRegions() {
  const bp = withSecondRegion(reference());
  regionOf(bp).vpnConnections!['london-office'].cidrs = ['192.168.10.0/24'];
  regionOf(bp, 'us-east-1').vpnConnections!['nyc-office'].cidrs = ['192.168.20.0/24'];
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint and a two-region blueprint whose offices list their prefixes', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
    expect(ruleById(RULE).check(twoRegions())).toEqual([]);
  });

  it('refuses a peering with a region the blueprint does not have', () => {
    const bp = twoRegions();
    bp.interRegion = { peerings: [['eu-west-2', 'ap-south-1']] };
    expectProblem(theProblem(bp, RULE), { path: '$.interRegion.peerings[0][1]', shows: ['"ap-south-1"', 'is not a region of this blueprint (known: eu-west-2, us-east-1)'] });
  });

  it('refuses a region peered with itself, and a pair listed twice', () => {
    const bp = twoRegions();
    bp.interRegion = { peerings: [['eu-west-2', 'eu-west-2'], ['eu-west-2', 'us-east-1'], ['us-east-1', 'eu-west-2']] };
    const problems = problemsOf(bp, RULE);
    expectProblem(problems[0], { path: '$.interRegion.peerings[0]', shows: ['["eu-west-2","eu-west-2"]', 'peers a region with itself'] });
    expectProblem(problems[1], { path: '$.interRegion.peerings[2]', shows: ['["us-east-1","eu-west-2"]', 'is listed twice'] });
  });

  it('refuses a peering that is not a pair', () => {
    const bp = twoRegions();
    bp.interRegion = { peerings: [['eu-west-2']] };
    expectProblem(theProblem(bp, RULE), { path: '$.interRegion.peerings[0]', shows: ['["eu-west-2"]', 'a peering names exactly two regions'] });
  });

  it('warns that an office without prefixes cannot be reached from other regions', () => {
    const bp = withSecondRegion(reference());
    regionOf(bp).vpnConnections!['london-office'].cidrs = ['192.168.10.0/24'];
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["us-east-1"].vpnConnections["nyc-office"].cidrs',
      severity: 'warning',
      shows: ['(missing)', 'other regions cannot route to nyc-office'],
    });
  });

  it('refuses an office prefix another region would send through NAT', () => {
    const bp = twoRegions();
    regionOf(bp).internalCidrs = ['10.0.0.0/8', '192.168.0.0/16', '100.64.0.0/16'];
    regionOf(bp).vpnConnections!['london-office'].cidrs = ['100.64.0.0/16'];
    regionOf(bp, 'us-east-1').internalCidrs = ['10.0.0.0/8', '192.168.0.0/16'];
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].vpnConnections["london-office"].cidrs[0]',
      shows: ['"100.64.0.0/16"', 'is not inside $.regions["us-east-1"].internalCidrs: us-east-1 would send replies to it through NAT'],
    });
  });

  it('warns that interRegion has no effect with one region', () => {
    const bp = reference();
    bp.interRegion = { inspection: 'once' };
    expectProblem(theProblem(bp, RULE), { path: '$.interRegion', severity: 'warning', shows: ['{"inspection":"once"}', 'has no effect'] });
  });
});
