import type { FleetModel } from '../blueprint/model';
import {
  AutoscalingGroup,
  DataAwsAmi,
  IamInstanceProfile,
  IamRole,
  IamRolePolicy,
  LaunchTemplate,
  Lb,
  LbListener,
  LbTargetGroup,
  SecurityGroup,
  VpcEndpointService,
  VpcSecurityGroupEgressRule,
  VpcSecurityGroupIngressRule,
} from '../cdk/aws';
import { Construct, Fn, type TerraformProvider } from '../cdk/core';
import type { AvailabilityZone } from '../blueprint/model';
import { VENDOR_PROFILES } from '../blueprint/vendors';
import { fleetPolicyStatements } from './fleet-policy';
import { fleetUserData, type FleetUserData } from './fleet-user-data';
import { awsName, NAME_LIMITS } from './aws-names';
import { cidrLabel } from './routing';
import { nameTag } from './tags';
import { terraformLiteral } from './terraform-literal';

/** GWLB speaks GENEVE on this port only. */
export const GENEVE_PORT = 6081;

export interface ApplianceFleetProps {
  /** Name prefix, e.g. `acme-eu-west-2-cloudguard`; also the GWLB name (at most 32 characters). */
  readonly name: string;
  readonly fleet: FleetModel;
  readonly region: string;
  readonly partition: string;
  readonly accountId: string;
  readonly vpcId: string;
  /** The egress VPC's `appliance` tier: the GWLB and the appliances live here. */
  readonly subnets: readonly { readonly az: AvailabilityZone; readonly subnetId: string; readonly cidr: string }[];
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
 * An auto-scaled appliance fleet behind a Gateway Load Balancer, published as a
 * VPC endpoint service that the egress VPC and the DMZs consume.
 */
export class ApplianceFleet extends Construct {
  readonly loadBalancer: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly endpointService: VpcEndpointService;
  readonly autoScalingGroup: AutoscalingGroup;
  readonly securityGroup: SecurityGroup;
  readonly launchTemplate: LaunchTemplate;
  /** The rendered user data file, which the stack writes beside its Terraform. */
  readonly userData: FleetUserData;

  constructor(scope: Construct, id: string, props: ApplianceFleetProps) {
    super(scope, id);
    const { provider, fleet, name } = props;
    const subnetIds = props.subnets.map((s) => s.subnetId);

    this.loadBalancer = new Lb(this, 'gwlb', {
      provider,
      name: awsName(name, NAME_LIMITS.loadBalancer),
      loadBalancerType: 'gateway',
      subnets: subnetIds,
      enableCrossZoneLoadBalancing: fleet.crossZone,
      enableDeletionProtection: false,
      tags: nameTag(`${name}-gwlb`),
    });

    const check = fleet.healthCheck;
    this.targetGroup = new LbTargetGroup(this, 'target_group', {
      provider,
      name: awsName(name, NAME_LIMITS.targetGroup),
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
      tags: nameTag(`${name}-geneve`),
    });

    new LbListener(this, 'listener', {
      provider,
      loadBalancerArn: this.loadBalancer.arn,
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
      tags: nameTag(`${name}-listener`),
    });

    this.endpointService = new VpcEndpointService(this, 'endpoint_service', {
      provider,
      gatewayLoadBalancerArns: [this.loadBalancer.arn],
      // Only the accounts that host this fleet's endpoints may connect; they are
      // known at synth time, so their endpoints need no manual acceptance.
      acceptanceRequired: false,
      allowedPrincipals: props.allowedAccountIds.map((id) => `arn:${props.partition}:iam::${id}:root`),
      tags: nameTag(`${name}-service`),
    });

    this.securityGroup = this.buildSecurityGroup(props);
    const profile = this.buildInstanceProfile(props);
    const image = new DataAwsAmi(this, 'ami', { provider, filter: [{ name: 'image-id', values: [fleet.ami] }] });

    this.userData = fleetUserData(this, {
      name,
      fleet,
      region: props.region,
      loadBalancer: this.loadBalancer,
      applianceSubnets: props.subnets,
      provider,
    });
    // Device 0 is the GWLB target; a second interface (Palo Alto) carries management.
    const interfaceCount = VENDOR_PROFILES[fleet.vendor].networkInterfaces;
    this.launchTemplate = new LaunchTemplate(this, 'launch_template', {
      provider,
      name,
      imageId: fleet.ami,
      instanceType: fleet.instanceType,
      updateDefaultVersion: true,
      userData: this.userData.userData,
      iamInstanceProfile: { arn: profile.arn },
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      networkInterfaces: Array.from({ length: interfaceCount }, (_, deviceIndex) => ({
        deviceIndex,
        // EC2 refuses associate_public_ip_address on a launch with several interfaces; the
        // appliance subnets never map public IPs, so no interface gets one either way.
        ...(interfaceCount === 1 ? { associatePublicIpAddress: 'false' } : {}),
        deleteOnTermination: 'true',
        securityGroups: [this.securityGroup.id],
      })),
      blockDeviceMappings: [
        { deviceName: image.rootDeviceName, ebs: { volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } },
      ],
      monitoring: { enabled: true },
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({
        resourceType,
        tags: { ...props.instanceTags, ...nameTag(`${name}-appliance`) },
      })),
      tags: nameTag(name),
    });

    this.autoScalingGroup = new AutoscalingGroup(this, 'asg', {
      provider,
      name,
      minSize: fleet.minSize,
      maxSize: fleet.maxSize,
      desiredCapacity: fleet.desiredCapacity,
      vpcZoneIdentifier: subnetIds,
      targetGroupArns: [this.targetGroup.arn],
      healthCheckType: 'ELB',
      healthCheckGracePeriod: fleet.healthCheckGracePeriod,
      launchTemplate: { id: this.launchTemplate.id, version: '$Latest' },
      instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 50 } },
      // The group's own tags (default_tags skip Auto Scaling groups); the instances get
      // theirs from the launch template.
      tag: Object.entries({ ...props.instanceTags, ...nameTag(`${name}-asg`) }).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
    });
  }

  private buildSecurityGroup(props: ApplianceFleetProps): SecurityGroup {
    const { provider, fleet, name } = props;
    const group = new SecurityGroup(this, 'security_group', {
      provider,
      name: `${name}-appliances`,
      description: `GENEVE and health checks from the GWLB, management from ${fleet.managementCidrs.length ? 'admin ranges' : 'nowhere'}`,
      vpcId: props.vpcId,
      tags: nameTag(`${name}-appliances`),
    });
    const ingress = (id: string, cidr: string, protocol: string, port: number | undefined, description: string) =>
      new VpcSecurityGroupIngressRule(this, id, {
        provider,
        securityGroupId: group.id,
        cidrIpv4: cidr,
        ipProtocol: protocol,
        ...(port === undefined ? {} : { fromPort: port, toPort: port }),
        description,
        tags: nameTag(`${name}-${description.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`),
      });
    // The GWLB's nodes sit in the appliance subnets: GENEVE and health checks come only from there.
    for (const { az, cidr } of props.subnets) {
      ingress(`geneve_from_${az.label}`, cidr, 'udp', GENEVE_PORT, `GENEVE from GWLB ${az.label}`);
      ingress(`health_check_from_${az.label}`, cidr, 'tcp', fleet.healthCheck.port, `GWLB health check ${az.label}`);
    }
    for (const cidr of fleet.managementCidrs) {
      for (const port of fleet.managementPorts) ingress(`management_${port}_from_${cidrLabel(cidr)}`, cidr, 'tcp', port, `Management ${port} from ${cidr}`);
    }
    new VpcSecurityGroupEgressRule(this, 'egress_all', {
      provider,
      securityGroupId: group.id,
      cidrIpv4: '0.0.0.0/0',
      ipProtocol: '-1',
      description: 'GENEVE replies, updates and logging',
      tags: nameTag(`${name}-egress`),
    });
    return group;
  }

  private buildInstanceProfile(props: ApplianceFleetProps): IamInstanceProfile {
    const { provider, name } = props;
    const role = new IamRole(this, 'role', {
      provider,
      name: awsName(`${name}-appliance`, NAME_LIMITS.iamRole),
      assumeRolePolicy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      tags: nameTag(`${name}-appliance`),
    });
    const statements = fleetPolicyStatements({
      vendor: props.fleet.vendor,
      partition: props.partition,
      region: props.region,
      accountId: props.accountId,
      bootstrapSecret: props.fleet.bootstrapSecret,
      bootstrapBucket: props.fleet.bootstrapBucket,
    });
    if (statements.length > 0) {
      new IamRolePolicy(this, 'policy', { provider, role: role.id, name: 'appliance', policy: Fn.jsonencode({ Version: '2012-10-17', Statement: statements }) });
    }
    return new IamInstanceProfile(this, 'instance_profile', { provider, name: awsName(`${name}-appliance`, NAME_LIMITS.instanceProfile), role: role.name, tags: nameTag(`${name}-appliance`) });
  }
}
