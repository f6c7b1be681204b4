import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'credentials';

describe(RULE, () => {
  it('accepts the reference blueprint (every account has a role)', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('accepts one account without a role: the caller\'s own', () => {
    const bp = reference();
    delete bp.accounts.network.roleArn;
    expect(problemsOf(bp, RULE)).toEqual([]);
  });

  it('refuses a second account without a role, naming a two-account stack whose providers would share credentials', () => {
    const bp = reference();
    delete bp.accounts.network.roleArn;
    delete bp.accounts.production.roleArn;
    // spoke prod-app lives in production and is accepted from network, the TGW account
    expectProblem(theProblem(bp, RULE), {
      path: '$.accounts.production',
      shows: ['"222222222222"', 'neither has $.accounts.network', '$.regions["eu-west-2"].spokes["prod-app"]', 'allowed_account_ids'],
    });
  });

  it('refuses every account past the first that has no role', () => {
    const bp = reference();
    for (const account of Object.values(bp.accounts)) delete account.roleArn;
    expect(problemsOf(bp, RULE).map((p) => p.path.join('.')).sort()).toEqual(['accounts.nonpublic', 'accounts.partner', 'accounts.production']);
  });

  it('refuses two roleless accounts even when no stack acts in both (one set of credentials runs the deployment)', () => {
    const bp = reference();
    const region = regionOf(bp);
    // partner and nonpublic own nothing that shares a stack with each other
    delete bp.accounts.partner.roleArn;
    delete bp.accounts.nonpublic.roleArn;
    const problem = theProblem(bp, RULE);
    expectProblem(problem, { path: '$.accounts.nonpublic', shows: ['neither has $.accounts.partner'] });
    expect(problem.message).not.toContain('allowed_account_ids');
    expect(region.transitGateway.account).toBe('network');
  });

  it('needs no role for a log-archive account that only receives the central flow logs, and does once it hosts a VPC', () => {
    const bp = reference();
    delete bp.accounts.network.roleArn;
    bp.accounts.archive = { id: '999999999999' };
    bp.centralFlowLogs = { account: 'archive', bucket: 'acme-flow-logs' };
    expect(problemsOf(bp, RULE)).toEqual([]);
    regionOf(bp).spokes!['archive-app'] = { account: 'archive', cidr: '10.50.0.0/16' };
    expect(problemsOf(bp, RULE).map((p) => p.path.join('.'))).toEqual(['accounts.archive']);
  });
});
