import { expectProblem, pathsOf, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'internal-cidrs';

describe(RULE, () => {
  it('accepts the reference blueprint (no internalCidrs: the default applies)', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a default route as an internal range', () => {
    const bp = reference();
    regionOf(bp).internalCidrs = ['0.0.0.0/0'];
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].internalCidrs[0]', shows: ['"0.0.0.0/0"', 'internet-bound'] });
  });

  it('refuses a list that leaves VPCs out, once per VPC, naming each', () => {
    const bp = reference();
    regionOf(bp).internalCidrs = ['10.0.0.0/9']; // 10.0-10.127: misses 10.253-10.255
    const found = problemsOf(bp, RULE);
    expect(found).toHaveLength(3);
    for (const problem of found) expectProblem(problem, { path: '$.regions["eu-west-2"].internalCidrs', shows: ['["10.0.0.0/9"]', 'does not cover'] });
    const text = found.map((p) => p.message).join('\n');
    expect(text).toContain('$.regions["eu-west-2"].egress.cidr (10.255.0.0/20)');
    expect(text).toContain('$.regions["eu-west-2"].dmzs["prod-dmz"].cidr (10.254.0.0/20)');
    expect(text).toContain('$.regions["eu-west-2"].dmzs["partner-dmz"].cidr (10.253.0.0/20)');
  });

  it('accepts a list that covers every VPC', () => {
    const bp = reference();
    regionOf(bp).internalCidrs = ['10.0.0.0/9', '10.128.0.0/9', '192.168.0.0/16'];
    expect(problemsOf(bp, RULE)).toEqual([]);
  });

  it('reports the default route and the gap together', () => {
    const bp = reference();
    regionOf(bp).internalCidrs = ['10.0.0.0/9', '0.0.0.0/0'];
    // 0.0.0.0/0 covers everything, so only the default route itself is wrong
    expect(pathsOf(problemsOf(bp, RULE))).toEqual(['$.regions["eu-west-2"].internalCidrs[1]']);
  });
});
