/**
 * One CloudWatch alarm per AZ on the fleet's target group: UnHealthyHostCount
 * above zero for three minutes, sent to the fleet's SNS topic when it has one.
 * Gateway Load Balancer metrics live in AWS/GatewayELB with the dimensions
 * LoadBalancer, TargetGroup and AvailabilityZone (docs.aws.amazon.com/
 * elasticloadbalancing/latest/gateway/cloudwatch-metrics.html); the values are
 * the ARN suffixes (`gwy/...`, `targetgroup/...`) and the AZ name.
 * Added to the fleet's own scope: logical IDs `fleet_<name>_unhealthy_<az>`.
 */
import type { AvailabilityZone } from '../blueprint/model';
import { CloudwatchMetricAlarm, type Lb, type LbTargetGroup } from '../cdk/aws';
import type { Construct, TerraformProvider } from '../cdk/core';
import { nameTag } from './tags';
import { terraformLiteral } from './terraform-literal';

export const GWLB_METRIC_NAMESPACE = 'AWS/GatewayELB';

export interface FleetAlarmsProps {
  readonly name: string;
  readonly loadBalancer: Lb;
  readonly targetGroup: LbTargetGroup;
  /** Each appliance subnet's AZ, with its AZ name as Terraform knows it (`aws_subnet.x.availability_zone`). */
  readonly zones: readonly { readonly az: AvailabilityZone; readonly availabilityZone: string }[];
  /** @default no notification */
  readonly topicArn?: string;
  readonly provider?: TerraformProvider;
}

export function addFleetAlarms(scope: Construct, props: FleetAlarmsProps): CloudwatchMetricAlarm[] {
  const { provider, name } = props;
  const actions = props.topicArn ? [terraformLiteral(props.topicArn)] : [];
  return props.zones.map(({ az, availabilityZone }) =>
    new CloudwatchMetricAlarm(scope, `unhealthy_${az.label}`, {
      provider,
      alarmName: terraformLiteral(`${name}-unhealthy-appliances-${az.label}`),
      alarmDescription: terraformLiteral(`Appliances of ${name} in ${az.value} fail the GWLB health check: flows hashed to them are rebalanced, capacity is lost`),
      namespace: GWLB_METRIC_NAMESPACE,
      metricName: 'UnHealthyHostCount',
      dimensions: { LoadBalancer: props.loadBalancer.arnSuffix, TargetGroup: props.targetGroup.arnSuffix, AvailabilityZone: availabilityZone },
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 3,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      // No data means no target registered in that AZ yet (first boot, scale-in): not an unhealthy one.
      treatMissingData: 'notBreaching',
      alarmActions: actions,
      okActions: actions,
      tags: nameTag(terraformLiteral(`${name}-unhealthy-${az.label}`)),
    }),
  );
}
