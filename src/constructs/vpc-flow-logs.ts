import { CloudwatchLogGroup, FlowLog, IamRole, IamRolePolicy } from '../cdk/aws';
import { Construct, Fn, type TerraformProvider } from '../cdk/core';
import { awsName, NAME_LIMITS } from './aws-names';
import { nameTag } from './tags';

export interface VpcFlowLogsProps {
  readonly vpcId: string;
  /** Name of the VPC, used for the log group and role names. */
  readonly name: string;
  readonly accountId: string;
  readonly provider?: TerraformProvider;
  /** @default 365 — a year of flow logs covers most audit look-backs. */
  readonly retentionInDays?: number;
  /**
   * An S3 bucket (its ARN, with a folder) to deliver to instead: the central log archive. No log group
   * and no role then; the bucket's policy admits the delivery service (hand-off README). @default CloudWatch Logs
   */
  readonly s3Destination?: string;
}

/**
 * VPC flow logs of all traffic (Security Hub EC2.6): to CloudWatch Logs, with a
 * delivery role only the flow-logs service of this account can assume, or to
 * the central S3 bucket, which needs no role (S3 delivery goes through
 * delivery.logs.amazonaws.com and the bucket policy:
 * docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html).
 */
export class VpcFlowLogs extends Construct {
  readonly logGroup?: CloudwatchLogGroup;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const { provider } = props;
    if (props.s3Destination) {
      this.flowLog = new FlowLog(this, 'flow_log', {
        provider,
        vpcId: props.vpcId,
        trafficType: 'ALL',
        logDestinationType: 's3',
        logDestination: props.s3Destination,
        maxAggregationInterval: 60,
        tags: nameTag(`${props.name}-flow-logs`),
      });
      return;
    }
    const logGroup = (this.logGroup = new CloudwatchLogGroup(this, 'log_group', {
      provider,
      name: `/gwlb-blueprint/${props.name}/flow-logs`,
      retentionInDays: props.retentionInDays ?? 365,
      tags: nameTag(`${props.name}-flow-logs`),
    }));
    const role = new IamRole(this, 'role', {
      provider,
      name: awsName(`${props.name}-flow-logs`, NAME_LIMITS.iamRole),
      assumeRolePolicy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
          },
        ],
      }),
      tags: nameTag(`${props.name}-flow-logs`),
    });
    new IamRolePolicy(this, 'policy', {
      provider,
      role: role.id,
      name: 'deliver-flow-logs',
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: `${logGroup.arn}:*`,
          },
        ],
      }),
    });
    this.flowLog = new FlowLog(this, 'flow_log', {
      provider,
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: nameTag(`${props.name}-flow-logs`),
    });
  }
}
