import type { NetworkModel, RegionModel, VpcModel } from '../blueprint/model';
import { s3EndpointPolicy } from '../blueprint/s3-endpoint-policy';
import { RamPrincipalAssociation, RamResourceAssociation, RamResourceShare, RouteTable, RouteTableAssociation, VpcEndpoint } from '../cdk/aws';
import { Fn, TerraformOutput, type Construct } from '../cdk/core';
import { GatewayLoadBalancerEndpoints } from '../constructs/gateway-load-balancer-endpoints';
import { addRoute } from '../constructs/routing';
import { nameTag } from '../constructs/tags';
import { terraformLiteral } from '../constructs/terraform-literal';
import { TieredVpc } from '../constructs/tiered-vpc';
import type { TransitGatewayAttachment } from '../constructs/transit-gateway-attachment';
import type { EgressStack } from './egress-stack';
import type { HubStack } from './hub-stack';
import { vpcStackName } from './names';
import { NetworkStack } from './network-stack';
import { vpcOutputs } from './outputs';
import { attachVpc } from './vpc-attachment';

export interface DmzStackProps {
  readonly model: NetworkModel;
  readonly region: RegionModel;
  readonly dmz: VpcModel;
  readonly hub: HubStack;
  readonly egress: EgressStack;
}

/**
 * An internet-facing DMZ inspected at its edge: the IGW's edge route table sends
 * traffic for each public and app subnet to that AZ's GWLB endpoint of the DMZ's
 * fleet (an app instance given a public address is never reached uninspected),
 * and the public subnets answer through the same endpoint (DESIGN.md, rows "DMZ").
 */
export class DmzStack extends NetworkStack {
  /** The VPC's TGW attachment, as the TGW account sees it. */
  readonly attachment: TransitGatewayAttachment;
  constructor(scope: Construct, id: string, props: DmzStackProps) {
    super(scope, id, { model: props.model, region: props.region, account: props.dmz.account });
    const { model, region, dmz, hub, egress } = props;
    const name = vpcStackName(model, region, dmz);
    const vpc = new TieredVpc(this, 'vpc', { name, vpc: dmz, accountId: this.accountId(dmz.account), internetGateway: true, flowLogBucketArn: this.flowLogBucketArn });
    const igw = vpc.internetGateway!;

    const endpoints = new GatewayLoadBalancerEndpoints(this, 'gwlbe', {
      name,
      vpcId: vpc.vpc.id,
      subnets: vpc.tier('gwlbe').map((s) => ({ az: s.az, subnetId: s.subnet.id })),
      serviceName: egress.fleets.get(dmz.fleet!)!.endpointService.serviceName,
    });

    const attachment = (this.attachment = attachVpc(this, name, vpc, dmz, hub, region));

    // Ingress: the IGW hands traffic for a public subnet to that AZ's endpoint, never straight in.
    const edge = new RouteTable(this, 'edge_route_table', { vpcId: vpc.vpc.id, tags: nameTag(`${name}-igw-edge`) });
    new RouteTableAssociation(this, 'edge_route_table_association', { gatewayId: igw.id, routeTableId: edge.id });
    const toTgw = { kind: 'transit-gateway', transitGatewayId: attachment.transitGatewayIdForRoutes } as const;
    for (const az of region.azs) {
      const toEndpoint = { kind: 'gwlb-endpoint', vpcEndpointId: endpoints.endpointIdIn(az) } as const;
      const publicSubnet = vpc.subnet('public', az);
      addRoute(this, `edge_route_public_${az.label}`, edge, publicSubnet.cidr, toEndpoint);
      addRoute(this, `edge_route_app_${az.label}`, edge, vpc.subnet('app', az).cidr, toEndpoint);
      vpc.route(vpc.subnet('gwlbe', az), '0.0.0.0/0', { kind: 'internet-gateway', gatewayId: igw.id });
      vpc.route(publicSubnet, '0.0.0.0/0', toEndpoint);
      vpc.routeInternal(publicSubnet, region.internalCidrs, toTgw);
      const app = vpc.subnet('app', az);
      vpc.routeInternal(app, region.internalCidrs, toTgw);
      vpc.route(app, '0.0.0.0/0', toTgw);
    }

    // S3 without a trip through NAT and the appliances (package repositories, logs, backups),
    // limited to the blueprint's own accounts and the AWS-owned buckets instances need: the
    // default policy would let a DMZ instance copy data into any bucket in the world.
    // The accounts come from the hub, so that adding one changes no DMZ stack (DESIGN.md, "Stability contract").
    if (dmz.s3Endpoint) {
      const policy = s3EndpointPolicy({
        partition: this.partition,
        region: region.code,
        accountIds: hub.accountIdsFor(this),
        buckets: dmz.s3Endpoint.buckets.map(terraformLiteral),
      });
      new VpcEndpoint(this, 's3_endpoint', {
        vpcId: vpc.vpc.id,
        serviceName: `com.amazonaws.${region.code}.s3`,
        vpcEndpointType: 'Gateway',
        routeTableIds: vpc.tier('app').map((s) => s.routeTable.id),
        policy: Fn.jsonencode(policy),
        tags: nameTag(`${name}-s3`),
      });
    }

    if (dmz.shareWith.length > 0) this.shareSubnets(name, vpc, dmz);

    vpcOutputs(this, vpc, attachment);
    // Where the internet enters the DMZ: the source of a Reachability Analyzer path to what it serves.
    new TerraformOutput(this, 'internet_gateway_id', { value: igw.id });
    new TerraformOutput(this, 'gwlb_endpoint_ids', {
      value: Object.fromEntries(region.azs.map((az) => [az.label, endpoints.endpointIdIn(az)])),
    });
  }

  /** The "shared DMZ": other accounts of the Organization place their ALBs and apps in these subnets. */
  private shareSubnets(name: string, vpc: TieredVpc, dmz: VpcModel): void {
    const share = new RamResourceShare(this, 'subnet_share', { name: `${name}-subnets`, allowExternalPrincipals: false, tags: nameTag(`${name}-subnets`) });
    for (const subnet of [...vpc.tier('public'), ...vpc.tier('app')]) {
      new RamResourceAssociation(this, `subnet_share_${subnet.tier}_${subnet.az.label}`, { resourceShareArn: share.arn, resourceArn: subnet.subnet.arn });
    }
    for (const account of dmz.shareWith) {
      new RamPrincipalAssociation(this, `subnet_share_with_${account}`, { resourceShareArn: share.arn, principal: this.accountId(account) });
    }
  }
}
