import type { AvailabilityZone, FleetModel } from '../blueprint/model';
import { VENDOR_PROFILES } from '../blueprint/vendors';
import {
  type AutoscalingGroup,
  type AutoscalingPolicy,
  type CloudwatchMetricAlarm,
  type LaunchTemplate,
  Lb,
  LbListener,
  LbTargetGroup,
  type SecurityGroup,
  VpcEndpointService,
} from '../cdk/aws';
import { Construct, type TerraformProvider } from '../cdk/core';
import { awsName, NAME_LIMITS } from './aws-names';
import { addFleetAlarms } from './fleet-alarms';
import { addFleetInstanceRole } from './fleet-instance-role';
import { addFleetLaunchTemplate } from './fleet-launch-template';
import { addFleetScaling } from './fleet-scaling';
import { addFleetSecurityGroups, GENEVE_PORT } from './fleet-security-groups';
import { fleetUserData, type FleetUserData } from './fleet-user-data';
import { nameTag } from './tags';
import { terraformLiteral, terraformLiteralMap } from './terraform-literal';

export { GENEVE_PORT } from './fleet-security-groups';

export interface ApplianceFleetProps {
  /** Name prefix, e.g. `acme-eu-west-2-cloudguard`; also the GWLB name (at most 32 characters). */
  readonly name: string;
  readonly fleet: FleetModel;
  readonly region: string;
  readonly partition: string;
  readonly accountId: string;
  readonly vpcId: string;
  /** The egress VPC's `appliance` tier: the GWLB and the appliances live here. */
  readonly subnets: readonly {
    readonly az: AvailabilityZone;
    readonly subnetId: string;
    readonly cidr: string;
    /** The subnet's AZ name as Terraform knows it (the alarms' AvailabilityZone dimension). */
    readonly availabilityZone: string;
  }[];
  /**
   * Tags for the appliances themselves: the provider's default_tags do not reach
   * instances and volumes launched by an Auto Scaling group.
   * @default {}
   */
  readonly instanceTags?: Readonly<Record<string, string>>;
  /** Account IDs allowed to create endpoints of this fleet's service (no acceptance needed). */
  readonly allowedAccountIds: readonly string[];
  readonly provider?: TerraformProvider;
  /**
   * Seconds a draining appliance keeps its flows. Short, because a GWLB flow
   * cannot move to another appliance anyway; rebalancing re-hashes it.
   * @default 20
   */
  readonly deregistrationDelaySeconds?: number;
}

/**
 * The tags Check Point's CME provisions a gateway by, on the Auto Scaling group and
 * propagated to every instance it launches (CheckPointSW/terraform-aws-cloudguard-
 * network-security modules/autoscale_gwlb/main.tf).
 */
export function cmeTags(fleet: FleetModel): { key: string; value: string }[] {
  if (fleet.management?.kind !== 'cme') return [];
  const { server, template, provisionAddress } = fleet.management;
  return [
    { key: 'x-chkp-tags', value: `management=${server}:template=${template}:ip-address=${provisionAddress}` },
    { key: 'x-chkp-topology', value: 'internal' },
    { key: 'x-chkp-solution', value: 'autoscale_gwlb' },
  ];
}

/**
 * An auto-scaled appliance fleet behind a Gateway Load Balancer, published as a
 * VPC endpoint service that the egress VPC and the DMZs consume. Its parts (security
 * groups, instance role, launch template, scaling, alarms) each have their own file
 * and add their resources to this construct's scope, so logical IDs stay stable.
 */
export class ApplianceFleet extends Construct {
  readonly loadBalancer: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly listener: LbListener;
  readonly endpointService: VpcEndpointService;
  readonly autoScalingGroup: AutoscalingGroup;
  readonly scalingPolicy: AutoscalingPolicy;
  readonly alarms: readonly CloudwatchMetricAlarm[];
  /** The data interface's group (GENEVE and health checks). */
  readonly securityGroup: SecurityGroup;
  readonly managementSecurityGroup: SecurityGroup;
  readonly launchTemplate: LaunchTemplate;
  /** The rendered user data file, which the stack writes beside its Terraform, and any hand-off files. */
  readonly userData: FleetUserData;

  constructor(scope: Construct, id: string, props: ApplianceFleetProps) {
    super(scope, id);
    const { provider, fleet, name } = props;
    const subnetIds = props.subnets.map((s) => s.subnetId);
    const cme = fleet.management?.kind === 'cme' ? fleet.management : undefined;

    this.loadBalancer = new Lb(this, 'gwlb', {
      provider,
      name: terraformLiteral(awsName(name, NAME_LIMITS.loadBalancer)),
      loadBalancerType: 'gateway',
      subnets: subnetIds,
      enableCrossZoneLoadBalancing: fleet.crossZone,
      enableDeletionProtection: false,
      // modules/gwlb/main.tf tags Check Point's GWLB with its CME management and template.
      tags: terraformLiteralMap({ ...nameTag(`${name}-gwlb`), ...(cme ? { 'x-chkp-management': cme.server, 'x-chkp-template': cme.template } : {}) }),
    });

    const check = fleet.healthCheck;
    this.targetGroup = new LbTargetGroup(this, 'target_group', {
      provider,
      name: terraformLiteral(awsName(name, NAME_LIMITS.targetGroup)),
      protocol: 'GENEVE',
      port: GENEVE_PORT,
      vpcId: props.vpcId,
      targetType: 'instance',
      deregistrationDelay: String(props.deregistrationDelaySeconds ?? 20),
      healthCheck: {
        enabled: true,
        protocol: check.protocol,
        port: String(check.port),
        ...(check.protocol === 'TCP' ? {} : { path: terraformLiteral(check.path ?? '/'), matcher: '200-399' }),
        interval: 10,
        timeout: 5,
        healthyThreshold: 3,
        unhealthyThreshold: 3,
      },
      // Both events must name the same action; rebalance moves existing flows off a
      // failed or draining appliance instead of black-holing them until they time out.
      targetFailover: [{ onDeregistration: 'rebalance', onUnhealthy: 'rebalance' }],
      // No stickiness block: GWLB then hashes each flow on its 5-tuple, the default
      // a stateful appliance wants (2- and 3-tuple stickiness would pin whole hosts).
      tags: nameTag(terraformLiteral(`${name}-geneve`)),
    });

    this.listener = new LbListener(this, 'listener', {
      provider,
      loadBalancerArn: this.loadBalancer.arn,
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
      // A GWLB forgets a TCP flow idle for 350 s by default and drops its next packet;
      // the vendor's own session timeout is longer (VENDOR_PROFILES.listenerIdleTimeout).
      tcpIdleTimeoutSeconds: fleet.listenerIdleTimeout,
      tags: nameTag(terraformLiteral(`${name}-listener`)),
    });

    this.endpointService = new VpcEndpointService(this, 'endpoint_service', {
      provider,
      gatewayLoadBalancerArns: [this.loadBalancer.arn],
      // Only the accounts that host this fleet's endpoints may connect; they are
      // known at synth time, so their endpoints need no manual acceptance.
      acceptanceRequired: false,
      allowedPrincipals: props.allowedAccountIds.map((accountId) => `arn:${props.partition}:iam::${accountId}:root`),
      tags: nameTag(terraformLiteral(`${name}-service`)),
    });

    const groups = addFleetSecurityGroups(this, { name, fleet, vpcId: props.vpcId, subnets: props.subnets, provider });
    this.securityGroup = groups.data;
    this.managementSecurityGroup = groups.management;

    this.userData = fleetUserData(this, { name, fleet, region: props.region, loadBalancer: this.loadBalancer, applianceSubnets: props.subnets, provider });
    const profile = addFleetInstanceRole(this, {
      name,
      provider,
      vendor: fleet.vendor,
      partition: props.partition,
      region: props.region,
      accountId: props.accountId,
      metricNamespace: fleet.scaling.metric === 'sessions' ? fleet.scaling.namespace : VENDOR_PROFILES[fleet.vendor].metricNamespace,
      bootstrapSecret: fleet.bootstrapSecret,
      bootstrapBucket: fleet.bootstrapBucket,
      bucketObjects: this.userData.bucketObjects,
    });
    this.launchTemplate = addFleetLaunchTemplate(this, {
      name,
      fleet,
      userData: this.userData.userData,
      profile,
      securityGroups: groups,
      instanceTags: props.instanceTags,
      provider,
    });

    const scaling = addFleetScaling(this, {
      name,
      fleet,
      subnetIds,
      targetGroupArn: this.targetGroup.arn,
      launchTemplate: this.launchTemplate,
      groupTags: [
        // The group's own tags (default_tags skip Auto Scaling groups); the instances get
        // theirs from the launch template, except CME's, which must come from the group.
        ...Object.entries({ ...props.instanceTags, ...nameTag(`${name}-asg`) }).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
        ...cmeTags(fleet).map((t) => ({ ...t, propagateAtLaunch: true })),
      ],
      provider,
    });
    this.autoScalingGroup = scaling.group;
    this.scalingPolicy = scaling.policy;
    this.alarms = addFleetAlarms(this, {
      name,
      loadBalancer: this.loadBalancer,
      targetGroup: this.targetGroup,
      zones: props.subnets.map((s) => ({ az: s.az, availabilityZone: s.availabilityZone })),
      topicArn: fleet.alarmTopicArn,
      provider,
    });
  }
}
