import { expectProblem, reference, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'network-name';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a network name that would start every GWLB name with "internal-"', () => {
    const bp = reference();
    bp.name = 'internal-net';
    expectProblem(theProblem(bp, RULE), { path: '$.name', shows: ['"internal-net"', 'load balancer name'] });
  });
});
