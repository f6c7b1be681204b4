import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'fleet-images';
const FLEET = '$.regions["eu-west-2"].fleets.cloudguard';

function withImage(ami: string, instanceType = 'c5.xlarge') {
  const bp = reference();
  Object.assign(regionOf(bp).fleets.cloudguard, { ami, instanceType });
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it.each(['ami-123', 'ami-0A1B2C3D', 'ami-0a1b2c3d4e5f6789', 'ami-0a1b2c3g', '0a1b2c3d'])('refuses the AMI ID %s', (ami) => {
    expectProblem(theProblem(withImage(ami), RULE), { path: `${FLEET}.ami`, shows: [`"${ami}"`, 'not an AMI ID'] });
  });

  it.each(['c5xlarge', 'C5.xlarge', 'xlarge', 'c5.', 'c5.xlarge '])('refuses the instance type %j', (instanceType) => {
    expectProblem(theProblem(withImage('ami-12345678', instanceType), RULE), {
      path: `${FLEET}.instanceType`,
      shows: [JSON.stringify(instanceType), 'not an EC2 instance type'],
    });
  });

  it('accepts 8 and 17 hex digit AMIs and real instance type shapes', () => {
    for (const instanceType of ['c6in.2xlarge', 'm7g.metal-48xl', 'u-6tb1.metal', 'c5n.18xlarge']) {
      expect(problemsOf(withImage('ami-12345678', instanceType), RULE)).toEqual([]);
    }
    expect(problemsOf(withImage('ami-0123456789abcdef0'), RULE)).toEqual([]);
  });

  it('reports a bad AMI and a bad instance type together', () => {
    expect(problemsOf(withImage('ami-x', 'big'), RULE).map((p) => p.value)).toEqual(['ami-x', 'big']);
  });
});
