import { expectProblem, problemsOf, reference, theProblem, withFleet } from '../../helpers/blueprints';

const RULE = 'fleet-initial-policy';
const FLEET = '$.regions["eu-west-2"].fleets.cloudguard';

describe(RULE, () => {
  it('accepts pass-and-log (the default) and deny-until-managed with a management plane', () => {
    expect(problemsOf(reference(), RULE)).toEqual([]);
    expect(problemsOf(withFleet({ initialPolicy: 'deny-until-managed', management: { cme: { server: 'acme-smart-1', template: 'acme-gwlb-egress' } } }), RULE)).toEqual([]);
  });

  it('refuses deny-until-managed without the management plane that would lift it', () => {
    expectProblem(theProblem(withFleet({ management: undefined, initialPolicy: 'deny-until-managed' }), RULE), {
      path: `${FLEET}.initialPolicy`,
      shows: ['"deny-until-managed"', 'management.cme', 'drop every'],
    });
  });

  it('refuses deny for the generic appliance, which has no policy', () => {
    expectProblem(theProblem(withFleet({ vendor: 'generic', management: undefined, initialPolicy: 'deny-until-managed' }), RULE), { path: `${FLEET}.initialPolicy`, shows: ['only pass-and-log'] });
  });
});
