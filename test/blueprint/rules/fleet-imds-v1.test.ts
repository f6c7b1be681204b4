import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, theProblem, withFleet } from '../../helpers/blueprints';

const RULE = 'fleet-imds-v1';
const FLEET = '$.regions["eu-west-2"].fleets.cloudguard';

describe(RULE, () => {
  it('says nothing when IMDSv2 stays required', () => {
    expect(problemsOf(reference(), RULE)).toEqual([]);
  });

  it('refuses an opt-out without a reason, or one too long for a tag', () => {
    expectProblem(theProblem(withFleet({ allowImdsV1: '  ' }), RULE), { path: `${FLEET}.allowImdsV1`, shows: ['must say why'] });
    expectProblem(theProblem(withFleet({ allowImdsV1: 'x'.repeat(257) }), RULE), { path: `${FLEET}.allowImdsV1`, shows: ['1-256'] });
  });

  it('warns about every opt-out, naming the EC2.8 exception and, for Palo Alto, the plugin that ends it', () => {
    const bp = withFleet({ vendor: 'paloalto', management: undefined, bootstrapSecret: undefined, allowImdsV1: 'VM-Series plugin 2.1.4' });
    expectProblem(theProblem(bp, RULE), { path: `${FLEET}.allowImdsV1`, severity: 'warning', shows: ['"VM-Series plugin 2.1.4"', 'EC2.8', 'plugin 3.0.0'] });
    expect(validateBlueprint(bp).model?.regions[0].fleets[0].imdsV1Exception).toBe('VM-Series plugin 2.1.4');
  });
});
