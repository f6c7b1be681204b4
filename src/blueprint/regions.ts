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
 * AZ IDs of the commercial regions, for the wizard to offer. Accounts can see
 * fewer (an AZ may be closed to new accounts); validation does not depend on
 * this table, only on the naming rule above.
 */
export const REGION_AZ_IDS: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['use1-az1', 'use1-az2', 'use1-az3', 'use1-az4', 'use1-az5', 'use1-az6'],
  'us-east-2': ['use2-az1', 'use2-az2', 'use2-az3'],
  'us-west-1': ['usw1-az1', 'usw1-az3'],
  'us-west-2': ['usw2-az1', 'usw2-az2', 'usw2-az3', 'usw2-az4'],
  'ca-central-1': ['cac1-az1', 'cac1-az2', 'cac1-az4'],
  'sa-east-1': ['sae1-az1', 'sae1-az2', 'sae1-az3'],
  'eu-west-1': ['euw1-az1', 'euw1-az2', 'euw1-az3'],
  'eu-west-2': ['euw2-az1', 'euw2-az2', 'euw2-az3'],
  'eu-west-3': ['euw3-az1', 'euw3-az2', 'euw3-az3'],
  'eu-central-1': ['euc1-az1', 'euc1-az2', 'euc1-az3'],
  'eu-central-2': ['euc2-az1', 'euc2-az2', 'euc2-az3'],
  'eu-north-1': ['eun1-az1', 'eun1-az2', 'eun1-az3'],
  'eu-south-1': ['eus1-az1', 'eus1-az2', 'eus1-az3'],
  'eu-south-2': ['eus2-az1', 'eus2-az2', 'eus2-az3'],
  'me-south-1': ['mes1-az1', 'mes1-az2', 'mes1-az3'],
  'me-central-1': ['mec1-az1', 'mec1-az2', 'mec1-az3'],
  'il-central-1': ['ilc1-az1', 'ilc1-az2', 'ilc1-az3'],
  'af-south-1': ['afs1-az1', 'afs1-az2', 'afs1-az3'],
  'ap-east-1': ['ape1-az1', 'ape1-az2', 'ape1-az3'],
  'ap-south-1': ['aps1-az1', 'aps1-az2', 'aps1-az3'],
  'ap-south-2': ['aps2-az1', 'aps2-az2', 'aps2-az3'],
  'ap-southeast-1': ['apse1-az1', 'apse1-az2', 'apse1-az3'],
  'ap-southeast-2': ['apse2-az1', 'apse2-az2', 'apse2-az3'],
  'ap-southeast-3': ['apse3-az1', 'apse3-az2', 'apse3-az3'],
  'ap-southeast-4': ['apse4-az1', 'apse4-az2', 'apse4-az3'],
  'ap-northeast-1': ['apne1-az1', 'apne1-az2', 'apne1-az4'],
  'ap-northeast-2': ['apne2-az1', 'apne2-az2', 'apne2-az3', 'apne2-az4'],
  'ap-northeast-3': ['apne3-az1', 'apne3-az2', 'apne3-az3'],
};
