import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'docker-bridge-range';

function withSpokeCidr(cidr: string) {
  const bp = reference();
  regionOf(bp).spokes!['prod-app'].cidr = cidr;
  return bp;
}

describe(RULE, () => {
  it('is quiet about the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('warns about a VPC in or around 172.17.0.0/16, and still builds the model', () => {
    expectProblem(theProblem(withSpokeCidr('172.17.0.0/16'), RULE), { path: '$.regions["eu-west-2"].spokes["prod-app"].cidr', severity: 'warning', shows: ['"172.17.0.0/16"', 'AWS advises against it'] });
    expect(problemsOf(withSpokeCidr('172.17.128.0/20'), RULE)).toHaveLength(1);
    expect(problemsOf(withSpokeCidr('172.18.0.0/16'), RULE)).toEqual([]);
    expect(validateBlueprint(withSpokeCidr('172.17.0.0/16')).model).toBeDefined();
  });
});
