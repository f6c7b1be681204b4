import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, theProblem, withFleet } from '../../helpers/blueprints';

const RULE = 'fleet-scaling';
const FLEET = '$.regions["eu-west-2"].fleets.cloudguard';

describe(RULE, () => {
  it('accepts the vendor default and a CPU target in range', () => {
    expect(problemsOf(reference(), RULE)).toEqual([]);
    expect(problemsOf(withFleet({ scaling: { targetValue: 65 } }), RULE)).toEqual([]);
  });

  it('refuses a CPU target outside 0-100 and a session target of zero', () => {
    expectProblem(theProblem(withFleet({ scaling: { targetValue: 150 } }), RULE), { path: `${FLEET}.scaling.targetValue`, shows: ['= 150:', 'percentage'] });
    const palo = withFleet({ vendor: 'paloalto', management: undefined, bootstrapSecret: undefined, scaling: { targetValue: 0 } });
    expectProblem(theProblem(palo, RULE), { path: `${FLEET}.scaling.targetValue`, shows: ['session target'] });
  });

  it('refuses the session metric on a vendor that publishes none, and a namespace without it', () => {
    expectProblem(theProblem(withFleet({ scaling: { metric: 'sessions' } }), RULE), { path: `${FLEET}.scaling.metric`, shows: ['"sessions"', 'track cpu'] });
    expectProblem(theProblem(withFleet({ scaling: { namespace: 'Mine' } }), RULE), { path: `${FLEET}.scaling.namespace`, shows: ['only the sessions metric'] });
    const palo = withFleet({ vendor: 'paloalto', management: undefined, bootstrapSecret: undefined, scaling: { namespace: 'AWS/EC2' } });
    expectProblem(theProblem(palo, RULE), { path: `${FLEET}.scaling.namespace`, shows: ['AWS/'] });
  });

  it('models the vendor defaults: Check Point CPU 70, Palo Alto panSessionActive 75 in VMseries', () => {
    expect(validateBlueprint(reference()).model!.regions[0].fleets[0].scaling).toEqual({ metric: 'cpu', targetValue: 70, namespace: 'CloudGuard' });
    const palo = withFleet({ vendor: 'paloalto', management: undefined, bootstrapSecret: undefined });
    expect(validateBlueprint(palo).model!.regions[0].fleets[0].scaling).toEqual({ metric: 'sessions', targetValue: 75, namespace: 'VMseries' });
  });
});
