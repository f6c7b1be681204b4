/**
 * Day 2 of a fleet: the Auto Scaling group and its target-tracking policy.
 * - The group follows the launch template's latest_version, so a changed template
 *   starts a rolling instance refresh (with `$Latest` it never does:
 *   terraform-aws-swfw-modules modules/asg/main.tf refuses that combination;
 *   Check Point's autoscale_gwlb and fortinetdev's fgt_asg use latest_version too).
 * - The refresh launches each replacement before it retires an appliance
 *   (min healthy 100 %, max healthy 200 %), so the fleet never runs below its size.
 * - Once the policy owns the size, Terraform no longer resets desired_capacity.
 * Added to the fleet's own scope: the logical ID stays `fleet_<name>_asg`.
 */
import type { FleetModel } from '../blueprint/model';
import { AutoscalingGroup, AutoscalingPolicy, type LaunchTemplate } from '../cdk/aws';
import { Token, type Construct, type TerraformProvider } from '../cdk/core';
import { terraformLiteral } from './terraform-literal';

/** The metric the VM-Series plugin publishes for active sessions (centralized_design_autoscale/example.tfvars). */
export const PANOS_SESSION_METRIC = 'panSessionActive';

export interface FleetScalingProps {
  readonly name: string;
  readonly fleet: FleetModel;
  readonly subnetIds: readonly string[];
  readonly targetGroupArn: string;
  readonly launchTemplate: LaunchTemplate;
  /** Tags of the group itself; the instances get theirs from the launch template. */
  readonly groupTags: readonly { readonly key: string; readonly value: string; readonly propagateAtLaunch: boolean }[];
  readonly provider?: TerraformProvider;
}

export interface FleetScaling {
  readonly group: AutoscalingGroup;
  readonly policy: AutoscalingPolicy;
}

export function addFleetScaling(scope: Construct, props: FleetScalingProps): FleetScaling {
  const { provider, fleet, name } = props;
  const group = new AutoscalingGroup(scope, 'asg', {
    provider,
    name: terraformLiteral(name),
    minSize: fleet.minSize,
    maxSize: fleet.maxSize,
    desiredCapacity: fleet.desiredCapacity,
    vpcZoneIdentifier: [...props.subnetIds],
    targetGroupArns: [props.targetGroupArn],
    healthCheckType: 'ELB',
    healthCheckGracePeriod: fleet.healthCheckGracePeriod,
    launchTemplate: { id: props.launchTemplate.id, version: Token.asString(props.launchTemplate.latestVersion) },
    instanceRefresh: {
      strategy: 'Rolling',
      preferences: {
        minHealthyPercentage: 100,
        maxHealthyPercentage: 200,
        instanceWarmup: String(fleet.healthCheckGracePeriod),
      },
    },
    tag: props.groupTags.map((t) => ({ key: terraformLiteral(t.key), value: terraformLiteral(t.value), propagateAtLaunch: t.propagateAtLaunch })),
    lifecycle: { ignoreChanges: ['desired_capacity'] },
  });
  const { metric, targetValue, namespace } = fleet.scaling;
  const policy = new AutoscalingPolicy(scope, 'scaling_policy', {
    provider,
    name: terraformLiteral(`${name}-${metric}`),
    autoscalingGroupName: group.name,
    policyType: 'TargetTrackingScaling',
    estimatedInstanceWarmup: fleet.healthCheckGracePeriod,
    targetTrackingConfiguration:
      metric === 'cpu'
        ? { predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' }, targetValue }
        : {
            // terraform-aws-swfw-modules' scaling plan reads the plugin's metric without dimensions.
            customizedMetricSpecification: { metricName: PANOS_SESSION_METRIC, namespace: terraformLiteral(namespace), statistic: 'Average' },
            targetValue,
          },
  });
  return { group, policy };
}
