import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'non-private-cidrs';

function withSpokeCidr(cidr: string) {
  const bp = reference();
  regionOf(bp).spokes!['prod-app'].cidr = cidr;
  return bp;
}

describe(RULE, () => {
  it('stays quiet on the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('warns about a public VPC CIDR and still builds the model, routing it back to the TGW', () => {
    const bp = withSpokeCidr('8.8.0.0/16');
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].spokes["prod-app"].cidr', severity: 'warning', shows: ['"8.8.0.0/16"', 'RFC 1918'] });
    const { model } = validateBlueprint(bp);
    expect(model).toBeDefined();
    // BLUEPRINT.md: the default internalCidrs add every VPC CIDR outside the RFC 1918 supernets
    expect(model!.regions[0].internalCidrs).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '8.8.0.0/16']);
  });

  it('warns just outside 172.16.0.0/12', () => {
    expectProblem(theProblem(withSpokeCidr('172.32.0.0/16'), RULE), { path: '$.regions["eu-west-2"].spokes["prod-app"].cidr', severity: 'warning', shows: ['"172.32.0.0/16"'] });
  });

  it('stays quiet inside RFC 1918 and 100.64.0.0/10', () => {
    for (const cidr of ['172.31.0.0/16', '192.168.0.0/16', '100.64.0.0/16', '100.127.0.0/16']) expect(problemsOf(withSpokeCidr(cidr), RULE)).toEqual([]);
  });
});
