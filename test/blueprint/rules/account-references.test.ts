import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, pathsOf, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'account-references';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a TGW owner that is not an account, listing the known ones', () => {
    const bp = reference();
    regionOf(bp).transitGateway.account = 'netwrk';
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].transitGateway.account',
      shows: ['"netwrk"', 'network, production, partner, nonpublic'],
    });
    expect(validateBlueprint(bp).model).toBeUndefined();
  });

  it('refuses an unknown shareWith account at its index', () => {
    const bp = reference();
    regionOf(bp).dmzs!['prod-dmz'].shareWith = ['production', 'prodution'];
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].dmzs["prod-dmz"].shareWith[1]', shows: ['"prodution"'] });
  });

  it('reports every unknown VPC owner, not only the first', () => {
    const bp = reference();
    delete (bp.accounts as Record<string, unknown>).partner;
    expect(pathsOf(problemsOf(bp, RULE))).toEqual([
      '$.regions["eu-west-2"].dmzs["partner-dmz"].account',
      '$.regions["eu-west-2"].spokes["partner-app"].account',
    ]);
  });
});
