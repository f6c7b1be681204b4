import { error, warning, type Problem } from '../problems';
import { ENDPOINT_POLICY_MAX_CHARS, s3EndpointPolicy } from '../s3-endpoint-policy';
import { regionsOf } from '../walk';
import { isBucketName } from './aws-formats';
import type { Rule } from './rule';

export const dmzS3Endpoints: Rule = {
  id: 'dmz-s3-endpoints',
  description: 'A DMZ\'s S3 endpoint names valid buckets, each once, and its policy fits the 20,480 characters a VPC endpoint policy may hold.',
  check(bp) {
    const problems: Problem[] = [];
    const accountIds = [...new Set(Object.values(bp.accounts).map((a) => a.id))].sort();
    for (const [region, spec] of regionsOf(bp)) {
      for (const [name, dmz] of Object.entries(spec.dmzs ?? {})) {
        const path = ['regions', region, 'dmzs', name, 's3Endpoint'];
        const endpoint = dmz.s3Endpoint;
        if (!endpoint) continue;
        const buckets = endpoint.buckets ?? [];
        if (endpoint.enabled === false && buckets.length > 0) {
          problems.push(warning(this.id, [...path, 'buckets'], buckets, 'has no effect: enabled is false, so the DMZ has no S3 endpoint'));
          continue;
        }
        buckets.forEach((bucket, i) => {
          if (!isBucketName(bucket)) problems.push(error(this.id, [...path, 'buckets', i], bucket, 'is not an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)'));
          else if (buckets.indexOf(bucket) !== i) problems.push(error(this.id, [...path, 'buckets', i], bucket, 'is listed twice'));
        });
        // The longest partition name, so that the check holds wherever the region is.
        const size = JSON.stringify(s3EndpointPolicy({ partition: 'aws-us-gov', region, accountIds, buckets })).length;
        if (size > ENDPOINT_POLICY_MAX_CHARS) {
          problems.push(error(this.id, [...path, 'buckets'], buckets, `make the endpoint policy ${size} characters long; AWS takes at most ${ENDPOINT_POLICY_MAX_CHARS}. List fewer buckets`));
        }
      }
    }
    return problems;
  },
};
