/** A region's VPCs: the egress VPC, the DMZs and the spokes (owner, CIDR, inspecting fleet, sharing). */
import type { Blueprint, DmzSpec, SpokeSpec } from '../../blueprint/schema';
import type { FieldSpec } from '../field-check';
import { askOwner, renamedAccount } from './accounts';
import { keptEmpty, PENDING, unasked } from './draft';
import { askInspectingFleet, type FleetNames } from './fleets';
import { keepOrder } from './parse';
import { LIMITS, type RegionContext, type Session } from './session';

export async function askEgress(s: Session, r: RegionContext, tgwAccount: string, fleetNames: FleetNames): Promise<void> {
  const { code, base } = r;
  const id = (field: string) => r.id(`egress.${field}`);
  const region = s.draft.regions[code];
  s.prompter.note(`Egress VPC of ${code}: internet egress through NAT, and the inspection of all TGW traffic`, 'heading');
  const account = await askOwner(s, id('account'), 'egress: owner account (it also owns the fleets)', [renamedAccount(s, base?.egress.account), tgwAccount]);
  const fleet = await askInspectingFleet(s, id('fleet'), 'egress: fleet that inspects it', code, base?.egress.fleet, fleetNames);
  region.egress = { account, cidr: PENDING, fleet };
  region.egress.cidr = await s.vpcCidr(id('cidr'), 'egress: VPC CIDR (/16 to /24)', ['regions', code, 'egress', 'cidr'], 'egress', base?.egress.cidr);
  Object.assign(region.egress, unasked(base?.egress, ['account', 'cidr', 'fleet']));
}

export async function askDmzs(s: Session, r: RegionContext, tgwAccount: string, fleetNames: FleetNames): Promise<void> {
  const { code, base } = r;
  const region = s.draft.regions[code];
  const baseDmzs = Object.entries(base?.dmzs ?? {});
  s.prompter.note(`DMZs in ${code}: internet-facing VPCs (ALBs, reverse proxies), inspected at their internet gateway`, 'heading');
  const count = await s.countEntries(r, 'dmzs', `${code}: how many DMZs?`, baseDmzs.length, LIMITS.dmzs);
  for (let k = 0; k < count; k++) {
    const did = (field: string) => r.id(`dmzs[${k}].${field}`);
    const [baseName, baseDmz] = baseDmzs[k] ?? [undefined, undefined];
    // Failing the base's owner, the previous DMZ's (read before this one's name enters the draft).
    const previous = Object.values(region.dmzs ?? {}).at(-1)?.account;
    const name = await s.entryName({
      id: did('name'),
      message: `DMZ ${k + 1} of ${count}: name`,
      suggested: baseName ?? `dmz-${k + 1}`,
      parent: ['regions', code, 'dmzs'],
      duplicate: (v) => `there is already a DMZ named ${v} in ${code}`,
      set: (d, v) => void (d.regions[code].dmzs![v] = { account: tgwAccount, cidr: PENDING, fleet: region.egress.fleet }),
    });
    const account = await askOwner(s, did('account'), `${name}: owner account`, [renamedAccount(s, baseDmz?.account), previous, tgwAccount]);
    const fleet = await askInspectingFleet(s, did('fleet'), `${name}: fleet that inspects it`, code, baseDmz?.fleet ?? base?.egress.fleet, fleetNames);
    const dmz: DmzSpec = { account, cidr: PENDING, fleet };
    region.dmzs![name] = dmz;
    dmz.cidr = await s.vpcCidr(did('cidr'), `${name}: VPC CIDR (/16 to /24)`, ['regions', code, 'dmzs', name, 'cidr'], 'dmz', baseDmz?.cidr);

    const others = Object.keys(s.draft.accounts).filter((a) => a !== account);
    if (others.length > 0) {
      // Sharing is offered ticked only where the user's own blueprint shared: never from the example.
      const wanted = s.fromAnswers ? (baseDmz?.shareWith ?? []).map((a) => renamedAccount(s, a)).filter((a): a is string => a !== undefined) : [];
      const field: FieldSpec = { path: ['regions', code, 'dmzs', name, 'shareWith'] };
      const setShare = (d: Blueprint, v: readonly string[]) => {
        const target = d.regions[code].dmzs![name];
        if (v.length > 0 || keptEmpty(baseDmz?.shareWith)) target.shareWith = [...v];
        else delete target.shareWith;
      };
      const share = await s.prompter.checkbox<string>({
        id: did('shareWith'),
        message: `${name}: share its public and app subnets with (RAM; none is fine)`,
        choices: others.map((a) => ({ value: a, checked: wanted.includes(a), ...(s.draft.accounts[a].external ? { description: 'outside the Organization: cannot receive shared subnets' } : {}) })),
        validate: (v) => s.check(field, (d) => setShare(d, keepOrder(v, wanted))),
      });
      setShare(s.draft, keepOrder(share, wanted));
    }
    Object.assign(dmz, unasked(baseDmz, ['account', 'cidr', 'fleet', 'shareWith']));
  }
}

export async function askSpokes(s: Session, r: RegionContext, tgwAccount: string): Promise<void> {
  const { code, base } = r;
  const region = s.draft.regions[code];
  const baseSpokes = Object.entries(base?.spokes ?? {});
  s.prompter.note(`Spokes in ${code}: workload VPCs attached to the TGW`, 'heading');
  const count = await s.countEntries(r, 'spokes', `${code}: how many spoke VPCs?`, base ? baseSpokes.length : 1, LIMITS.spokes);
  for (let k = 0; k < count; k++) {
    const sid = (field: string) => r.id(`spokes[${k}].${field}`);
    const [baseName, baseSpoke] = baseSpokes[k] ?? [undefined, undefined];
    // Failing the base's owner, the previous spoke's: a new spoke usually joins its neighbours' account.
    const previous = Object.values(region.spokes ?? {}).at(-1)?.account;
    const name = await s.entryName({
      id: sid('name'),
      message: `Spoke ${k + 1} of ${count}: name`,
      suggested: baseName ?? `spoke-${k + 1}`,
      parent: ['regions', code, 'spokes'],
      duplicate: (v) => `there is already a spoke named ${v} in ${code}`,
      set: (d, v) => void (d.regions[code].spokes![v] = { account: tgwAccount, cidr: PENDING }),
    });
    const account = await askOwner(s, sid('account'), `${name}: owner account`, [renamedAccount(s, baseSpoke?.account), previous, tgwAccount]);
    const spoke: SpokeSpec = { account, cidr: PENDING };
    region.spokes![name] = spoke;
    spoke.cidr = await s.vpcCidr(sid('cidr'), `${name}: VPC CIDR (/16 to /24)`, ['regions', code, 'spokes', name, 'cidr'], 'spoke', baseSpoke?.cidr);
    Object.assign(spoke, unasked(baseSpoke, ['account', 'cidr']));
  }
}
