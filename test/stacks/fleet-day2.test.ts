/**
 * Day 2 of every fleet of every example blueprint: the group follows the launch
 * template's latest version with a rolling refresh that never runs below size,
 * Terraform leaves desired_capacity to scaling, a target-tracking policy per
 * vendor, an UnHealthyHostCount alarm per AZ on the fleet's target group, and the
 * listener's idle timeout. Expected values are the vendors' (see vendors.ts'
 * sources), written out here, not read from the code under test.
 */
import * as path from 'node:path';
import { readdirSync } from 'node:fs';
import { modelOf, REFERENCE, resources, ROOT, synthStacks, type SynthesizedStack } from './support';

const EXAMPLES = [REFERENCE, ...readdirSync(path.join(ROOT, 'examples')).filter((f) => /\.blueprint\.(json|ya?ml)$/.test(f)).map((f) => path.join(ROOT, 'examples', f))];

/** Per example fleet: the scaling policy and listener timeout the vendor (or the example) asks for, and its alarm topic. */
const EXPECTED: Record<string, { policy: any; idle: number; topic?: string; azs: number }> = {
  'acme/cloudguard': { policy: { predefined_metric_specification: { predefined_metric_type: 'ASGAverageCPUUtilization' }, target_value: 70 }, idle: 3600, azs: 3 },
  'globex/vmseries': {
    policy: { customized_metric_specification: { metric_name: 'panSessionActive', namespace: 'VMseries', statistic: 'Average' }, target_value: 75 },
    idle: 3600,
    topic: 'arn:aws:sns:eu-west-1:111122223333:globex-network-alarms',
    azs: 3,
  },
  'globex/fortigate': {
    policy: { predefined_metric_specification: { predefined_metric_type: 'ASGAverageCPUUtilization' }, target_value: 60 },
    idle: 3600,
    topic: 'arn:aws:sns:us-east-1:111122223333:globex-network-alarms',
    azs: 3,
  },
  'lab/hairpin': { policy: { predefined_metric_specification: { predefined_metric_type: 'ASGAverageCPUUtilization' }, target_value: 70 }, idle: 3600, topic: 'arn:aws:sns:us-east-1:555555555555:lab-alarms', azs: 2 },
  'globalcorp/firewall': { policy: { predefined_metric_specification: { predefined_metric_type: 'ASGAverageCPUUtilization' }, target_value: 70 }, idle: 3600, azs: 3 },
};

describe.each(EXAMPLES.map((file) => [path.relative(ROOT, file), file]))('%s', (_label, file) => {
  const model = modelOf(file);
  let stacks: Record<string, SynthesizedStack>;
  beforeAll(() => {
    stacks = synthStacks(model);
  });
  const fleets = model.regions.flatMap((region) => region.fleets.map((fleet) => ({ region, fleet })));

  it.each(fleets.map(({ region, fleet }) => [`${region.code}/${fleet.name}`, region.code, fleet.name]))('fleet %s', (_name, code, fleetName) => {
    const expected = EXPECTED[`${model.name}/${fleetName}`];
    expect(expected).toBeDefined();
    const egress = stacks[`${model.name}-${code}-egress`];
    const id = `fleet_${fleetName}`;
    const asg = resources(egress, 'aws_autoscaling_group')[`${id}_asg`];
    expect(asg.launch_template.version).toBe(`\${aws_launch_template.${id}_launch_template.latest_version}`);
    expect(asg.instance_refresh).toEqual({
      strategy: 'Rolling',
      preferences: { min_healthy_percentage: 100, max_healthy_percentage: 200, instance_warmup: String(asg.health_check_grace_period) },
    });
    expect(asg.lifecycle.ignore_changes).toEqual(['desired_capacity']);
    expect(asg.health_check_type).toBe('ELB');

    const policies = Object.values(resources(egress, 'aws_autoscaling_policy')).filter((p: any) => p.autoscaling_group_name === `\${aws_autoscaling_group.${id}_asg.name}`) as any[];
    expect(policies).toHaveLength(1);
    expect(policies[0].policy_type).toBe('TargetTrackingScaling');
    expect(policies[0].target_tracking_configuration).toEqual(expected.policy);

    const alarms = Object.values(resources(egress, 'aws_cloudwatch_metric_alarm')).filter((a: any) => a.dimensions.TargetGroup === `\${aws_lb_target_group.${id}_target_group.arn_suffix}`) as any[];
    expect(alarms).toHaveLength(expected.azs);
    const subnets = alarms.map((a) => /^\$\{aws_subnet\.(vpc_subnet_appliance_[a-z0-9]+)\.availability_zone\}$/.exec(a.dimensions.AvailabilityZone)?.[1]).sort();
    expect(subnets).toEqual(asg.vpc_zone_identifier.map((s: string) => /aws_subnet\.([a-z0-9_]+)\.id/.exec(s)![1]).sort());
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({ namespace: 'AWS/GatewayELB', metric_name: 'UnHealthyHostCount', comparison_operator: 'GreaterThanThreshold', threshold: 0 });
      expect(alarm.dimensions.LoadBalancer).toBe(`\${aws_lb.${id}_gwlb.arn_suffix}`);
      expect(alarm.alarm_actions).toEqual(expected.topic ? [expected.topic] : []);
    }

    const listener = resources(egress, 'aws_lb_listener')[`${id}_listener`];
    expect(listener.tcp_idle_timeout_seconds).toBe(expected.idle);
  });
});
