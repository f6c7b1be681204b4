import { expectProblem, problemsOf, reference, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'role-arns';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a role ARN of another account, naming both IDs', () => {
    const bp = reference();
    bp.accounts.network.roleArn = 'arn:aws:iam::999999999999:role/Admin';
    expectProblem(theProblem(bp, RULE), {
      path: '$.accounts.network.roleArn',
      shows: ['"arn:aws:iam::999999999999:role/Admin"', '999999999999', '111111111111'],
    });
  });

  it('refuses an ARN that is not an IAM role', () => {
    const bp = reference();
    bp.accounts.partner.roleArn = 'arn:aws:iam::333333333333:user/bob';
    expectProblem(theProblem(bp, RULE), { path: '$.accounts.partner.roleArn', shows: ['"arn:aws:iam::333333333333:user/bob"', 'IAM role ARN'] });
  });

  it('accepts no roleArn, a role path and another partition', () => {
    const bp = reference();
    delete bp.accounts.network.roleArn;
    bp.accounts.production.roleArn = 'arn:aws:iam::222222222222:role/network/Deployer';
    bp.accounts.partner.roleArn = 'arn:aws-us-gov:iam::333333333333:role/Admin';
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});
