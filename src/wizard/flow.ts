/**
 * The questions of `gwlb-blueprint init`, in the order an engineer thinks about a
 * network: name and tags; accounts; then per region its AZs, Transit Gateway,
 * appliance fleets, egress VPC, DMZs, spokes and VPNs ("add another region?");
 * last the Terraform state backend.
 *
 * Every default comes from a base blueprint (the embedded reference, or the
 * `--from` file), entry by entry in order, so pressing Enter throughout rebuilds
 * the base exactly. Fields the wizard does not ask about (an account's
 * `external`, a fleet's `healthCheck`, fields added after this wizard, …) are
 * carried over from the base entry they belong to. Every answer is checked
 * against the blueprint built so far with the rules of `validate`
 * (field-check.ts).
 */
import type { JsonPath } from '../blueprint/problems';
import { REGION_AZ_IDS, azIdPrefix } from '../blueprint/regions';
import { isPrivateAsn } from '../blueprint/rules/asns';
import {
  VENDORS,
  type AccountSpec,
  type Blueprint,
  type DmzSpec,
  type FleetSpec,
  type RegionSpec,
  type SpokeSpec,
  type StateSpec,
  type Vendor,
  type VpnSpec,
} from '../blueprint/schema';
import { VENDOR_PROFILES } from '../blueprint/vendors';
import { amiHint, freeAccountId, freeAsn, freeVpcCidr, uniqueName, usedAsns } from './defaults';
import { fieldErrors, refusal, type FieldSpec } from './field-check';
import type { Choice, Prompter } from './prompter';

/** Typed as the answer to a list question, it means "none". */
export const NONE = '-';

/** The region the draft holds until the first region code is answered (any valid code would do). */
const PLACEHOLDER_REGION = 'us-east-1';
/** A valid name for references that are not answered yet; problems it causes are never at the asked field. */
const PENDING = 'pending';

const LIMITS = { accounts: 50, fleets: 10, dmzs: 20, spokes: 100, vpns: 20, regions: 20 } as const;

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

interface TextField<T> extends FieldSpec {
  readonly id: string;
  readonly message: string;
  readonly default: string;
  /** From the typed text to the value (default: the text itself). */
  readonly parse?: (text: string) => Parsed<T>;
  /** A check the rules cannot make (a name already taken). */
  readonly precheck?: (value: T) => true | string;
  /** Puts the value into a draft. */
  readonly set: (draft: Blueprint, value: T) => void;
}

interface NumberField extends FieldSpec {
  readonly id: string;
  readonly message: string;
  readonly default: number;
  readonly set: (draft: Blueprint, value: number) => void;
}

/** Asks every question once and returns the blueprint the answers describe. */
export async function askBlueprint(prompter: Prompter, base: Blueprint): Promise<Blueprint> {
  return new Questions(prompter, base).run();
}

class Questions {
  /** The blueprint as answered so far, kept shape-valid (placeholders where nothing is answered yet). */
  private readonly bp: Blueprint;
  /** Base account name → the name it was given, so references follow a rename. */
  private readonly accountNames = new Map<string, string>();
  /** Region code → the base region its defaults came from. */
  private readonly baseRegions = new Map<string, RegionSpec>();

  constructor(
    private readonly p: Prompter,
    private readonly base: Blueprint,
  ) {
    this.bp = { name: base.name, accounts: {}, regions: { [PLACEHOLDER_REGION]: placeholderRegion() } };
  }

  async run(): Promise<Blueprint> {
    const { base } = this;
    this.p.note('Enter accepts the default in parentheses (Tab puts it on the line to edit). Every answer is checked as you go; Ctrl-C quits without writing anything.', 'help');

    await this.text({
      id: 'name',
      message: 'Network name (prefixes every stack and Name tag)',
      default: base.name,
      path: ['name'],
      set: (d, v) => void (d.name = v),
    });
    await this.text<Record<string, string> | undefined>({
      id: 'tags',
      message: `Tags for every resource (Key=Value, comma-separated; ${NONE} for none)`,
      default: base.tags && Object.keys(base.tags).length > 0 ? Object.entries(base.tags).map(([k, v]) => `${k}=${v}`).join(', ') : NONE,
      path: ['tags'],
      parse: parseTags,
      set: (d, v) => {
        if (v) d.tags = v;
        else if (base.tags && Object.keys(base.tags).length === 0) d.tags = {};
        else delete d.tags;
      },
    });

    await this.askAccounts();

    const baseRegions = Object.entries(base.regions);
    for (let i = 0; i < LIMITS.regions; i++) {
      await this.askRegion(i, baseRegions[i]);
      const another = await this.p.confirm({ id: `regions[${i}].another`, message: 'Add another region?', default: i + 1 < baseRegions.length });
      if (!another) break;
    }

    await this.askState();
    return this.result();
  }

  // ---------------------------------------------------------------- accounts

  private async askAccounts(): Promise<void> {
    const baseAccounts = Object.entries(this.base.accounts);
    this.p.note('Accounts: every AWS account the network spans', 'heading');
    this.p.note('With a role to assume, one set of credentials deploys every account; without one, a stack uses the credentials it runs with.');
    const count = await this.count('accounts.count', 'How many accounts?', Math.max(1, baseAccounts.length), 1, LIMITS.accounts);
    let lastRole: string | undefined;
    for (let i = 0; i < count; i++) {
      const [baseName, baseSpec] = baseAccounts[i] ?? [undefined, undefined];
      const taken = Object.keys(this.bp.accounts);
      const name = await this.text({
        id: `accounts[${i}].name`,
        message: `Account ${i + 1} of ${count}: name`,
        default: uniqueName(baseName ?? `account-${i + 1}`, taken),
        ...nameField(['accounts']),
        precheck: (v) => (taken.includes(v) ? `there is already an account named ${v}` : true),
        set: (d, v) => void (d.accounts[v] = { id: PENDING }),
      });
      if (baseName) this.accountNames.set(baseName, name);

      const takenIds = Object.values(this.bp.accounts).map((a) => a.id);
      const id = await this.text({
        id: `accounts[${i}].id`,
        message: `${name}: 12-digit account ID`,
        default: baseSpec && !takenIds.includes(baseSpec.id) ? baseSpec.id : freeAccountId(takenIds),
        path: ['accounts', name, 'id'],
        // The console shows IDs as 1111-2222-3333.
        parse: (t) => ({ ok: true, value: t.replace(/[\s-]/g, '') }),
        set: (d, v) => void (d.accounts[name].id = v),
      });

      const role = await this.text<string | undefined>({
        id: `accounts[${i}].roleArn`,
        message: `${name}: IAM role to assume (${NONE} for the caller's own credentials)`,
        default: defaultRole(baseSpec, id, lastRole) ?? NONE,
        path: ['accounts', name, 'roleArn'],
        parse: optional((t) => ({ ok: true, value: t })),
        set: (d, v) => {
          if (v) d.accounts[name].roleArn = v;
          else delete d.accounts[name].roleArn;
        },
      });
      if (role) lastRole = role;
      const account: AccountSpec = { id, ...(role ? { roleArn: role } : {}), ...unasked(baseSpec, ['id', 'roleArn']) };
      this.bp.accounts[name] = account;
    }
  }

  private renamedAccount(baseName: string | undefined): string | undefined {
    if (baseName === undefined) return undefined;
    const name = this.accountNames.get(baseName);
    return name && this.bp.accounts[name] ? name : undefined;
  }

  private accountChoices(): Choice<string>[] {
    return Object.entries(this.bp.accounts).map(([name, a]) => ({ value: name, name: `${name} (${a.id})`, short: name }));
  }

  private async askAccount(id: string, message: string, preferred: (string | undefined)[]): Promise<string> {
    const names = Object.keys(this.bp.accounts);
    const fallback = preferred.find((n) => n !== undefined && names.includes(n)) ?? names[0];
    if (names.length === 1) return names[0];
    return this.p.select({ id, message, choices: this.accountChoices(), default: fallback });
  }

  // ----------------------------------------------------------------- regions

  private async askRegion(index: number, baseEntry: [string, RegionSpec] | undefined): Promise<void> {
    const [baseCode, baseSpec] = baseEntry ?? [undefined, undefined];
    const id = (field: string) => `regions[${index}].${field}`;
    const firstRegion = index === 0 ? undefined : Object.values(this.bp.regions)[0];
    this.p.note(`Region ${index + 1}`, 'heading');

    const taken = index === 0 ? [] : Object.keys(this.bp.regions);
    const code = await this.text({
      id: id('code'),
      message: 'Region code',
      default: baseCode && !taken.includes(baseCode) ? baseCode : (Object.keys(REGION_AZ_IDS).find((r) => !taken.includes(r)) ?? 'us-east-1'),
      path: ['regions'],
      parse: (t) => ({ ok: true, value: t.toLowerCase() }),
      precheck: (v) => (taken.includes(v) ? `${v} is already a region of this network` : true),
      set: (d, v) => {
        if (index === 0) delete d.regions[PLACEHOLDER_REGION];
        d.regions[v] = placeholderRegion();
      },
      fieldPath: (v) => ['regions', v],
    });
    const region = this.bp.regions[code];
    if (baseSpec) this.baseRegions.set(code, baseSpec);
    const sameRegion = code === baseCode;
    const at = (...rest: (string | number)[]): JsonPath => ['regions', code, ...rest];

    // Availability Zones
    const known = REGION_AZ_IDS[code];
    const baseAzs = sameRegion && baseSpec ? baseSpec.availabilityZones : undefined;
    const defaultAzs = baseAzs ?? (known ? known.slice(0, 3) : [`${azIdPrefix(code) ?? code}-az1`, `${azIdPrefix(code) ?? code}-az2`]);
    this.p.note(`AZ IDs (${azIdPrefix(code) ?? 'use1'}-az1) name the same physical zone in every account; AZ names (${code}a) differ per account, so plan in IDs.`);
    const setAzs = (d: Blueprint, v: readonly string[]) => void (d.regions[code].availabilityZones = [...v]);
    let azs: string[];
    if (known) {
      const choices = [...known, ...defaultAzs.filter((az) => !known.includes(az))];
      const field: FieldSpec = { path: at('availabilityZones') };
      const picked = await this.p.checkbox<string>({
        id: id('availabilityZones'),
        message: `${code}: Availability Zones (2 to 6; space toggles, Enter accepts)`,
        choices: choices.map((az) => ({ value: az, checked: defaultAzs.includes(az) })),
        validate: (v) => this.check(field, (d) => setAzs(d, keepOrder(v, defaultAzs))),
      });
      azs = keepOrder(picked, defaultAzs);
    } else {
      azs = await this.text<string[]>({
        id: id('availabilityZones'),
        message: `${code}: Availability Zones, comma-separated (2 to 6)`,
        default: defaultAzs.join(', '),
        path: at('availabilityZones'),
        parse: (t) => ({ ok: true, value: splitList(t) }),
        set: setAzs,
      });
    }
    setAzs(this.bp, azs);

    // Transit Gateway
    const tgwAccount = await this.askAccount(id('transitGateway.account'), `${code}: account that owns the Transit Gateway`, [
      this.renamedAccount(baseSpec?.transitGateway.account),
      firstRegion?.transitGateway.account,
    ]);
    region.transitGateway.account = tgwAccount;
    const asns = usedAsns(this.bp);
    asns.delete(region.transitGateway.amazonSideAsn);
    const baseAsn = baseSpec?.transitGateway.amazonSideAsn;
    region.transitGateway.amazonSideAsn = await this.number({
      id: id('transitGateway.amazonSideAsn'),
      message: `${code}: TGW Amazon-side ASN (private, one per region)`,
      default: baseAsn !== undefined && !asns.has(baseAsn) && isPrivateAsn(baseAsn) ? baseAsn : freeAsn(asns, 64520),
      path: at('transitGateway', 'amazonSideAsn'),
      set: (d, v) => void (d.regions[code].transitGateway.amazonSideAsn = v),
    });

    await this.askFleets(index, code, baseSpec, firstRegion);
    await this.askEgress(index, code, baseSpec, tgwAccount);
    await this.askDmzs(index, code, baseSpec, tgwAccount);
    await this.askSpokes(index, code, baseSpec, tgwAccount);

    const eastWest = await this.p.confirm({
      id: id('inspection.eastWest'),
      message: `${code}: inspect spoke-to-spoke (east-west) traffic too?`,
      default: baseSpec?.inspection?.eastWest ?? true,
    });
    if (baseSpec?.inspection || !eastWest) region.inspection = { ...(baseSpec?.inspection ?? {}), eastWest };
    else delete region.inspection;

    if (baseSpec?.internalCidrs) {
      const internal = await this.text<string[]>({
        id: id('internalCidrs'),
        message: `${code}: ranges routed back to the TGW after inspection (comma-separated)`,
        default: baseSpec.internalCidrs.join(', '),
        path: at('internalCidrs'),
        parse: (t) => ({ ok: true, value: splitList(t) }),
        set: (d, v) => void (d.regions[code].internalCidrs = v),
      });
      region.internalCidrs = internal;
    }

    await this.askVpns(index, code, baseSpec);
  }

  private async askFleets(index: number, code: string, baseSpec: RegionSpec | undefined, firstRegion: RegionSpec | undefined): Promise<void> {
    const id = (field: string) => `regions[${index}].${field}`;
    const region = this.bp.regions[code];
    const baseFleets = Object.entries(baseSpec?.fleets ?? {});
    // A fleet the base does not have starts as a copy of the first region's first fleet.
    const template = firstRegion ? Object.values(firstRegion.fleets)[0] : undefined;
    const azCount = region.availabilityZones.length;
    this.p.note(`Appliance fleets in ${code}: each is an Auto Scaling group behind its own Gateway Load Balancer`, 'heading');
    const count = await this.count(id('fleets.count'), `${code}: how many appliance fleets?`, Math.max(1, baseFleets.length), 1, LIMITS.fleets);
    for (let j = 0; j < count; j++) {
      const fid = (field: string) => id(`fleets[${j}].${field}`);
      const [baseName, baseFleet] = baseFleets[j] ?? [undefined, undefined];
      const like = baseFleet ?? template;
      const taken = Object.keys(region.fleets);
      const name = await this.text({
        id: fid('name'),
        message: `Fleet ${j + 1} of ${count}: name`,
        default: uniqueName(baseName ?? (j === 0 && template ? Object.keys(firstRegion!.fleets)[0] : `fleet-${j + 1}`), taken),
        ...nameField(['regions', code, 'fleets']),
        precheck: (v) => (taken.includes(v) ? `there is already a fleet named ${v} in ${code}` : true),
        set: (d, v) => void (d.regions[code].fleets[v] = placeholderFleet()),
      });
      const at = (...rest: string[]): JsonPath => ['regions', code, 'fleets', name, ...rest];
      const fleet = (d: Blueprint) => d.regions[code].fleets[name];
      region.fleets[name] = placeholderFleet();

      const vendor = await this.p.select<Vendor>({
        id: fid('vendor'),
        message: `${name}: appliance vendor`,
        choices: VENDORS.map((v) => ({ value: v, name: `${VENDOR_PROFILES[v].displayName} (${v})`, short: v })),
        default: like?.vendor ?? 'checkpoint',
      });
      fleet(this.bp).vendor = vendor;
      const profile = VENDOR_PROFILES[vendor];
      const sameVendor = like?.vendor === vendor;

      for (const line of amiHint(vendor, code)) this.p.note(line);
      const ami = await this.text({
        id: fid('ami'),
        message: `${name}: AMI ID in ${code}`,
        default: like?.ami ?? 'ami-0123456789abcdef0',
        path: at('ami'),
        set: (d, v) => void (fleet(d).ami = v),
      });
      fleet(this.bp).ami = ami;
      const instanceType = await this.text({
        id: fid('instanceType'),
        message: `${name}: instance type`,
        default: sameVendor && like ? like.instanceType : profile.defaultInstanceType,
        path: at('instanceType'),
        set: (d, v) => void (fleet(d).instanceType = v),
      });
      fleet(this.bp).instanceType = instanceType;
      const minSize = await this.number({
        id: fid('minSize'),
        message: `${name}: minimum appliances (${azCount} puts one in each AZ)`,
        default: like?.minSize ?? azCount,
        path: at('minSize'),
        set: (d, v) => {
          fleet(d).minSize = v;
          fleet(d).maxSize = Math.max(v, fleet(d).maxSize);
        },
      });
      fleet(this.bp).minSize = minSize;
      fleet(this.bp).maxSize = minSize;
      const maxSize = await this.number({
        id: fid('maxSize'),
        message: `${name}: maximum appliances`,
        default: like && like.maxSize >= minSize ? like.maxSize : minSize * 2,
        path: at('maxSize'),
        set: (d, v) => void (fleet(d).maxSize = v),
      });
      fleet(this.bp).maxSize = maxSize;
      const managementCidrs = await this.text<string[] | undefined>({
        id: fid('managementCidrs'),
        message: `${name}: who may reach the appliances' management ports (CIDRs, comma-separated; ${NONE} for nobody)`,
        default: like?.managementCidrs && like.managementCidrs.length > 0 ? like.managementCidrs.join(', ') : NONE,
        path: at('managementCidrs'),
        parse: optional((t) => ({ ok: true, value: splitList(t) })),
        set: (d, v) => {
          if (v) fleet(d).managementCidrs = v;
          else if (keptEmpty(baseFleet?.managementCidrs)) fleet(d).managementCidrs = [];
          else delete fleet(d).managementCidrs;
        },
      });

      // Secrets are referenced, never inline: a parameter or secret for Check Point and generic, a bucket for the others.
      const channel: 'bootstrapSecret' | 'bootstrapBucket' = vendor === 'paloalto' || vendor === 'fortinet' ? 'bootstrapBucket' : 'bootstrapSecret';
      const bootstrapMessage =
        channel === 'bootstrapBucket'
          ? `${name}: S3 bucket with the ${vendor === 'paloalto' ? 'VM-Series bootstrap package (init-cfg, authcodes)' : 'FortiGate config and license'} (${NONE} for none)`
          : `${name}: SSM parameter or secret ARN holding the ${vendor === 'checkpoint' ? 'SIC key' : 'bootstrap secret'} (${NONE} for none)`;
      const bootstrap = await this.text<string | undefined>({
        id: fid(channel),
        message: bootstrapMessage,
        default: (sameVendor && baseFleet ? baseFleet[channel] : undefined) ?? NONE,
        path: at(channel),
        parse: optional((t) => ({ ok: true, value: t })),
        set: (d, v) => {
          if (v) fleet(d)[channel] = v;
          else delete fleet(d)[channel];
        },
      });

      const desired = baseFleet?.desiredCapacity;
      const spec: FleetSpec = {
        vendor,
        ami,
        instanceType,
        minSize,
        maxSize,
        ...(desired !== undefined && desired >= minSize && desired <= maxSize ? { desiredCapacity: desired } : {}),
        ...(baseFleet?.healthCheck && baseFleet.vendor === vendor ? { healthCheck: baseFleet.healthCheck } : {}),
        ...(baseFleet?.crossZone !== undefined ? { crossZone: baseFleet.crossZone } : {}),
        ...(managementCidrs ? { managementCidrs } : keptEmpty(baseFleet?.managementCidrs) ? { managementCidrs: [] } : {}),
        ...(bootstrap ? { [channel]: bootstrap } : {}),
        ...unasked(baseFleet, FLEET_FIELDS),
      };
      region.fleets[name] = spec;
    }
    // Base fleet name → new name, for the egress and DMZ fleet defaults.
    this.fleetNames = new Map(baseFleets.map(([n], j) => [n, Object.keys(region.fleets)[j]]));
  }

  private fleetNames = new Map<string, string | undefined>();

  private async askFleet(id: string, message: string, code: string, baseFleet: string | undefined): Promise<string> {
    const names = Object.keys(this.bp.regions[code].fleets);
    if (names.length === 1) return names[0];
    const renamed = baseFleet !== undefined ? this.fleetNames.get(baseFleet) : undefined;
    return this.p.select({
      id,
      message,
      choices: names.map((n) => ({ value: n, name: `${n} (${this.bp.regions[code].fleets[n].vendor})`, short: n })),
      default: renamed && names.includes(renamed) ? renamed : names[0],
    });
  }

  private async askEgress(index: number, code: string, baseSpec: RegionSpec | undefined, tgwAccount: string): Promise<void> {
    const id = (field: string) => `regions[${index}].egress.${field}`;
    const region = this.bp.regions[code];
    this.p.note(`Egress VPC of ${code}: internet egress through NAT, and the inspection of all TGW traffic`, 'heading');
    const account = await this.askAccount(id('account'), 'egress: owner account (it also owns the fleets)', [this.renamedAccount(baseSpec?.egress.account), tgwAccount]);
    const fleet = await this.askFleet(id('fleet'), 'egress: fleet that inspects it', code, baseSpec?.egress.fleet);
    region.egress = { account, cidr: PENDING, fleet };
    region.egress.cidr = await this.vpcCidr(id('cidr'), 'egress: VPC CIDR (/16 to /24)', ['regions', code, 'egress', 'cidr'], 'egress', baseSpec?.egress.cidr);
    Object.assign(region.egress, unasked(baseSpec?.egress, ['account', 'cidr', 'fleet']));
  }

  private async askDmzs(index: number, code: string, baseSpec: RegionSpec | undefined, tgwAccount: string): Promise<void> {
    const region = this.bp.regions[code];
    const baseDmzs = Object.entries(baseSpec?.dmzs ?? {});
    this.p.note(`DMZs in ${code}: internet-facing VPCs (ALBs, reverse proxies), inspected at their internet gateway`, 'heading');
    const count = await this.count(`regions[${index}].dmzs.count`, `${code}: how many DMZs?`, baseDmzs.length, 0, LIMITS.dmzs);
    if (count === 0) {
      if (baseSpec?.dmzs) region.dmzs = {};
      return;
    }
    region.dmzs = {};
    const dmzs = region.dmzs;
    for (let k = 0; k < count; k++) {
      const did = (field: string) => `regions[${index}].dmzs[${k}].${field}`;
      const [baseName, baseDmz] = baseDmzs[k] ?? [undefined, undefined];
      const taken = Object.keys(dmzs);
      const name = await this.text({
        id: did('name'),
        message: `DMZ ${k + 1} of ${count}: name`,
        default: uniqueName(baseName ?? `dmz-${k + 1}`, taken),
        ...nameField(['regions', code, 'dmzs']),
        precheck: (v) => (taken.includes(v) ? `there is already a DMZ named ${v} in ${code}` : true),
        set: (d, v) => void (d.regions[code].dmzs![v] = { account: tgwAccount, cidr: PENDING, fleet: region.egress.fleet }),
      });
      const account = await this.askAccount(did('account'), `${name}: owner account`, [this.renamedAccount(baseDmz?.account), tgwAccount]);
      const fleet = await this.askFleet(did('fleet'), `${name}: fleet that inspects it`, code, baseDmz?.fleet ?? baseSpec?.egress.fleet);
      const dmz: DmzSpec = { account, cidr: PENDING, fleet };
      dmzs[name] = dmz;
      dmz.cidr = await this.vpcCidr(did('cidr'), `${name}: VPC CIDR (/16 to /24)`, ['regions', code, 'dmzs', name, 'cidr'], 'dmz', baseDmz?.cidr);

      const others = Object.keys(this.bp.accounts).filter((a) => a !== account);
      if (others.length > 0) {
        const wanted = (baseDmz?.shareWith ?? []).map((a) => this.renamedAccount(a)).filter((a): a is string => a !== undefined);
        const field: FieldSpec = { path: ['regions', code, 'dmzs', name, 'shareWith'] };
        const setShare = (d: Blueprint, v: readonly string[]) => {
          const target = d.regions[code].dmzs![name];
          if (v.length > 0 || keptEmpty(baseDmz?.shareWith)) target.shareWith = [...v];
          else delete target.shareWith;
        };
        const share = await this.p.checkbox<string>({
          id: did('shareWith'),
          message: `${name}: share its public and app subnets with (RAM; none is fine)`,
          choices: others.map((a) => ({ value: a, checked: wanted.includes(a), ...(this.bp.accounts[a].external ? { description: 'outside the Organization: cannot receive shared subnets' } : {}) })),
          validate: (v) => this.check(field, (d) => setShare(d, keepOrder(v, wanted))),
        });
        setShare(this.bp, keepOrder(share, wanted));
      }
      Object.assign(dmz, unasked(baseDmz, ['account', 'cidr', 'fleet', 'shareWith']));
    }
  }

  private async askSpokes(index: number, code: string, baseSpec: RegionSpec | undefined, tgwAccount: string): Promise<void> {
    const region = this.bp.regions[code];
    const baseSpokes = Object.entries(baseSpec?.spokes ?? {});
    this.p.note(`Spokes in ${code}: workload VPCs attached to the TGW`, 'heading');
    const count = await this.count(`regions[${index}].spokes.count`, `${code}: how many spoke VPCs?`, baseSpec ? baseSpokes.length : 1, 0, LIMITS.spokes);
    if (count === 0) {
      if (baseSpec?.spokes) region.spokes = {};
      return;
    }
    region.spokes = {};
    const spokes = region.spokes;
    for (let k = 0; k < count; k++) {
      const sid = (field: string) => `regions[${index}].spokes[${k}].${field}`;
      const [baseName, baseSpoke] = baseSpokes[k] ?? [undefined, undefined];
      const taken = Object.keys(spokes);
      const name = await this.text({
        id: sid('name'),
        message: `Spoke ${k + 1} of ${count}: name`,
        default: uniqueName(baseName ?? `spoke-${k + 1}`, taken),
        ...nameField(['regions', code, 'spokes']),
        precheck: (v) => (taken.includes(v) ? `there is already a spoke named ${v} in ${code}` : true),
        set: (d, v) => void (d.regions[code].spokes![v] = { account: tgwAccount, cidr: PENDING }),
      });
      const account = await this.askAccount(sid('account'), `${name}: owner account`, [this.renamedAccount(baseSpoke?.account), tgwAccount]);
      const spoke: SpokeSpec = { account, cidr: PENDING };
      spokes[name] = spoke;
      spoke.cidr = await this.vpcCidr(sid('cidr'), `${name}: VPC CIDR (/16 to /24)`, ['regions', code, 'spokes', name, 'cidr'], 'spoke', baseSpoke?.cidr);
      Object.assign(spoke, unasked(baseSpoke, ['account', 'cidr']));
    }
  }

  private async askVpns(index: number, code: string, baseSpec: RegionSpec | undefined): Promise<void> {
    const region = this.bp.regions[code];
    const baseVpns = Object.entries(baseSpec?.vpnConnections ?? {});
    this.p.note(`Site-to-site VPNs in ${code}: offices connected to the TGW (their traffic is inspected too)`, 'heading');
    const count = await this.count(`regions[${index}].vpnConnections.count`, `${code}: how many site-to-site VPNs?`, baseVpns.length, 0, LIMITS.vpns);
    if (count === 0) {
      if (baseSpec?.vpnConnections) region.vpnConnections = {};
      return;
    }
    region.vpnConnections = {};
    const vpns = region.vpnConnections;
    for (let k = 0; k < count; k++) {
      const vid = (field: string) => `regions[${index}].vpnConnections[${k}].${field}`;
      const [baseName, baseVpn] = baseVpns[k] ?? [undefined, undefined];
      const taken = Object.keys(vpns);
      const name = await this.text({
        id: vid('name'),
        message: `VPN ${k + 1} of ${count}: name (the office)`,
        default: uniqueName(baseName ?? `office-${k + 1}`, taken),
        ...nameField(['regions', code, 'vpnConnections']),
        precheck: (v) => (taken.includes(v) ? `there is already a VPN named ${v} in ${code}` : true),
        set: (d, v) => void (d.regions[code].vpnConnections![v] = { customerGatewayIp: PENDING, bgpAsn: 0 }),
      });
      const at = (...rest: string[]): JsonPath => ['regions', code, 'vpnConnections', name, ...rest];
      const vpn: VpnSpec = { customerGatewayIp: PENDING, bgpAsn: 0 };
      vpns[name] = vpn;
      const vpnOf = (d: Blueprint) => d.regions[code].vpnConnections![name];

      vpn.customerGatewayIp = await this.text({
        id: vid('customerGatewayIp'),
        message: `${name}: public IP of the office's VPN device`,
        default: baseVpn?.customerGatewayIp ?? `203.0.113.${Math.min(10 + k, 254)}`,
        path: at('customerGatewayIp'),
        set: (d, v) => void (vpnOf(d).customerGatewayIp = v),
      });
      const asns = usedAsns(this.bp);
      asns.delete(0);
      const baseAsn = baseVpn?.bgpAsn;
      vpn.bgpAsn = await this.number({
        id: vid('bgpAsn'),
        message: `${name}: BGP ASN of the office`,
        default: baseAsn !== undefined && !asns.has(baseAsn) ? baseAsn : freeAsn(asns, 65010),
        path: at('bgpAsn'),
        set: (d, v) => void (vpnOf(d).bgpAsn = v),
      });
      const staticRoutesOnly = await this.p.confirm({
        id: vid('staticRoutesOnly'),
        message: `${name}: static routes only (no BGP)?`,
        default: baseVpn?.staticRoutesOnly ?? false,
      });
      if (staticRoutesOnly || baseVpn?.staticRoutesOnly !== undefined) vpn.staticRoutesOnly = staticRoutesOnly;
      const cidrs = await this.text<string[] | undefined>({
        id: vid('cidrs'),
        message: `${name}: the office's prefixes (comma-separated; ${NONE} for none${staticRoutesOnly ? '' : ', BGP announces them'})`,
        default: baseVpn?.cidrs && baseVpn.cidrs.length > 0 ? baseVpn.cidrs.join(', ') : NONE,
        path: at('cidrs'),
        parse: optional((t) => ({ ok: true, value: splitList(t) })),
        set: (d, v) => {
          if (v) vpnOf(d).cidrs = v;
          else if (keptEmpty(baseVpn?.cidrs)) vpnOf(d).cidrs = [];
          else delete vpnOf(d).cidrs;
        },
      });
      // Schema order: customerGatewayIp, bgpAsn, cidrs, staticRoutesOnly.
      vpns[name] = {
        customerGatewayIp: vpn.customerGatewayIp,
        bgpAsn: vpn.bgpAsn,
        ...(cidrs ? { cidrs } : keptEmpty(baseVpn?.cidrs) ? { cidrs: [] } : {}),
        ...(vpn.staticRoutesOnly !== undefined ? { staticRoutesOnly: vpn.staticRoutesOnly } : {}),
        ...unasked(baseVpn, ['customerGatewayIp', 'bgpAsn', 'cidrs', 'staticRoutesOnly']),
      };
    }
  }

  // ------------------------------------------------------------------- state

  private async askState(): Promise<void> {
    const baseState = this.base.state;
    this.p.note('Terraform state', 'heading');
    const backend = await this.p.select<StateSpec['backend']>({
      id: 'state.backend',
      message: 'Where each stack keeps its Terraform state',
      choices: [
        { value: 'local', name: 'local: files in cdktf.out/state of the project (one operator; back them up)', short: 'local' },
        { value: 's3', name: 's3: a bucket, with S3 lock files (a team)', short: 's3' },
      ],
      default: baseState?.backend ?? 'local',
    });
    if (backend === 'local') {
      if (baseState) this.bp.state = { backend: 'local' };
      return;
    }
    const state: StateSpec = { backend: 's3' };
    this.bp.state = state;
    state.bucket = await this.text({
      id: 'state.bucket',
      message: 'S3 bucket for the state (create it first, with versioning)',
      default: baseState?.bucket ?? `${this.bp.name}-network-state`,
      path: ['state', 'bucket'],
      set: (d, v) => void (d.state!.bucket = v),
    });
    state.region = await this.text({
      id: 'state.region',
      message: 'Region of that bucket',
      default: baseState?.region ?? Object.keys(this.bp.regions)[0],
      path: ['state', 'region'],
      set: (d, v) => void (d.state!.region = v),
    });
    const keyPrefix = await this.text({
      id: 'state.keyPrefix',
      message: 'Key prefix of the state objects',
      default: baseState?.keyPrefix ?? this.bp.name,
      path: ['state', 'keyPrefix'],
      set: (d, v) => void (d.state!.keyPrefix = v),
    });
    if (baseState?.keyPrefix === undefined && keyPrefix === this.bp.name) delete state.keyPrefix;
    Object.assign(state, unasked(baseState, ['backend', 'bucket', 'region', 'keyPrefix']));
  }

  // ---------------------------------------------------------------- assembly

  /** The answers in the blueprint's own field order (as BLUEPRINT.md lists them). */
  private result(): Blueprint {
    const { bp, base } = this;
    const regions: Record<string, RegionSpec> = {};
    for (const [code, r] of Object.entries(bp.regions)) {
      const baseRegion = this.baseRegions.get(code);
      regions[code] = {
        availabilityZones: r.availabilityZones,
        transitGateway: { ...r.transitGateway, ...unasked(baseRegion?.transitGateway, ['account', 'amazonSideAsn']) },
        fleets: r.fleets,
        egress: r.egress,
        ...(r.dmzs ? { dmzs: r.dmzs } : {}),
        ...(r.spokes ? { spokes: r.spokes } : {}),
        ...(r.inspection ? { inspection: r.inspection } : {}),
        ...(r.internalCidrs ? { internalCidrs: r.internalCidrs } : {}),
        ...(r.vpnConnections ? { vpnConnections: r.vpnConnections } : {}),
        ...unasked(baseRegion, REGION_FIELDS),
      };
    }
    return {
      ...(base.$schema !== undefined ? { $schema: base.$schema } : {}),
      name: bp.name,
      ...(bp.tags ? { tags: bp.tags } : {}),
      accounts: bp.accounts,
      regions,
      // A field of a later version (or one the wizard does not ask about) survives edit mode.
      ...unasked(base, ['$schema', 'name', 'tags', 'accounts', 'regions', 'state']),
      ...(bp.state ? { state: bp.state } : {}),
    };
  }

  // ---------------------------------------------------------------- plumbing

  /** `true`, or why the draft changed by `set` breaks a rule at `field`. */
  private check(field: FieldSpec, set: (draft: Blueprint) => void): true | string {
    const draft = structuredClone(this.bp);
    set(draft);
    const errors = fieldErrors(draft, field);
    return errors.length === 0 ? true : refusal(errors, field);
  }

  private async text<T = string>(q: TextField<T> & { fieldPath?: (value: T) => JsonPath }): Promise<T> {
    const parse = q.parse ?? ((t: string) => ({ ok: true, value: t as unknown as T }));
    const fieldFor = (value: T): FieldSpec => (q.fieldPath ? { path: q.fieldPath(value), exact: true } : { path: q.path, exact: q.exact });
    const answer = await this.p.input({
      id: q.id,
      message: q.message,
      default: q.default,
      validate: (text) => {
        const parsed = parse(text);
        if (!parsed.ok) return parsed.message;
        const pre = q.precheck ? q.precheck(parsed.value) : true;
        if (pre !== true) return pre;
        return this.check(fieldFor(parsed.value), (d) => q.set(d, parsed.value));
      },
    });
    const parsed = parse(answer);
    if (!parsed.ok) throw new Error(`internal: accepted answer ${answer} to ${q.id} does not parse`);
    q.set(this.bp, parsed.value);
    return parsed.value;
  }

  private async number(q: NumberField): Promise<number> {
    const value = await this.p.number({
      id: q.id,
      message: q.message,
      default: q.default,
      validate: (v) => this.check({ path: q.path, exact: q.exact }, (d) => q.set(d, v)),
    });
    q.set(this.bp, value);
    return value;
  }

  private count(id: string, message: string, defaultValue: number, min: number, max: number): Promise<number> {
    return this.p.number({ id, message, default: defaultValue, min, max });
  }

  /** A VPC CIDR: the base's when it still fits (no overlap, big enough), else a free one. */
  private async vpcCidr(id: string, message: string, path: JsonPath, role: 'egress' | 'dmz' | 'spoke', baseCidr: string | undefined): Promise<string> {
    const set = (d: Blueprint, v: string) => setAt(d, path, v);
    const field: FieldSpec = { path };
    const azCount = this.bp.regions[path[1] as string].availabilityZones.length;
    const withoutThis = structuredClone(this.bp);
    setAt(withoutThis, path, PENDING);
    const fallback = freeVpcCidr(withoutThis, role, azCount);
    const useBase = baseCidr !== undefined && this.check(field, (d) => set(d, baseCidr)) === true;
    return this.text({ id, message, default: useBase ? baseCidr : fallback, path, set });
  }
}

// ------------------------------------------------------------------- helpers

function placeholderRegion(): RegionSpec {
  return {
    availabilityZones: [],
    transitGateway: { account: PENDING, amazonSideAsn: 0 },
    fleets: {},
    egress: { account: PENDING, cidr: PENDING, fleet: PENDING },
  };
}

function placeholderFleet(): FleetSpec {
  return { vendor: 'generic', ami: PENDING, instanceType: PENDING, minSize: 1, maxSize: 1 };
}

/** A name is a key: only problems of the key itself count, not of the (not yet answered) object. */
function nameField(parent: JsonPath): Pick<TextField<string>, 'path' | 'exact'> & { fieldPath: (v: string) => JsonPath } {
  return { path: parent, exact: true, fieldPath: (v) => [...parent, v] };
}

function setAt(draft: Blueprint, path: JsonPath, value: unknown): void {
  let target = draft as unknown as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) target = target[segment] as Record<string | number, unknown>;
  target[path[path.length - 1]] = value;
}

/** Fields the questions cover; any other field of the base entry is carried over as it is. */
const FLEET_FIELDS = ['vendor', 'ami', 'instanceType', 'minSize', 'maxSize', 'desiredCapacity', 'healthCheck', 'crossZone', 'managementCidrs', 'bootstrapSecret', 'bootstrapBucket'];
const REGION_FIELDS = ['availabilityZones', 'transitGateway', 'fleets', 'egress', 'dmzs', 'spokes', 'inspection', 'internalCidrs', 'vpnConnections'];

/** The fields of `base` that no question covers (an account's `external`, a field of a later version): kept as they are. */
function unasked<T extends object>(base: T | undefined, asked: readonly string[]): Partial<T> {
  if (!base) return {};
  return Object.fromEntries(Object.entries(base).filter(([key]) => !asked.includes(key))) as Partial<T>;
}

/** An empty list written out in the base stays written out (and only then): edit mode changes nothing unasked. */
function keptEmpty(baseList: readonly unknown[] | undefined): boolean {
  return baseList !== undefined && baseList.length === 0;
}

/** `a, b c` → [a, b, c] */
function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** `-` (or nothing) means none: undefined. */
function optional<T>(parse: (text: string) => Parsed<T>): (text: string) => Parsed<T | undefined> {
  return (text) => (text.trim() === NONE || text.trim() === '' ? { ok: true, value: undefined } : parse(text.trim()));
}

function parseTags(text: string): Parsed<Record<string, string> | undefined> {
  if (text.trim() === NONE || text.trim() === '') return { ok: true, value: undefined };
  const tags: Record<string, string> = {};
  for (const part of text.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq <= 0) return { ok: false, message: `"${entry}" is not Key=Value; separate tags with commas` };
    const key = entry.slice(0, eq).trim();
    if (key in tags) return { ok: false, message: `tag ${key} is given twice` };
    tags[key] = entry.slice(eq + 1).trim();
  }
  return { ok: true, value: tags };
}

/** The picked values: those of `preferred` first, in its order (AZ order places subnets), then the rest as picked. */
function keepOrder(picked: readonly string[], preferred: readonly string[]): string[] {
  return [...preferred.filter((v) => picked.includes(v)), ...picked.filter((v) => !preferred.includes(v))];
}

/**
 * The role ARN to offer: the base's (with the account ID replaced when the ID
 * changed), or the same role name as the previous account in this account.
 */
function defaultRole(baseSpec: AccountSpec | undefined, id: string, previous: string | undefined): string | undefined {
  const swap = (arn: string, from: string) => arn.replace(`:iam::${from}:`, `:iam::${id}:`);
  if (baseSpec?.roleArn) return swap(baseSpec.roleArn, baseSpec.id);
  if (baseSpec) return undefined;
  const match = previous && /^arn:([^:]+):iam::(\d{12}):role\/(.+)$/.exec(previous);
  return match ? `arn:${match[1]}:iam::${id}:role/${match[3]}` : undefined;
}
