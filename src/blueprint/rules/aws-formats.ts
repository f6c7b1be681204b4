/** AWS naming formats that more than one rule checks. */
import { isIpv4Address } from '../cidr';

/**
 * Why S3 refuses `name` as a general purpose bucket name, or undefined if it
 * does not ("General purpose bucket naming rules",
 * docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
 * 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a
 * letter or digit, no two adjacent dots, not an IP address, and none of the
 * prefixes and suffixes S3 reserves for its own names (access point aliases,
 * Object Lambda, Multi-Region Access Points, directory buckets).
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters long; a bucket name has 3 to 63`;
  const bad = [...new Set([...name].filter((c) => !/[a-z0-9.-]/.test(c)))];
  if (bad.length > 0) return `contains ${bad.map((c) => JSON.stringify(c)).join(', ')}: a bucket name holds only lowercase letters, digits, dots and hyphens`;
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'must start and end with a letter or digit';
  if (name.includes('..')) return 'has two dots in a row';
  if (isIpv4Address(name)) return 'is formatted as an IP address, which S3 refuses as a bucket name';
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `starts with ${prefix}, which S3 reserves`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `ends with ${suffix}, which S3 reserves for its own names`;
  return undefined;
}

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3'];

export function isBucketName(name: string): boolean {
  return bucketNameProblem(name) === undefined;
}
