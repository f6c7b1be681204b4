import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, theProblem, withFleet } from '../../helpers/blueprints';

const RULE = 'fleet-management';
const FLEET = '$.regions["eu-west-2"].fleets.cloudguard';

const panorama = { servers: ['10.0.0.10'], templateStack: 'stack', deviceGroup: 'dg' };

describe(RULE, () => {
  const cme = { cme: { server: 'acme-smart-1', template: 'acme-gwlb-egress' } };

  it('accepts a Check Point fleet with CME', () => {
    expect(problemsOf(withFleet({ management: cme }), RULE)).toEqual([]);
  });

  it('warns that a Check Point fleet without CME (the canonical reference) keeps the initial policy', () => {
    expectProblem(theProblem(reference(), RULE), { path: `${FLEET}.vendor`, shows: ['"checkpoint"', 'no management.cme', 'initial policy'], severity: 'warning' });
  });

  it('refuses another vendor\'s management plane', () => {
    expectProblem(theProblem(withFleet({ management: { panorama } }), RULE), { path: `${FLEET}.management.panorama`, shows: ['"panorama"', 'management.cme'] });
    expectProblem(theProblem(withFleet({ vendor: 'generic', bootstrapSecret: undefined, management: { cme: { server: 'a', template: 'b' } } }), RULE), {
      path: `${FLEET}.management.cme`,
      shows: ['no management plane'],
    });
  });

  it('refuses CME names that would break the x-chkp-tags value, and templates over 30 characters', () => {
    expectProblem(theProblem(withFleet({ management: { cme: { server: 'smart:1', template: 'tpl' } } }), RULE), { path: `${FLEET}.management.cme.server`, shows: ['"smart:1"', 'x-chkp-tags'] });
    expectProblem(theProblem(withFleet({ management: { cme: { server: 'smart', template: 't'.repeat(31) } } }), RULE), { path: `${FLEET}.management.cme.template`, shows: ['30 characters'] });
  });

  it('Panorama: one or two servers without separators, names init-cfg can carry, and a bootstrap bucket for the auth key', () => {
    const palo = (p: object, bucket?: string) => withFleet({ vendor: 'paloalto', bootstrapSecret: undefined, bootstrapBucket: bucket, management: { panorama: { ...panorama, ...p } } });
    expect(problemsOf(palo({}, 'acme-vmseries'), RULE)).toEqual([]);
    expectProblem(theProblem(palo({}), RULE), { path: `${FLEET}.management.panorama`, shows: ['bootstrapBucket', 'auth key'] });
    expectProblem(theProblem(palo({ servers: ['a', 'b', 'c'] }, 'acme-vmseries'), RULE), { path: `${FLEET}.management.panorama.servers`, shows: ['one or two'] });
    expectProblem(theProblem(palo({ servers: ['10.0.0.1;dgname=x'] }, 'acme-vmseries'), RULE), { path: `${FLEET}.management.panorama.servers[0]`, shows: ['"10.0.0.1;dgname=x"'] });
    expectProblem(theProblem(palo({ deviceGroup: 'a;b' }, 'acme-vmseries'), RULE), { path: `${FLEET}.management.panorama.deviceGroup`, shows: ['";"'] });
  });

  it('FortiManager: an address and a serial number FortiOS can quote', () => {
    const forti = (m: object) => withFleet({ vendor: 'fortinet', bootstrapSecret: undefined, management: { fortiManager: { address: '10.0.0.20', ...m } } });
    expect(problemsOf(forti({ serialNumber: 'FMGVM0000001' }), RULE)).toEqual([]);
    expectProblem(theProblem(forti({ address: '10.0.0.20" set x' }), RULE), { path: `${FLEET}.management.fortiManager.address`, shows: ['IP address or DNS name'] });
    expectProblem(theProblem(forti({ serialNumber: 'fmg 1' }), RULE), { path: `${FLEET}.management.fortiManager.serialNumber`, shows: ['serial number'] });
  });

  it('warns (and still builds) when a Check Point or Palo Alto fleet names no management plane', () => {
    const bp = withFleet({ management: undefined });
    expectProblem(theProblem(bp, RULE), { path: `${FLEET}.vendor`, severity: 'warning', shows: ['CME tags', 'initial policy'] });
    expect(validateBlueprint(bp).model).toBeDefined();
    expect(problemsOf(withFleet({ vendor: 'fortinet', bootstrapSecret: undefined, management: undefined }), RULE)).toEqual([]);
  });
});
