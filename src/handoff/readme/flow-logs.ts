/**
 * "Central flow logs": where every VPC and TGW flow log goes when the blueprint
 * names a log-archive bucket, and the bucket policy its owner applies before the
 * first apply (nothing of this network is deployed in the log-archive account).
 * The policy is the one the VPC flow logs guide gives for a bucket another account
 * delivers to (docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html;
 * TGW flow logs use the same, docs.aws.amazon.com/vpc/latest/tgw/flow-logs-s3.html),
 * with one source account and log ARN per account and region that writes.
 */
import type { NetworkModel } from '../../blueprint/model';
import { vpcsOfRegion } from '../../blueprint/model';
import { partitionOf } from '../../stacks/names';
import type { Section } from './context';
import { code, list, plural } from './markdown';

/** Accounts that create flow logs, per region: every VPC's owner and the TGW's. */
export function flowLogWriters(model: NetworkModel): { region: string; accounts: string[] }[] {
  return model.regions.map((r) => ({
    region: r.code,
    accounts: [...new Set([r.transitGateway.account, ...vpcsOfRegion(r).map((v) => v.account)])].map((a) => model.accounts[a].id).sort(),
  }));
}

/** The bucket policy the log-archive account applies: log delivery may write under each writer's own folder, from its own accounts and regions only. */
export function flowLogBucketPolicy(model: NetworkModel): Record<string, unknown> | undefined {
  const logs = model.centralFlowLogs;
  if (!logs) return undefined;
  const partition = partitionOf(model.regions[0].code);
  const writers = flowLogWriters(model);
  const accounts = [...new Set(writers.flatMap((w) => w.accounts))].sort();
  const sourceArns = writers.flatMap((w) => w.accounts.map((a) => `arn:${partition}:logs:${w.region}:${a}:*`));
  const bucket = `arn:${partition}:s3:::${logs.bucket}`;
  const folder = logs.prefix ? `${logs.prefix}/` : '';
  const principal = { Service: 'delivery.logs.amazonaws.com' };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSLogDeliveryWrite',
        Effect: 'Allow',
        Principal: principal,
        Action: 's3:PutObject',
        Resource: accounts.map((a) => `${bucket}/${folder}AWSLogs/${a}/*`),
        Condition: { StringEquals: { 'aws:SourceAccount': accounts, 's3:x-amz-acl': 'bucket-owner-full-control' }, ArnLike: { 'aws:SourceArn': sourceArns } },
      },
      {
        Sid: 'AWSLogDeliveryAclCheck',
        Effect: 'Allow',
        Principal: principal,
        Action: ['s3:GetBucketAcl', 's3:ListBucket'],
        Resource: bucket,
        Condition: { StringEquals: { 'aws:SourceAccount': accounts }, ArnLike: { 'aws:SourceArn': sourceArns } },
      },
    ],
  };
}

export const centralFlowLogs: Section = ({ model, accountNamed }) => {
  const logs = model.centralFlowLogs;
  if (!logs) return [];
  const where = `s3://${logs.bucket}/${logs.prefix ? `${logs.prefix}/` : ''}AWSLogs/<account>/`;
  const vpcs = model.regions.reduce((n, r) => n + vpcsOfRegion(r).length, 0);
  return [
    '## Central flow logs',
    '',
    `Every VPC's flow log (all traffic, ${plural(vpcs, 'VPC')}) and a flow log of every TGW (${plural(model.regions.length, 'TGW')}) are delivered to ${code(where)}, ` +
      `the bucket ${code(logs.bucket)} of the log-archive account ${accountNamed(logs.account)}, instead of CloudWatch Logs. No stack creates anything in that account: ` +
      'its owner applies the bucket policy below **before the first apply**, or creating the flow logs fails (the delivery service checks it).',
    '',
    `The policy admits the log delivery service (\`delivery.logs.amazonaws.com\`) for the ${plural(new Set(flowLogWriters(model).flatMap((w) => w.accounts)).size, 'account')} that create flow logs (${list(flowLogWriters(model).map((w) => `${w.region}: ${w.accounts.join(', ')}`))}), ` +
      'each only under its own folder and only from its own accounts and regions (`aws:SourceAccount`, `aws:SourceArn`: the confused-deputy guard the VPC flow logs guide asks for, docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html). ' +
      'Merge it with the bucket\'s own statements; an account or region added to the blueprint needs its line here too (regenerate and compare). A bucket encrypted with a customer managed KMS key also needs `delivery.logs.amazonaws.com` in the key policy (`kms:GenerateDataKey*`).',
    '',
    '```json',
    JSON.stringify(flowLogBucketPolicy(model), null, 2),
    '```',
    '',
    'Turning central flow logs on for a deployed network replaces each VPC\'s flow log and **destroys its CloudWatch log group, with the history it holds** (`gwlb-blueprint diff` lists them): export what must be kept first.',
    '',
  ];
};
