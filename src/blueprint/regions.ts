/**
 * Region and Availability Zone naming. AZ names (`eu-west-2a`) map to different
 * physical zones in each account; AZ IDs (`euw2-az1`) do not, which is why a
 * multi-account network should be planned in IDs.
 */

const DIRECTION_CODES: Readonly<Record<string, string>> = {
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  central: 'c',
  northeast: 'ne',
  southeast: 'se',
  northwest: 'nw',
  southwest: 'sw',
};

/** `eu-west-2` → `euw2`, `ap-southeast-1` → `apse1`, `us-gov-west-1` → `usgw1`. */
export function azIdPrefix(region: string): string | undefined {
  const match = /^([a-z]{2})(?:-(gov|iso[a-z]?))?-([a-z]+)-(\d+)$/.exec(region);
  if (!match) return undefined;
  const [, country, partition, direction, number] = match;
  const directionCode = DIRECTION_CODES[direction];
  if (!directionCode) return undefined;
  const partitionCode = partition === 'gov' ? 'g' : partition ?? '';
  return `${country}${partitionCode}${directionCode}${number}`;
}

export type AzKind = 'id' | 'name';

/** Whether `az` is an AZ ID or AZ name of `region`, or neither. */
export function classifyAz(region: string, az: string): AzKind | undefined {
  const prefix = azIdPrefix(region);
  if (prefix && new RegExp(`^${prefix}-az[1-9]\\d?$`).test(az)) return 'id';
  if (new RegExp(`^${region}[a-z]$`).test(az)) return 'name';
  return undefined;
}

/**
 * Every AWS Region gwlb-blueprint knows, with the AZ IDs it has. Source: "AWS
 * Availability Zones", docs.aws.amazon.com/global-infrastructure/latest/regions/
 * aws-availability-zones.html (AZ IDs per Region), read 2026-12. Some AZs are
 * closed to new accounts (use1-az3, usw1-az2, apne1-az3): they are
 * listed, since an older account may use them, but not offered as defaults.
 *
 * The table is the one source of truth for three things: which regions and AZ IDs
 * a blueprint may name (rule availability-zones), how many AZ slots every VPC of
 * a region is laid out for (the address planner), and what the wizard offers. A
 * Region or AZ launched after this table was written is declared in the blueprint
 * (`regions.*.regionAvailabilityZones`), which replaces the table's row.
 */
export interface AwsRegion {
  /** Every AZ ID of the Region. */
  readonly azIds: readonly string[];
  /** AZ IDs closed to new accounts: accepted, never offered. */
  readonly constrained?: readonly string[];
}

const ids = (prefix: string, numbers: readonly number[]) => numbers.map((n) => `${prefix}-az${n}`);
const three = (prefix: string): AwsRegion => ({ azIds: ids(prefix, [1, 2, 3]) });

export const AWS_REGIONS: Readonly<Record<string, AwsRegion>> = {
  'us-east-1': { azIds: ids('use1', [1, 2, 3, 4, 5, 6]), constrained: ['use1-az3'] },
  'us-east-2': three('use2'),
  'us-west-1': { azIds: ids('usw1', [1, 2, 3]), constrained: ['usw1-az2'] },
  'us-west-2': { azIds: ids('usw2', [1, 2, 3, 4]) },
  'ca-central-1': { azIds: ids('cac1', [1, 2, 4]) },
  'ca-west-1': three('caw1'),
  'mx-central-1': three('mxc1'),
  'sa-east-1': three('sae1'),
  'eu-west-1': three('euw1'),
  'eu-west-2': three('euw2'),
  'eu-west-3': three('euw3'),
  'eu-central-1': three('euc1'),
  'eu-central-2': three('euc2'),
  'eu-north-1': three('eun1'),
  'eu-south-1': three('eus1'),
  'eu-south-2': three('eus2'),
  'me-south-1': three('mes1'),
  'me-central-1': three('mec1'),
  'il-central-1': three('ilc1'),
  'af-south-1': three('afs1'),
  'ap-east-1': three('ape1'),
  'ap-east-2': three('ape2'),
  'ap-south-1': three('aps1'),
  'ap-south-2': three('aps2'),
  'ap-southeast-1': three('apse1'),
  'ap-southeast-2': three('apse2'),
  'ap-southeast-3': three('apse3'),
  'ap-southeast-4': three('apse4'),
  'ap-southeast-5': three('apse5'),
  'ap-southeast-6': three('apse6'),
  'ap-southeast-7': three('apse7'),
  'ap-northeast-1': { azIds: ids('apne1', [1, 2, 3, 4]), constrained: ['apne1-az3'] },
  'ap-northeast-2': { azIds: ids('apne2', [1, 2, 3, 4]) },
  'ap-northeast-3': three('apne3'),
  'us-gov-west-1': three('usgw1'),
  'us-gov-east-1': three('usge1'),
  'cn-north-1': { azIds: ids('cnn1', [1, 2, 4]) },
  'cn-northwest-1': three('cnnw1'),
};

/** The AZ IDs of a region: the blueprint's declaration when it makes one, else the table's; undefined for an unknown region. */
export function regionAzIds(region: string, declared?: readonly string[]): readonly string[] | undefined {
  if (declared && declared.length > 0) return declared;
  return AWS_REGIONS[region]?.azIds;
}

/** AZ IDs a new network should use by default: the table's, without those closed to new accounts. */
export function offeredAzIds(region: string): readonly string[] | undefined {
  const known = AWS_REGIONS[region];
  return known?.azIds.filter((az) => !known.constrained?.includes(az));
}
