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

describe(`${RULE}: names AWS refuses at the start`, () => {
  it.each([
    ['internal', 'internal-', 'load balancer name'],
    ['sg', 'sg-', 'security group name'],
    ['sg-net', 'sg-', 'security group name'],
  ])('refuses the network name %s: every %s… name would start with its prefix', (name, prefix, what) => {
    const bp = reference();
    bp.name = name;
    expectProblem(theProblem(bp, RULE), { path: '$.name', shows: [`"${name}"`, `begin with "${prefix}"`, what] });
  });

  it('accepts names that only contain the prefixes', () => {
    for (const name of ['internalnet', 'sgnet', 'my-internal', 'asg-net']) {
      const bp = reference();
      bp.name = name;
      expect(ruleById(RULE).check(bp)).toEqual([]);
    }
  });
});
