/**
 * The wizard's questions, driven by scripted answers: their order, their
 * defaults (Enter everywhere rebuilds a `--from` blueprint exactly, and builds
 * the reference network from the example; ties between answers follow the
 * answers), and checks that refuse a bad answer at once with the rules of `validate`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import { offeredAzIds } from '../../src/blueprint/regions';
import type { Blueprint } from '../../src/blueprint/schema';
import { validateBlueprint } from '../../src/blueprint/validate';
import { attempts, CTRL_C, DEFAULT, type Script } from '../../src/wizard/scripted-prompter';
import { ask, askNew, initScripted, readJson, reference, ROOT, withAzSlots } from './helpers';

describe('all defaults', () => {
  test('Enter at every prompt writes the reference network, with its AZ slots recorded and no RAM sharing nobody asked for', async () => {
    const run = await initScripted({});
    expect(run.error).toBeUndefined();
    const expected = withAzSlots(reference(), { 'eu-west-2': 3 });
    delete expected.regions['eu-west-2'].dmzs!['prod-dmz'].shareWith;
    expect(readJson(path.join(run.dir, 'blueprint.json'))).toEqual(expected);
    expect(run.prompter.refusals).toEqual([]);
    // Every question was asked with a default, and Enter took it.
    for (const q of run.prompter.asked) expect(q.answer).toEqual(q.default);
  });

  test('asks in the order an engineer thinks: name, accounts, region and AZs, TGW, fleets, egress, DMZs, spokes, VPNs, another region, state, confirm', async () => {
    const { prompter } = await ask({});
    const order = prompter.asked.map((q) => q.id.replace(/\[\d+\]/g, '[]').replace(/\.(name|id|roleArn|account|cidr|shareWith|vendor|ami|instanceType|minSize|maxSize|managementCidrs|bootstrapSecret|customerGatewayIp|bgpAsn|staticRoutesOnly|cidrs|amazonSideAsn)$/, ''));
    const sections = order.filter((id, i) => id !== order[i - 1]);
    expect(sections).toEqual([
      'name',
      'tags',
      'accounts.count',
      'accounts[]',
      'regions[].code',
      'regions[].availabilityZones',
      'regions[].transitGateway',
      'regions[].fleets.count',
      'regions[].fleets[]',
      'regions[].egress',
      'regions[].dmzs.count',
      'regions[].dmzs[]',
      'regions[].spokes.count',
      'regions[].spokes[]',
      'regions[].inspection.eastWest',
      'regions[].vpnConnections.count',
      'regions[].vpnConnections[]',
      'regions[].another',
      'state.backend',
    ]);
  });

  test('offers the region\'s AZ IDs and says why IDs', async () => {
    const { prompter } = await ask({});
    const azs = prompter.asked.find((q) => q.id === 'regions[0].availabilityZones')!;
    expect(azs.kind).toBe('checkbox');
    expect(azs.default).toEqual(['euw2-az1', 'euw2-az2', 'euw2-az3']);
    expect(prompter.notes.some((n) => /AZ IDs .* same physical zone in every account/.test(n.text))).toBe(true);
  });

  test('pre-fills the vendor\'s defaults when the vendor changes', async () => {
    const { blueprint, prompter } = await ask({ 'regions[0].fleets[0].vendor': 'fortinet', 'regions[0].fleets[0].bootstrapBucket': 'acme-fortigate-bootstrap' });
    const fleet = blueprint.regions['eu-west-2'].fleets.cloudguard;
    expect(fleet.instanceType).toBe('c5.xlarge'); // FortiGate's default, which happens to be the reference's too
    const instanceType = prompter.asked.find((q) => q.id === 'regions[0].fleets[0].instanceType')!;
    expect(instanceType.default).toBe('c5.xlarge');
    const paloalto = await ask({ 'regions[0].fleets[0].vendor': 'paloalto' });
    expect(paloalto.blueprint.regions['eu-west-2'].fleets.cloudguard.instanceType).toBe('m5.xlarge');
    expect(paloalto.prompter.asked.some((q) => q.id === 'regions[0].fleets[0].bootstrapBucket')).toBe(true);
    expect(paloalto.prompter.notes.some((n) => n.text.includes('PA-VM-AWS'))).toBe(true);
  });
});

describe('a multi-account, multi-region answer set', () => {
  const script: Script = {
    name: 'globex',
    tags: 'Owner=netsec',
    'accounts.count': 3,
    'accounts[0].name': 'network',
    'accounts[0].id': '1111-2222-3333', // as the console shows it
    'accounts[0].roleArn': 'arn:aws:iam::111122223333:role/NetworkDeployer',
    'accounts[1].name': 'workloads',
    'accounts[1].id': '444455556666', // role: the default, the same role name in this account
    'accounts[2].name': 'partner',
    'accounts[2].id': '777788889999',
    'accounts[2].roleArn': '-',
    'regions[0].code': 'eu-west-1',
    'regions[0].availabilityZones': ['euw1-az1', 'euw1-az2'],
    'regions[0].transitGateway.amazonSideAsn': 64600,
    'regions[0].fleets[0].name': 'vmseries',
    'regions[0].fleets[0].vendor': 'paloalto',
    'regions[0].fleets[0].ami': 'ami-0fedcba9876543210',
    'regions[0].fleets[0].minSize': 2,
    'regions[0].fleets[0].maxSize': 4,
    'regions[0].fleets[0].managementCidrs': '10.100.0.0/16',
    'regions[0].fleets[0].bootstrapBucket': 'globex-vmseries-bootstrap',
    'regions[0].egress.cidr': '10.64.0.0/22',
    'regions[0].dmzs.count': 1,
    'regions[0].dmzs[0].name': 'partner-edge',
    'regions[0].dmzs[0].account': 'partner',
    'regions[0].dmzs[0].cidr': '10.64.8.0/22',
    'regions[0].dmzs[0].shareWith': [],
    'regions[0].spokes.count': 2,
    'regions[0].spokes[0].name': 'shop',
    'regions[0].spokes[0].account': 'workloads',
    'regions[0].spokes[0].cidr': '10.65.0.0/16',
    'regions[0].spokes[1].name': 'partner-api',
    'regions[0].spokes[1].account': 'partner',
    'regions[0].spokes[1].cidr': '10.66.0.0/20',
    'regions[0].vpnConnections[0].name': 'dublin-office',
    'regions[0].vpnConnections[0].customerGatewayIp': '203.0.113.44',
    'regions[0].vpnConnections[0].bgpAsn': 65044,
    'regions[0].vpnConnections[0].cidrs': '10.100.0.0/16',
    'regions[0].another': true,
    'regions[1].code': 'us-east-1',
    'regions[1].fleets[0].name': 'fortigate',
    'regions[1].fleets[0].vendor': 'fortinet',
    'regions[1].fleets[0].ami': 'ami-00112233445566778',
    'regions[1].fleets[0].bootstrapBucket': '-',
    'regions[1].spokes[0].name': 'billing',
    'regions[1].spokes[0].account': 'workloads',
    'state.backend': 's3',
    'state.bucket': 'globex-network-state',
    'state.keyPrefix': 'gwlb/globex',
  };

  test('builds the blueprint those answers describe, with valid defaults for everything not answered', async () => {
    const { blueprint, prompter } = await askNew(script);
    expect(prompter.refusals).toEqual([]);
    expect(blueprint).toEqual({
      name: 'globex',
      tags: { Owner: 'netsec' },
      accounts: {
        network: { id: '111122223333', roleArn: 'arn:aws:iam::111122223333:role/NetworkDeployer' },
        // The role named for the first account, in this account: not the example's OrganizationAccountAccessRole.
        workloads: { id: '444455556666', roleArn: 'arn:aws:iam::444455556666:role/NetworkDeployer' },
        partner: { id: '777788889999' },
      },
      regions: {
        'eu-west-1': {
          availabilityZones: ['euw1-az1', 'euw1-az2'],
          transitGateway: { account: 'network', amazonSideAsn: 64600 },
          fleets: {
            vmseries: {
              vendor: 'paloalto',
              ami: 'ami-0fedcba9876543210',
              instanceType: 'm5.xlarge',
              minSize: 2,
              maxSize: 4,
              managementCidrs: ['10.100.0.0/16'],
              bootstrapBucket: 'globex-vmseries-bootstrap',
            },
          },
          egress: { account: 'network', cidr: '10.64.0.0/22', fleet: 'vmseries' },
          dmzs: { 'partner-edge': { account: 'partner', cidr: '10.64.8.0/22', fleet: 'vmseries' } },
          spokes: {
            shop: { account: 'workloads', cidr: '10.65.0.0/16' },
            'partner-api': { account: 'partner', cidr: '10.66.0.0/20' },
          },
          inspection: { eastWest: true },
          vpnConnections: { 'dublin-office': { customerGatewayIp: '203.0.113.44', bgpAsn: 65044, cidrs: ['10.100.0.0/16'] } },
        },
        'us-east-1': {
          availabilityZones: ['use1-az1', 'use1-az2', 'use1-az4'], // the first three AZs open to new accounts (use1-az3 is closed)
          // Defaults of a region the base does not have: the first region's TGW account, a free ASN,
          // the first region's fleet as a template, free CIDRs.
          transitGateway: { account: 'network', amazonSideAsn: 64520 },
          fleets: {
            fortigate: { vendor: 'fortinet', ami: 'ami-00112233445566778', instanceType: 'c5.xlarge', minSize: 2, maxSize: 4, managementCidrs: ['10.100.0.0/16'] },
          },
          egress: { account: 'network', cidr: '10.255.0.0/20', fleet: 'fortigate' },
          spokes: { billing: { account: 'workloads', cidr: '10.10.0.0/16' } },
        },
      },
      state: { backend: 's3', bucket: 'globex-network-state', region: 'eu-west-1', keyPrefix: 'gwlb/globex' },
    });
    const checked = validateBlueprint(blueprint);
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(checked.model!.regions.map((r) => r.code)).toEqual(['eu-west-1', 'us-east-1']);
  });

  test('the second region asks for its own VPNs', async () => {
    const { blueprint, prompter } = await askNew({
      ...script,
      'regions[1].vpnConnections.count': 1,
      'regions[1].vpnConnections[0].name': 'nyc-office',
      'regions[1].vpnConnections[0].customerGatewayIp': '198.51.100.7',
    });
    expect(prompter.asked.filter((q) => q.id.endsWith('vpnConnections.count')).map((q) => q.message)).toEqual([
      'eu-west-1: how many site-to-site VPNs?',
      'us-east-1: how many site-to-site VPNs?',
    ]);
    // The default ASN skips every ASN already in use (TGWs 64600 and 64520, the Dublin office 65044).
    expect(blueprint.regions['us-east-1'].vpnConnections).toEqual({ 'nyc-office': { customerGatewayIp: '198.51.100.7', bgpAsn: 65010 } });
  });

  test('accounts are offered by name in every account question', async () => {
    const { prompter } = await askNew(script);
    const owner = prompter.asked.find((q) => q.id === 'regions[0].spokes[1].account')!;
    expect(owner.kind).toBe('select');
    expect(owner.answer).toBe('partner');
  });
});

describe('each answer is checked as it is given, with the rules of validate', () => {
  test('a CIDR that overlaps an earlier VPC is refused at once, naming that VPC; the corrected one is taken', async () => {
    const { blueprint, prompter } = await ask({ 'regions[0].spokes[1].cidr': attempts('10.10.128.0/17', '10.40.0.0/16') });
    expect(prompter.refusals).toHaveLength(1);
    const [refusal] = prompter.refusals;
    expect(refusal.id).toBe('regions[0].spokes[1].cidr');
    expect(refusal.value).toBe('10.10.128.0/17');
    expect(refusal.message).toBe('10.10.128.0/17 overlaps spoke prod-app in eu-west-2 (10.10.0.0/16)');
    expect(blueprint.regions['eu-west-2'].spokes!['partner-app'].cidr).toBe('10.40.0.0/16');
  });

  test('overlaps across regions and with office ranges are refused too', async () => {
    const { prompter } = await ask({
      'regions[0].vpnConnections[0].cidrs': '10.40.0.0/16',
      'regions[0].another': true,
      'regions[1].spokes[0].cidr': attempts('10.253.0.0/16', '10.40.0.0/20', '10.50.0.0/16'),
    });
    expect(prompter.refusals.map((r) => r.message)).toEqual([
      '10.253.0.0/16 overlaps DMZ partner-dmz in eu-west-2 (10.253.0.0/20)',
      'conflicts with the office ranges of VPN london-office in eu-west-2 (10.40.0.0/16), which overlaps spoke spoke-1 in us-east-1 (10.40.0.0/20)',
    ]);
  });

  test('a VPC too small for its tiers says the prefix it needs', async () => {
    const { prompter } = await ask({
      'regions[0].code': 'us-east-1',
      'regions[0].availabilityZones': [...offeredAzIds('us-east-1')!],
      'regions[0].egress.cidr': attempts('10.255.0.0/24', DEFAULT),
    });
    // us-east-1 offers its five AZs open to new accounts (use1-az3 is closed to them).
    expect(prompter.refusals.map((r) => r.message)).toEqual([
      "10.255.0.0/24 is too small for the egress VPC's 4 subnet tiers in 5 AZs (320 addresses); it needs at least a /23",
    ]);
  });

  test('names, account IDs, role ARNs, ASNs, AZs and sizes are refused with the reason', async () => {
    const { prompter } = await ask({
      name: attempts('Acme', DEFAULT),
      'accounts[1].name': attempts('network', 'Prod', DEFAULT),
      'accounts[1].id': attempts('12345', '111111111111', DEFAULT),
      'accounts[1].roleArn': attempts('arn:aws:iam::999999999999:role/X', DEFAULT),
      'regions[0].availabilityZones': attempts(['euw2-az1'], DEFAULT),
      'regions[0].transitGateway.amazonSideAsn': attempts(65535, DEFAULT),
      'regions[0].fleets[0].maxSize': attempts(2, DEFAULT),
      'regions[0].fleets[0].managementCidrs': attempts('0.0.0.0/0', '10.0.0.1/8', DEFAULT),
      'regions[0].vpnConnections[0].bgpAsn': attempts(64520, DEFAULT),
    });
    expect(prompter.refusals.map((r) => `${r.id}: ${r.message}`)).toEqual([
      'name: Acme is not a valid name: lowercase letters, digits and hyphens, starting with a letter, at most 31 characters',
      'accounts[1].name: there is already an account named network',
      'accounts[1].name: Prod is not a valid name: lowercase letters, digits and hyphens, starting with a letter, at most 31 characters',
      'accounts[1].id: 12345: an AWS account ID is exactly 12 digits (quote it in YAML so leading zeros survive)',
      'accounts[1].id: 111111111111 is also the ID of account network',
      "accounts[1].roleArn: arn:aws:iam::999999999999:role/X names account 999999999999, but this account's id is 222222222222",
      'regions[0].availabilityZones: [euw2-az1] lists 1 AZs; a region needs 2 to 6',
      'regions[0].transitGateway.amazonSideAsn: 65535 is not a private ASN (64512-65534 or 4200000000-4294967294)',
      'regions[0].fleets[0].maxSize: 2 is below minSize (3)',
      'regions[0].fleets[0].managementCidrs: 0.0.0.0/0 opens SSH/HTTPS management to the whole internet; list your admin ranges',
      'regions[0].fleets[0].managementCidrs: 10.0.0.1/8 has host bits set; did you mean "10.0.0.0/8"?',
      "regions[0].vpnConnections[0].bgpAsn: 64520 is the ASN of the TGW of eu-west-2; BGP would drop the office's routes as a loop",
    ]);
  });

  test('defaults stay valid when earlier answers move things: a base CIDR that now overlaps gives way to a free one', async () => {
    const { blueprint, prompter } = await ask({ 'regions[0].egress.cidr': '10.10.0.0/20', 'regions[0].spokes[0].cidr': DEFAULT });
    expect(prompter.refusals).toEqual([]);
    const spoke = prompter.asked.find((q) => q.id === 'regions[0].spokes[0].cidr')!;
    expect(spoke.default).not.toBe('10.10.0.0/16');
    expect(validateBlueprint(blueprint).model).toBeDefined();
  });

  test('in the user\'s own blueprint, renaming an account carries its references along', async () => {
    const { blueprint } = await ask({ 'accounts[0].name': 'hub', 'accounts[1].name': 'prod' });
    const region = blueprint.regions['eu-west-2'];
    expect(region.transitGateway.account).toBe('hub');
    expect(region.egress.account).toBe('hub');
    expect(region.dmzs!['prod-dmz']).toEqual({ account: 'hub', cidr: '10.254.0.0/20', fleet: 'cloudguard', shareWith: ['prod'] });
    expect(region.spokes!['prod-app'].account).toBe('prod');
  });
});

describe('--from: edit mode', () => {
  test.each(['examples/multi-region.blueprint.yaml', 'examples/single-account.blueprint.json'])('Enter everywhere reproduces %s, unasked fields included', async (file) => {
    const from = readBlueprintFile(path.join(ROOT, file)).value as Blueprint;
    const { blueprint, prompter } = await ask({}, from);
    expect(blueprint).toEqual(from);
    expect(prompter.asked[0].default).toBe(from.name);
  });

  test('fields no question covers are carried over from the entry they belong to', async () => {
    const from = reference() as Blueprint & Record<string, unknown>;
    from.interRegion = { inspection: 'once' }; // a field of a later version, at any level
    (from.regions['eu-west-2'].spokes!['prod-app'] as Record<string, unknown>).note = 'kept';
    from.accounts.partner.external = true;
    from.regions['eu-west-2'].fleets.cloudguard.crossZone = false;
    const { blueprint } = await ask({ 'regions[0].spokes[0].cidr': '10.11.0.0/16' }, from);
    expect(blueprint).toEqual({ ...from, regions: { 'eu-west-2': { ...from.regions['eu-west-2'], spokes: { ...from.regions['eu-west-2'].spokes, 'prod-app': { account: 'production', cidr: '10.11.0.0/16', note: 'kept' } } } } });
  });

  test('through init: defaults come from the file, and edits change only what was edited', async () => {
    const file = path.join(ROOT, 'examples', 'multi-region.blueprint.yaml');
    const run = await initScripted(
      {
        'regions[0].spokes.count': 3,
        'regions[0].spokes[2].name': 'analytics',
        'regions[0].spokes[2].cidr': '10.67.0.0/16',
        'regions[1].fleets[0].maxSize': 12,
      },
      { from: file },
    );
    expect(run.error).toBeUndefined();
    // Everything as in the file (the AZ slots now written down), but the edits.
    const expected = withAzSlots(readBlueprintFile(file).value as Blueprint, { 'eu-west-1': 3, 'us-east-1': 6 });
    // A spoke the file does not have is offered the previous spoke's owner.
    expected.regions['eu-west-1'].spokes!.analytics = { account: 'partner', cidr: '10.67.0.0/16' };
    expected.regions['us-east-1'].fleets.fortigate.maxSize = 12;
    expect(readJson(path.join(run.dir, 'blueprint.json'))).toEqual(expected);
    expect(run.prompter.asked.find((q) => q.id === 'name')!.default).toBe('globex');
  });
});

describe('confirming', () => {
  test('the summary with the address plan is shown before the confirmation, which defaults to yes', async () => {
    const run = await initScripted({});
    const confirm = run.prompter.asked.at(-1)!;
    expect(confirm.id).toBe('confirm');
    expect(confirm.default).toBe(true);
    const shown = run.io.stdout.join('\n');
    expect(shown).toContain('acme: 4 accounts, 1 region, state local');
    expect(shown).toMatch(/egress\s+network\s+10\.255\.0\.0\/20\s+\/28\s+\/28\s+\/24\s+\/26/);
    expect(shown).toContain('warning: fleet cloudguard in eu-west-2: no bootstrapSecret');
  });

  test('declining offers the questions again with the answers as defaults', async () => {
    const run = await initScripted({ name: attempts('globex', DEFAULT), confirm: attempts(false, true), again: true });
    expect(run.error).toBeUndefined();
    const names = run.prompter.asked.filter((q) => q.id === 'name');
    expect(names.map((q) => q.default)).toEqual(['acme', 'globex']);
    expect(readJson<Blueprint>(path.join(run.dir, 'blueprint.json')).name).toBe('globex');
  });

  test('declining twice quits without writing', async () => {
    const run = await initScripted({ confirm: false, again: false });
    expect(run.error?.message).toBe('aborted; nothing written');
  });

  test('Ctrl-C at the confirmation writes nothing', async () => {
    const run = await initScripted({ confirm: CTRL_C });
    expect(run.error?.message).toBe('aborted; nothing written');
  });
});

test('the reference blueprint file is what the wizard starts from', () => {
  // Guards the test above: deep equality with the file, not with a copy the wizard made.
  expect(JSON.parse(readFileSync(path.join(ROOT, 'templates', 'reference.blueprint.json'), 'utf8')).name).toBe('acme');
});
