/**
 * A region's appliance fleets (vendor, AMI, sizes, management access, bootstrap
 * secret), and the "fleet that inspects it" question of the egress VPC and DMZs.
 */
import type { JsonPath } from '../../blueprint/problems';
import { VENDORS, type Blueprint, type FleetSpec, type RegionSpec, type Vendor } from '../../blueprint/schema';
import { VENDOR_PROFILES } from '../../blueprint/vendors';
import { amiHint } from '../defaults';
import { keptEmpty, placeholderFleet, unasked } from './draft';
import { NONE, optionalList, optionalText } from './parse';
import { LIMITS, type RegionContext, type Session } from './session';

/** Base fleet name → the name it was given in this region, so egress and DMZs follow a rename. */
export type FleetNames = ReadonlyMap<string, string | undefined>;

/** Fields the questions cover; any other field of the base fleet is carried over as it is. */
/** Fields whose meaning depends on the vendor. */
const VENDOR_FIELDS = ['management', 'licensing', 'initialPolicy', 'allowImdsV1', 'scaling', 'listenerIdleTimeout', 'healthCheckGracePeriod'];
const FLEET_FIELDS = ['vendor', 'ami', 'instanceType', 'minSize', 'maxSize', 'desiredCapacity', 'healthCheck', 'crossZone', 'managementCidrs', 'bootstrapSecret', 'bootstrapBucket'];

export async function askFleets(s: Session, r: RegionContext, firstRegion: RegionSpec | undefined): Promise<FleetNames> {
  const { code } = r;
  const region = s.draft.regions[code];
  const baseFleets = Object.entries(r.base?.fleets ?? {});
  // A fleet the base does not have starts as a copy of the first region's first fleet.
  const template = firstRegion ? Object.values(firstRegion.fleets)[0] : undefined;
  const azCount = region.availabilityZones.length;
  s.prompter.note(`Appliance fleets in ${code}: each is an Auto Scaling group behind its own Gateway Load Balancer`, 'heading');
  const count = await s.count(r.id('fleets.count'), `${code}: how many appliance fleets?`, Math.max(1, baseFleets.length), 1, LIMITS.fleets);
  for (let j = 0; j < count; j++) {
    const fid = (field: string) => r.id(`fleets[${j}].${field}`);
    const [baseName, baseFleet] = baseFleets[j] ?? [undefined, undefined];
    const like = baseFleet ?? template;
    const name = await s.entryName({
      id: fid('name'),
      message: `Fleet ${j + 1} of ${count}: name`,
      suggested: baseName ?? (j === 0 && template ? Object.keys(firstRegion!.fleets)[0] : `fleet-${j + 1}`),
      parent: ['regions', code, 'fleets'],
      duplicate: (v) => `there is already a fleet named ${v} in ${code}`,
      set: (d, v) => void (d.regions[code].fleets[v] = placeholderFleet()),
    });
    const at = (...rest: string[]): JsonPath => ['regions', code, 'fleets', name, ...rest];
    const fleet = (d: Blueprint) => d.regions[code].fleets[name];
    region.fleets[name] = placeholderFleet();

    const vendor = await s.prompter.select<Vendor>({
      id: fid('vendor'),
      message: `${name}: appliance vendor`,
      choices: VENDORS.map((v) => ({ value: v, name: `${VENDOR_PROFILES[v].displayName} (${v})`, short: v })),
      default: like?.vendor ?? 'checkpoint',
    });
    fleet(s.draft).vendor = vendor;
    const profile = VENDOR_PROFILES[vendor];
    const sameVendor = like?.vendor === vendor;

    for (const line of amiHint(vendor, code)) s.prompter.note(line);
    const ami = await s.text({
      id: fid('ami'),
      message: `${name}: AMI ID in ${code}`,
      default: like?.ami ?? 'ami-0123456789abcdef0',
      path: at('ami'),
      set: (d, v) => void (fleet(d).ami = v),
    });
    const instanceType = await s.text({
      id: fid('instanceType'),
      message: `${name}: instance type`,
      default: sameVendor && like ? like.instanceType : profile.defaultInstanceType,
      path: at('instanceType'),
      set: (d, v) => void (fleet(d).instanceType = v),
    });
    const minSize = await s.number({
      id: fid('minSize'),
      message: `${name}: minimum appliances (${azCount} puts one in each AZ)`,
      default: like?.minSize ?? azCount,
      path: at('minSize'),
      set: (d, v) => {
        fleet(d).minSize = v;
        fleet(d).maxSize = Math.max(v, fleet(d).maxSize);
      },
    });
    const maxSize = await s.number({
      id: fid('maxSize'),
      message: `${name}: maximum appliances`,
      default: like && like.maxSize >= minSize ? like.maxSize : minSize * 2,
      path: at('maxSize'),
      set: (d, v) => void (fleet(d).maxSize = v),
    });
    const managementCidrs = await s.text<string[] | undefined>({
      id: fid('managementCidrs'),
      message: `${name}: who may reach the appliances' management ports (CIDRs, comma-separated; ${NONE} for nobody)`,
      default: like?.managementCidrs && like.managementCidrs.length > 0 ? like.managementCidrs.join(', ') : NONE,
      path: at('managementCidrs'),
      parse: optionalList,
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
    const bootstrap = await s.text<string | undefined>({
      id: fid(channel),
      message: bootstrapMessage,
      default: (sameVendor && baseFleet ? baseFleet[channel] : undefined) ?? NONE,
      path: at(channel),
      parse: optionalText,
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
      // What belongs to the base's vendor (its management plane, licensing, ...) does not carry over to another vendor.
      ...unasked(baseFleet, baseFleet?.vendor === vendor ? FLEET_FIELDS : [...FLEET_FIELDS, ...VENDOR_FIELDS]),
    };
    region.fleets[name] = spec;
  }
  return new Map(baseFleets.map(([n], j) => [n, Object.keys(region.fleets)[j]]));
}

/** Which of the region's fleets inspects a VPC: asked only when there is a choice; the renamed base fleet is the default. */
export async function askInspectingFleet(s: Session, id: string, message: string, code: string, baseFleet: string | undefined, renamed: FleetNames): Promise<string> {
  const fleets = s.draft.regions[code].fleets;
  const names = Object.keys(fleets);
  if (names.length === 1) return names[0];
  const preferred = baseFleet !== undefined ? renamed.get(baseFleet) : undefined;
  return s.prompter.select({
    id,
    message,
    choices: names.map((n) => ({ value: n, name: `${n} (${fleets[n].vendor})`, short: n })),
    default: preferred && names.includes(preferred) ? preferred : names[0],
  });
}
