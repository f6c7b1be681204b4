import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'account-ids';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses an ID that is not 12 digits', () => {
    const bp = reference();
    bp.accounts.network.id = '12345';
    expectProblem(theProblem(bp, RULE), { path: '$.accounts.network.id', shows: ['"12345"', '12 digits'] });
    expect(validateBlueprint(bp).model).toBeUndefined();
  });

  it('refuses 12 characters that are not all digits', () => {
    const bp = reference();
    bp.accounts.partner.id = '33333333333a';
    expectProblem(theProblem(bp, RULE), { path: '$.accounts.partner.id', shows: ['"33333333333a"'] });
  });

  it('refuses an ID that two accounts share, naming the first owner', () => {
    const bp = reference();
    bp.accounts.partner.id = '222222222222';
    delete bp.accounts.partner.roleArn;
    expectProblem(theProblem(bp, RULE), { path: '$.accounts.partner.id', shows: ['"222222222222"', '$.accounts.production'] });
  });

  it('keeps leading zeros as part of a valid ID', () => {
    const bp = reference();
    bp.accounts.nonpublic.id = '012345678901';
    delete bp.accounts.nonpublic.roleArn;
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});
