import type { Tier } from '../blueprint/address-plan';
import type { AvailabilityZone, VpcModel } from '../blueprint/model';
import { contains, parseCidr } from '../blueprint/cidr';
import { DefaultSecurityGroup, InternetGateway, RouteTable, RouteTableAssociation, Subnet, Vpc } from '../cdk/aws';
import { Construct, type TerraformProvider } from '../cdk/core';
import { addRoute, cidrLabel, type RouteTarget } from './routing';
import { nameTag } from './tags';
import { VpcFlowLogs } from './vpc-flow-logs';

export interface TieredVpcProps {
  /** Prefix of every Name tag, e.g. `acme-eu-west-2-egress`. */
  readonly name: string;
  /** The planned VPC: CIDR and every subnet, per tier and AZ. */
  readonly vpc: VpcModel;
  readonly accountId: string;
  readonly provider?: TerraformProvider;
  /** @default false */
  readonly internetGateway?: boolean;
  /** Deliver the flow log to this S3 bucket ARN (central flow logs). @default CloudWatch Logs in the VPC's account */
  readonly flowLogBucketArn?: string;
}

/** One subnet of a tier in one AZ, with the route table that only it uses. */
export interface TierSubnet {
  readonly tier: Tier;
  readonly az: AvailabilityZone;
  readonly cidr: string;
  readonly subnet: Subnet;
  readonly routeTable: RouteTable;
}

/**
 * A VPC with its subnets carved per tier and AZ by the address planner. Every
 * subnet has its own route table (routes differ per AZ: each AZ's traffic goes
 * to that AZ's endpoint or NAT gateway) explicitly associated, so no subnet ever
 * falls back to the main route table. DNS support is on, the default security
 * group has no rules (Security Hub EC2.2) and all traffic is flow-logged (EC2.6).
 */
export class TieredVpc extends Construct {
  readonly vpc: Vpc;
  readonly internetGateway?: InternetGateway;
  readonly subnets: readonly TierSubnet[];
  private readonly provider?: TerraformProvider;
  private readonly ownCidr: string;

  constructor(scope: Construct, id: string, props: TieredVpcProps) {
    super(scope, id);
    const { provider, name } = props;
    this.provider = provider;
    this.ownCidr = props.vpc.cidr;
    this.vpc = new Vpc(this, 'vpc', {
      provider,
      cidrBlock: props.vpc.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { ...nameTag(name), 'gwlb-blueprint:role': props.vpc.role, 'gwlb-blueprint:vpc': props.vpc.name },
    });
    new DefaultSecurityGroup(this, 'default_security_group', { provider, vpcId: this.vpc.id, tags: nameTag(`${name}-default-closed`) });
    new VpcFlowLogs(this, 'flow_logs', { provider, vpcId: this.vpc.id, name, accountId: props.accountId, s3Destination: props.flowLogBucketArn });
    if (props.internetGateway) {
      this.internetGateway = new InternetGateway(this, 'igw', { provider, vpcId: this.vpc.id, tags: nameTag(`${name}-igw`) });
    }
    this.subnets = props.vpc.subnets.map((planned) => {
      const id = `${planned.tier}_${planned.az.label}`;
      const placement = planned.az.kind === 'id' ? { availabilityZoneId: planned.az.value } : { availabilityZone: planned.az.value };
      const subnet = new Subnet(this, `subnet_${id}`, {
        provider,
        vpcId: this.vpc.id,
        cidrBlock: planned.cidr,
        ...placement,
        mapPublicIpOnLaunch: false,
        tags: { ...nameTag(`${name}-${planned.tier}-${planned.az.label}`), 'gwlb-blueprint:tier': planned.tier },
      });
      const routeTable = new RouteTable(this, `route_table_${id}`, { provider, vpcId: this.vpc.id, tags: nameTag(`${name}-${planned.tier}-${planned.az.label}`) });
      new RouteTableAssociation(this, `route_table_association_${id}`, { provider, subnetId: subnet.id, routeTableId: routeTable.id });
      return { tier: planned.tier, az: planned.az, cidr: planned.cidr, subnet, routeTable };
    });
  }

  tier(tier: Tier): TierSubnet[] {
    return this.subnets.filter((s) => s.tier === tier);
  }

  /** The subnet of `tier` in `az`. */
  subnet(tier: Tier, az: AvailabilityZone): TierSubnet {
    const found = this.subnets.find((s) => s.tier === tier && s.az.label === az.label);
    if (!found) throw new Error(`internal: no ${tier} subnet in ${az.value}`);
    return found;
  }

  subnetIds(tier: Tier): string[] {
    return this.tier(tier).map((s) => s.subnet.id);
  }

  /** Adds `destination → target` to the route table of `subnet`. */
  route(subnet: TierSubnet, destination: string, target: RouteTarget): void {
    addRoute(this, `route_${subnet.tier}_${subnet.az.label}_${cidrLabel(destination)}`, subnet.routeTable, destination, target, this.provider);
  }

  /**
   * Adds a route for each internal range, skipping ranges inside this VPC's own
   * CIDR: those are served by the VPC's local route, which no route may shadow
   * with a TGW target.
   */
  routeInternal(subnet: TierSubnet, internalCidrs: readonly string[], target: RouteTarget): void {
    const own = parseCidr(this.ownCidr);
    for (const cidr of internalCidrs) {
      const range = parseCidr(cidr);
      if (own.ok && range.ok && contains(own.block, range.block)) continue;
      this.route(subnet, cidr, target);
    }
  }
}
