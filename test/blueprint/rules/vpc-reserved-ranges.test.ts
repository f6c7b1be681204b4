import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'vpc-reserved-ranges';

function withSpokeCidr(cidr: string) {
  const bp = reference();
  regionOf(bp).spokes!['prod-app'].cidr = cidr;
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it.each([
    ['0.1.0.0/16', '0.0.0.0/8'],
    ['127.0.0.0/16', '127.0.0.0/8'],
    ['169.254.0.0/16', '169.254.0.0/16'],
    ['224.0.0.0/16', '224.0.0.0/4'],
    ['239.255.0.0/16', '224.0.0.0/4'],
    ['240.0.0.0/16', '240.0.0.0/4'],
    ['255.255.255.0/24', '240.0.0.0/4'],
  ])('refuses a VPC in %s (%s), with its path', (cidr, range) => {
    expectProblem(theProblem(withSpokeCidr(cidr), RULE), { path: '$.regions["eu-west-2"].spokes["prod-app"].cidr', shows: [`"${cidr}"`, `lies in ${range}`, 'AWS cannot give'] });
  });

  it('accepts the shared address space and public ranges, which AWS permits', () => {
    for (const cidr of ['100.64.0.0/16', '198.19.0.0/16', '203.0.114.0/24', '223.255.0.0/16']) expect(problemsOf(withSpokeCidr(cidr), RULE)).toEqual([]);
  });
});
