import { expectProblem, problemsOf, reference, theProblem } from '../../helpers/blueprints';

const RULE = 'post-deploy-checks';

describe(RULE, () => {
  it('accepts an account inside the Organization', () => {
    const bp = reference();
    bp.postDeployChecks = { account: 'network' };
    expect(problemsOf(bp, RULE)).toEqual([]);
  });

  it('refuses an account outside the Organization: it cannot analyse paths across accounts', () => {
    const bp = reference();
    bp.accounts.partner.external = true;
    bp.postDeployChecks = { account: 'partner' };
    expectProblem(theProblem(bp, RULE), { path: '$.postDeployChecks.account', shows: ['"partner"', 'outside the Organization', 'delegated administrator'] });
  });

  it('the account must be an account of the blueprint', () => {
    const bp = reference();
    bp.postDeployChecks = { account: 'audit' };
    expectProblem(theProblem(bp, 'account-references'), { path: '$.postDeployChecks.account', shows: ['"audit"'] });
  });
});
