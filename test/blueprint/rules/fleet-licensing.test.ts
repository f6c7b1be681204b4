import type { FleetSpec } from '../../../src/blueprint/schema';
import { expectProblem, problemsOf, reference, regionOf, theProblem } from '../../helpers/blueprints';

const RULE = 'fleet-licensing';
const FLEET = '$.regions["eu-west-2"].fleets.cloudguard';

function withFleet(changes: Partial<FleetSpec>) {
  const bp = reference();
  Object.assign(regionOf(bp).fleets.cloudguard, { bootstrapSecret: undefined, management: undefined }, changes);
  return bp;
}

describe(RULE, () => {
  it('accepts the reference (PAYG by default) and Check Point BYOL (licensed by the management server)', () => {
    expect(problemsOf(reference(), RULE)).toEqual([]);
    expect(problemsOf(withFleet({ licensing: { model: 'byol' } }), RULE)).toEqual([]);
  });

  it('refuses a model the vendor does not offer', () => {
    expectProblem(theProblem(withFleet({ licensing: { model: 'fortiflex' } }), RULE), { path: `${FLEET}.licensing.model`, shows: ['"fortiflex"', 'not offered for checkpoint'] });
    expectProblem(theProblem(withFleet({ vendor: 'generic', licensing: { model: 'byol' } }), RULE), { path: `${FLEET}.licensing.model`, shows: ['payg'] });
  });

  it('refuses Palo Alto or FortiGate BYOL without the bucket the license is read from', () => {
    expectProblem(theProblem(withFleet({ vendor: 'paloalto', licensing: { model: 'byol' } }), RULE), { path: `${FLEET}.licensing.model`, shows: ['bootstrapBucket', 'license/authcodes'] });
    expectProblem(theProblem(withFleet({ vendor: 'fortinet', maxSize: 1, minSize: 1, licensing: { model: 'fortiflex' } }), RULE), { path: `${FLEET}.licensing.model`, shows: ['license/cloudguard.lic'] });
    expect(problemsOf(withFleet({ vendor: 'paloalto', bootstrapBucket: 'acme-vmseries', licensing: { model: 'byol' } }), RULE)).toEqual([]);
  });

  it('refuses a license object outside FortiGate BYOL, or an unusable key', () => {
    expectProblem(theProblem(withFleet({ licensing: { model: 'payg', object: 'license.lic' } }), RULE), { path: `${FLEET}.licensing.object`, shows: ['only a FortiGate'] });
    const forti = (object: string) => withFleet({ vendor: 'fortinet', minSize: 1, maxSize: 1, bootstrapBucket: 'acme-forti', licensing: { model: 'byol', object } });
    expectProblem(theProblem(forti('/license.lic'), RULE), { path: `${FLEET}.licensing.object`, shows: ['leading "/"'] });
    expect(problemsOf(forti('license/fgt.lic'), RULE)).toEqual([]);
  });

  it('warns that one FortiGate license object cannot license a fleet of several', () => {
    const bp = withFleet({ vendor: 'fortinet', bootstrapBucket: 'acme-forti', licensing: { model: 'byol' } });
    expectProblem(theProblem(bp, RULE), { path: `${FLEET}.licensing.model`, severity: 'warning', shows: ['one VM', 'up to 6'] });
  });
});
