/**
 * The defaults of a new network (the embedded reference is only the example it
 * starts from): whatever ties one answer to another follows the answers given,
 * not the example's positions; and internalCidrs is asked where leaving it to
 * the default would make the default name a VPC.
 */
import * as path from 'node:path';
import type { Blueprint } from '../../src/blueprint/schema';
import { validateBlueprint } from '../../src/blueprint/validate';
import type { Script, ScriptedPrompter } from '../../src/wizard/scripted-prompter';
import { ask, askNew, initScripted, readJson } from './helpers';

describe('a new network: defaults follow the answers, not the positions of the example', () => {
  const renamed: Script = {
    'accounts[0].name': 'hub',
    'accounts[0].roleArn': 'arn:aws:iam::111111111111:role/NetworkAdmin',
    'accounts[1].name': 'shop',
    'accounts[2].name': 'bank',
    'accounts[3].name': 'labs',
  };
  const defaultOf = (prompter: ScriptedPrompter, id: string) => prompter.asked.find((q) => q.id === id)!.default;

  test('every other account is offered the role name typed for the first one, in its own account', async () => {
    const { prompter, blueprint } = await askNew(renamed);
    expect(defaultOf(prompter, 'accounts[1].roleArn')).toBe('arn:aws:iam::222222222222:role/NetworkAdmin');
    expect(defaultOf(prompter, 'accounts[3].roleArn')).toBe('arn:aws:iam::444444444444:role/NetworkAdmin');
    expect(Object.values(blueprint.accounts).map((a) => a.roleArn?.split('/')[1])).toEqual(['NetworkAdmin', 'NetworkAdmin', 'NetworkAdmin', 'NetworkAdmin']);
  });

  test('after the accounts are renamed, a DMZ offers RAM sharing with nobody ticked', async () => {
    const { prompter, blueprint } = await askNew(renamed);
    const share = prompter.asked.find((q) => q.id === 'regions[0].dmzs[0].shareWith')!;
    expect(share.answer).toEqual([]);
    expect(blueprint.regions['eu-west-2'].dmzs!['prod-dmz'].shareWith).toBeUndefined();
  });

  test("a DMZ or spoke is offered the previous one's owner, the first one the TGW's account", async () => {
    const { prompter, blueprint } = await askNew({ ...renamed, 'regions[0].spokes[0].account': 'bank', 'regions[0].dmzs[0].account': 'labs' });
    expect(defaultOf(prompter, 'regions[0].dmzs[0].account')).toBe('hub');
    expect(defaultOf(prompter, 'regions[0].dmzs[1].account')).toBe('labs');
    expect(defaultOf(prompter, 'regions[0].spokes[0].account')).toBe('hub');
    expect(defaultOf(prompter, 'regions[0].spokes[1].account')).toBe('bank');
    expect(defaultOf(prompter, 'regions[0].spokes[2].account')).toBe('bank');
    expect(Object.values(blueprint.regions['eu-west-2'].spokes!).map((v) => v.account)).toEqual(['bank', 'bank', 'bank']);
  });

  test("an account kept under the example's name keeps the example's VPCs", async () => {
    const { prompter } = await askNew({ 'accounts[0].name': 'hub' });
    // production, partner and nonpublic were kept: their spokes default to them; the renamed network's do not.
    expect(defaultOf(prompter, 'regions[0].transitGateway.account')).toBe('hub');
    expect(defaultOf(prompter, 'regions[0].dmzs[1].account')).toBe('partner');
    expect(['regions[0].spokes[0].account', 'regions[0].spokes[1].account', 'regions[0].spokes[2].account'].map((id) => defaultOf(prompter, id))).toEqual(['production', 'partner', 'nonpublic']);
  });

  test('with the user\'s own blueprint, its roles and its sharing are the defaults, renames followed', async () => {
    const { prompter, blueprint } = await ask(renamed);
    expect(defaultOf(prompter, 'accounts[1].roleArn')).toBe('arn:aws:iam::222222222222:role/OrganizationAccountAccessRole');
    expect(blueprint.regions['eu-west-2'].dmzs!['prod-dmz'].shareWith).toEqual(['shop']);
  });
});

describe('internal ranges, where a VPC outside RFC 1918 makes the default name it', () => {
  test('are asked once the regions are answered, with RFC 1918 and shared address space as the default', async () => {
    const { blueprint, prompter } = await askNew({ 'regions[0].spokes[2].cidr': '100.64.0.0/16' });
    const q = prompter.asked.find((a) => a.id === 'internalCidrs.eu-west-2')!;
    expect(q.default).toBe('10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10');
    expect(prompter.asked.map((a) => a.id).indexOf('internalCidrs.eu-west-2')).toBe(prompter.asked.map((a) => a.id).indexOf('state.backend') - 1);
    expect(prompter.notes.some((n) => n.text.startsWith('spoke internal-app in eu-west-2 (100.64.0.0/16) is outside RFC 1918.'))).toBe(true);
    expect(blueprint.regions['eu-west-2'].internalCidrs).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']);
    // With them listed, validate no longer warns.
    expect(validateBlueprint(blueprint).problems.filter((p) => p.rule === 'default-internal-ranges')).toEqual([]);
  });

  test('are not asked when every VPC is inside RFC 1918', async () => {
    const { prompter } = await askNew({});
    expect(prompter.asked.some((a) => a.id.startsWith('internalCidrs'))).toBe(false);
  });

  test('"-" keeps the default, and the summary then words the warning as a sentence about the VPC', async () => {
    const run = await initScripted({ 'regions[0].spokes[2].cidr': '100.64.0.0/16', 'internalCidrs.eu-west-2': '-' });
    expect(run.error).toBeUndefined();
    expect(readJson<Blueprint>(path.join(run.dir, 'blueprint.json')).regions['eu-west-2'].internalCidrs).toBeUndefined();
    expect(run.io.stdout.join('\n')).toContain(
      'warning: spoke internal-app in eu-west-2: 100.64.0.0/16 is outside RFC 1918, so the default internal ranges of eu-west-2 name it VPC by VPC, and adding or removing such a VPC changes the routes of every egress and DMZ stack there. Set internalCidrs in eu-west-2 to private ranges that cover it (100.64.0.0/10, with RFC 1918) to keep those stacks unchanged.',
    );
  });
});
