/** The hand-off README says, per fleet, what is left to do by hand, with the names gwlb-blueprint chose. */
import { renderReadme } from '../../src/handoff/readme';
import { MULTI_REGION_FILE, modelOf, modelOfValue, REFERENCE_FILE, referenceValue, SINGLE_ACCOUNT_FILE } from './support';

/** The README section of one fleet, from its heading to the next heading. */
function fleetSection(readme: string, fleet: string): string {
  const start = readme.indexOf(`### Fleet \`${fleet}\``);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n#', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

const readmeOf = (model: ReturnType<typeof modelOf>) => renderReadme({ model, stacks: [], diagram: '' });

it('Check Point: the CME template to create on the named management server, with the SIC key parameter and the tag CME matches', () => {
  const bp = referenceValue() as any;
  bp.regions['eu-west-2'].fleets.cloudguard.management = { cme: { server: 'acme-smart-1', template: 'acme-gwlb-egress' } };
  const text = fleetSection(readmeOf(modelOfValue(bp)), 'cloudguard');
  expect(text).toContain('**CME on `acme-smart-1`**');
  expect(text).toContain('configuration template `acme-gwlb-egress`');
  expect(text).toContain('the secret the blueprint does not name yet');
  expect(text).toContain('`x-chkp-tags=management=acme-smart-1:template=acme-gwlb-egress:ip-address=private`');
  expect(text).toContain('accepts and logs all traffic');
  expect(text).toContain('`acme-eu-west-2-cloudguard-unhealthy-appliances-az1`');
  expect(text).toContain('notify nobody');
});

it('Check Point without CME (the canonical reference) says the gateways stay on the initial policy', () => {
  expect(fleetSection(readmeOf(modelOf(REFERENCE_FILE)), 'cloudguard')).toContain('keep Check Point\'s initial policy');
});

it('Palo Alto: the init-cfg.txt to complete with the auth key and upload, the auth codes, and what the Panorama template stack must hold', () => {
  const text = fleetSection(readmeOf(modelOf(MULTI_REGION_FILE)), 'vmseries');
  expect(text).toContain('upload `bootstrap/vmseries.init-cfg.txt` from the `globex-eu-west-1-egress` stack folder as `config/init-cfg.txt` after adding the line `auth-key=');
  expect(text).toContain('`s3://globex-vmseries-bootstrap/license/authcodes`');
  expect(text).toContain('template stack `globex-gwlb-stack`');
  expect(text).toContain('device group `globex-gwlb`');
  expect(text).toContain('MTU 9001');
  expect(text).toContain('namespace `VMseries`');
  expect(text).toContain('`arn:aws:sns:eu-west-1:111122223333:globex-network-alarms`');
});

it('FortiGate: the license object to upload, that one license serves one VM, and the FortiManager to authorize on', () => {
  const text = fleetSection(readmeOf(modelOf(MULTI_REGION_FILE)), 'fortigate');
  expect(text).toContain('`s3://globex-fortigate-bootstrap/license/fortigate-flex.lic`');
  expect(text).toContain('LICENSE-TOKEN');
  expect(text).toContain('serves one VM');
  expect(text).toContain('`gwlb-blueprint/fortigate/fortigate.conf`');
  expect(text).toContain('**FortiManager `10.100.0.20`**');
});

it('generic: a lab appliance that inspects nothing', () => {
  expect(fleetSection(readmeOf(modelOf(SINGLE_ACCOUNT_FILE)), 'hairpin')).toContain('inspects nothing');
});
