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
}

/**
 * VPC flow logs of all traffic to CloudWatch Logs (Security Hub EC2.6), with a
 * delivery role only the flow-logs service of this account can assume.
 */
export class VpcFlowLogs extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const { provider } = props;
    this.logGroup = new CloudwatchLogGroup(this, 'log_group', {
      provider,
      name: `/gwlb-blueprint/${props.name}/flow-logs`,
      retentionInDays: props.retentionInDays ?? 365,
      tags: nameTag(`${props.name}-flow-logs`),
    });
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
            Resource: `${this.logGroup.arn}:*`,
          },
        ],
      }),
    });
    this.flowLog = new FlowLog(this, 'flow_log', {
      provider,
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: nameTag(`${props.name}-flow-logs`),
    });
  }
}
