/**
 * Names for AWS resources whose names are capped (a load balancer or target group
 * at 32 characters, an IAM role at 64). A name that fits is used as it is; a longer
 * one is cut and given a short hash of the whole name, so two long names that
 * share a prefix never collide, and the same blueprint always yields the same name.
 */
import { createHash } from 'node:crypto';

export const NAME_LIMITS = { loadBalancer: 32, targetGroup: 32, iamRole: 64, instanceProfile: 128 } as const;

export function awsName(full: string, max: number): string {
  if (full.length <= max) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, max - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}
