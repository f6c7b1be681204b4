import { error, warning, type Problem } from '../problems';
import type { Vendor } from '../schema';
import { fleetsOf } from '../walk';
import { bucketNameProblem } from './aws-formats';
import type { Rule } from './rule';

const SSM_PARAMETER = /^(\/[a-zA-Z0-9_.-]+)+$|^[a-zA-Z0-9_.-]+$/;
const SECRET_ARN = /^arn:aws(-cn|-us-gov)?:(secretsmanager|ssm):[a-z0-9-]+:\d{12}:(secret:|parameter\/)[A-Za-z0-9/_+=.@-]+$/;

/** How each vendor receives secrets without them being in user data. */
const SECRET_CHANNEL: Readonly<Record<Vendor, 'secret' | 'bucket'>> = {
  checkpoint: 'secret',
  generic: 'secret',
  paloalto: 'bucket',
  fortinet: 'bucket',
};

export const bootstrapSecrets: Rule = {
  id: 'bootstrap-secrets',
  description: 'Appliance secrets are referenced, never inline: bootstrapSecret (checkpoint, generic) names an SSM parameter or secret ARN; bootstrapBucket (paloalto, fortinet) names an S3 bucket.',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      const channel = SECRET_CHANNEL[fleet.vendor];
      const secret = fleet.bootstrapSecret;
      const bucket = fleet.bootstrapBucket;
      if (secret !== undefined) {
        if (channel !== 'secret') {
          problems.push(error(this.id, [...path, 'bootstrapSecret'], '(hidden)', `${fleet.vendor} appliances cannot read a secret at boot; put the bootstrap package in an S3 bucket and name it in bootstrapBucket`));
        } else if (secret.length > 2048 || !(SSM_PARAMETER.test(secret) || SECRET_ARN.test(secret))) {
          // The value is hidden: if it is not a name, it may be the secret itself.
          problems.push(error(this.id, [...path, 'bootstrapSecret'], '(hidden)', 'must be an SSM parameter name (/path/name) or a Secrets Manager/SSM ARN; the secret itself never goes in a blueprint'));
        }
      }
      if (bucket !== undefined) {
        if (channel !== 'bucket') {
          problems.push(error(this.id, [...path, 'bootstrapBucket'], bucket, `${fleet.vendor} appliances do not bootstrap from S3; name an SSM parameter or secret in bootstrapSecret`));
        } else if (bucketNameProblem(bucket)) {
          problems.push(error(this.id, [...path, 'bootstrapBucket'], bucket, `is not a valid S3 bucket name: it ${bucketNameProblem(bucket)}`));
        }
      }
      if (fleet.vendor === 'checkpoint' && secret === undefined) {
        problems.push(warning(this.id, [...path, 'vendor'], fleet.vendor, 'no bootstrapSecret: the gateways boot without a SIC key and cannot be managed until one is set by hand'));
      }
    }
    return problems;
  },
};
