/** AWS naming formats that more than one rule checks. */

/** An S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, no `..`. */
export function isBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..');
}
