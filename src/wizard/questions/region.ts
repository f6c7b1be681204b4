/**
 * The regions, one after the other ("add another region?"); per region its
 * code, AZs and Transit Gateway, then its parts in the order they attach:
 * fleets, egress VPC, DMZs, spokes, east-west inspection, VPNs.
 */
import type { JsonPath } from '../../blueprint/problems';
import { AWS_REGIONS, azIdPrefix, offeredAzIds } from '../../blueprint/regions';
import { isPrivateAsn } from '../../blueprint/rules/asns';
import type { Blueprint, RegionSpec } from '../../blueprint/schema';
import { freeAsn, usedAsns } from '../defaults';
import type { FieldSpec } from '../field-check';
import { askOwner, renamedAccount } from './accounts';
import { placeholderRegion, PLACEHOLDER_REGION } from './draft';
import { askFleets } from './fleets';
import { askVpns } from './offices';
import { keepOrder, splitList } from './parse';
import { LIMITS, type RegionContext, type Session } from './session';
import { askDmzs, askEgress, askSpokes } from './vpcs';

export async function askRegions(s: Session): Promise<void> {
  const baseRegions = Object.entries(s.base.regions);
  for (let i = 0; i < LIMITS.regions; i++) {
    await askRegion(s, i, baseRegions[i]);
    const another = await s.prompter.confirm({ id: `regions[${i}].another`, message: 'Add another region?', default: i + 1 < baseRegions.length });
    if (!another) break;
  }
}

async function askRegion(s: Session, index: number, baseEntry: [string, RegionSpec] | undefined): Promise<void> {
  const [baseCode, baseSpec] = baseEntry ?? [undefined, undefined];
  const id = (field: string) => `regions[${index}].${field}`;
  const firstRegion = index === 0 ? undefined : Object.values(s.draft.regions)[0];
  s.prompter.note(`Region ${index + 1}`, 'heading');

  const taken = index === 0 ? [] : Object.keys(s.draft.regions);
  const code = await s.text({
    id: id('code'),
    message: 'Region code',
    default: baseCode && !taken.includes(baseCode) ? baseCode : (Object.keys(AWS_REGIONS).find((r) => !taken.includes(r)) ?? 'us-east-1'),
    path: ['regions'],
    parse: (t) => ({ ok: true, value: t.toLowerCase() }),
    precheck: (v) => (taken.includes(v) ? `${v} is already a region of this network` : true),
    set: (d, v) => {
      if (index === 0) delete d.regions[PLACEHOLDER_REGION];
      d.regions[v] = placeholderRegion();
    },
    fieldPath: (v) => ['regions', v],
  });
  const region = s.draft.regions[code];
  if (baseSpec) s.baseRegions.set(code, baseSpec);
  const context: RegionContext = { index, code, base: baseSpec, id };
  const at = (...rest: (string | number)[]): JsonPath => ['regions', code, ...rest];

  await askAvailabilityZones(s, context, code === baseCode ? baseSpec?.availabilityZones : undefined);

  // Transit Gateway
  const tgwAccount = await askOwner(s, id('transitGateway.account'), `${code}: account that owns the Transit Gateway`, [
    renamedAccount(s, baseSpec?.transitGateway.account),
    firstRegion?.transitGateway.account,
  ]);
  region.transitGateway.account = tgwAccount;
  const asns = usedAsns(s.draft);
  asns.delete(region.transitGateway.amazonSideAsn);
  const baseAsn = baseSpec?.transitGateway.amazonSideAsn;
  region.transitGateway.amazonSideAsn = await s.number({
    id: id('transitGateway.amazonSideAsn'),
    message: `${code}: TGW Amazon-side ASN (private, one per region)`,
    default: baseAsn !== undefined && !asns.has(baseAsn) && isPrivateAsn(baseAsn) ? baseAsn : freeAsn(asns, 64520),
    path: at('transitGateway', 'amazonSideAsn'),
    set: (d, v) => void (d.regions[code].transitGateway.amazonSideAsn = v),
  });

  const fleetNames = await askFleets(s, context, firstRegion);
  await askEgress(s, context, tgwAccount, fleetNames);
  await askDmzs(s, context, tgwAccount, fleetNames);
  await askSpokes(s, context, tgwAccount);

  const eastWest = await s.prompter.confirm({
    id: id('inspection.eastWest'),
    message: `${code}: inspect spoke-to-spoke (east-west) traffic too?`,
    default: baseSpec?.inspection?.eastWest ?? true,
  });
  if (baseSpec?.inspection || !eastWest) region.inspection = { ...(baseSpec?.inspection ?? {}), eastWest };
  else delete region.inspection;

  if (baseSpec?.internalCidrs) {
    const internal = await s.text<string[]>({
      id: id('internalCidrs'),
      message: `${code}: ranges routed back to the TGW after inspection (comma-separated)`,
      default: baseSpec.internalCidrs.join(', '),
      path: at('internalCidrs'),
      parse: (t) => ({ ok: true, value: splitList(t) }),
      set: (d, v) => void (d.regions[code].internalCidrs = v),
    });
    region.internalCidrs = internal;
  }

  await askVpns(s, context);
}

/** A checkbox of the region's known AZ IDs; typed IDs for a region this package does not know. */
async function askAvailabilityZones(s: Session, r: RegionContext, baseAzs: string[] | undefined): Promise<void> {
  const { code } = r;
  const known = offeredAzIds(code);
  const defaultAzs = baseAzs ?? (known ? known.slice(0, 3) : [`${azIdPrefix(code) ?? code}-az1`, `${azIdPrefix(code) ?? code}-az2`]);
  s.prompter.note(`AZ IDs (${azIdPrefix(code) ?? 'use1'}-az1) name the same physical zone in every account; AZ names (${code}a) differ per account, so plan in IDs.`);
  const path = ['regions', code, 'availabilityZones'];
  const setAzs = (d: Blueprint, v: readonly string[]) => void (d.regions[code].availabilityZones = [...v]);
  let azs: string[];
  if (known) {
    const choices = [...known, ...defaultAzs.filter((az) => !known.includes(az))];
    const field: FieldSpec = { path };
    const picked = await s.prompter.checkbox<string>({
      id: r.id('availabilityZones'),
      message: `${code}: Availability Zones (2 to 6; space toggles, Enter accepts)`,
      choices: choices.map((az) => ({ value: az, checked: defaultAzs.includes(az) })),
      validate: (v) => s.check(field, (d) => setAzs(d, keepOrder(v, defaultAzs))),
    });
    azs = keepOrder(picked, defaultAzs);
  } else {
    azs = await s.text<string[]>({
      id: r.id('availabilityZones'),
      message: `${code}: Availability Zones, comma-separated (2 to 6)`,
      default: defaultAzs.join(', '),
      path,
      parse: (t) => ({ ok: true, value: splitList(t) }),
      set: setAzs,
    });
  }
  setAzs(s.draft, azs);
}
