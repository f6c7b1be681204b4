import { error, type Problem } from '../problems';
import { bucketNameProblem } from './aws-formats';
import type { Rule } from './rule';

/**
 * Central flow logs name an S3 bucket and, optionally, a folder in it. The
 * delivery service writes under `<prefix>/AWSLogs/<account>/`, and the VPC flow
 * logs guide refuses `AWSLogs` as a folder name of its own
 * (docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-create-flow-log.html; for TGW flow logs
 * docs.aws.amazon.com/vpc/latest/tgw/flowlog-s3-create.html: "a reserved term");
 * the folder becomes part of the destination ARN, so it keeps to the characters
 * S3 calls safe in object keys (docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
 */
export const centralFlowLogs: Rule = {
  id: 'central-flow-logs',
  description: 'Central flow logs name a valid S3 bucket, and a folder without slashes at either end and without AWSLogs.',
  check(bp) {
    const logs = bp.centralFlowLogs;
    if (!logs) return [];
    const problems: Problem[] = [];
    const bucket = bucketNameProblem(logs.bucket);
    if (bucket) problems.push(error(this.id, ['centralFlowLogs', 'bucket'], logs.bucket, `is not a valid S3 bucket name: it ${bucket}`));
    const prefix = logs.prefix;
    if (prefix !== undefined) {
      const why = !/^[A-Za-z0-9!_.*'()\/-]{1,200}$/.test(prefix)
        ? 'may hold only letters, digits and !_.*\'()/- (1 to 200 of them)'
        : prefix.startsWith('/') || prefix.endsWith('/') || prefix.includes('//')
          ? 'must not start or end with / nor hold an empty folder (//): it is a folder path inside the bucket'
          : prefix.split('/').includes('AWSLogs')
            ? 'must not use AWSLogs as a folder: the delivery service writes its own AWSLogs/<account>/ folder under it'
            : undefined;
      if (why) problems.push(error(this.id, ['centralFlowLogs', 'prefix'], prefix, why));
    }
    return problems;
  },
};
