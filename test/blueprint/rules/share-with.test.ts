import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'share-with';
const SHARE = '$.regions["eu-west-2"].dmzs["prod-dmz"].shareWith';

function sharingWith(accounts: string[]) {
  const bp = reference();
  regionOf(bp).dmzs!['prod-dmz'].shareWith = accounts;
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses sharing a DMZ with its own account', () => {
    expectProblem(theProblem(sharingWith(['production', 'network']), RULE), { path: `${SHARE}[1]`, shows: ['"network"', 'own account'] });
  });

  it('refuses an account listed twice, at the second place', () => {
    expectProblem(theProblem(sharingWith(['production', 'partner', 'production']), RULE), { path: `${SHARE}[2]`, shows: ['"production"', 'twice'] });
  });

  it('accepts several distinct other accounts', () => {
    expect(problemsOf(sharingWith(['production', 'partner', 'nonpublic']), RULE)).toEqual([]);
  });
});
