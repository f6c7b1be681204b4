import type { NetworkModel, RegionModel } from '../blueprint/model';
import { TerraformOutput, type Construct } from '../cdk/core';
import { ApplianceFleet } from '../constructs/appliance-fleet';
import { GatewayLoadBalancerEndpoints } from '../constructs/gateway-load-balancer-endpoints';
import { NatGateways } from '../constructs/nat-gateways';
import { cidrLabel } from '../constructs/routing';
import { TieredVpc } from '../constructs/tiered-vpc';
import { TransitGatewayAttachment } from '../constructs/transit-gateway-attachment';
import { Ec2TransitGatewayRoute } from '../cdk/aws';
import type { HubStack } from './hub-stack';
import { regionPrefix } from './names';
import { NetworkStack } from './network-stack';
import { vpcOutputs } from './outputs';

export interface EgressStackProps {
  readonly model: NetworkModel;
  readonly region: RegionModel;
  readonly hub: HubStack;
}

/**
 * The central egress and inspection VPC: every appliance fleet of the region
 * (each behind its own GWLB and endpoint service), the egress fleet's endpoints,
 * NAT per AZ, and the TGW attachment in appliance mode that all inspected
 * traffic enters by (DESIGN.md, routing rows "egress").
 */
export class EgressStack extends NetworkStack {
  /** The VPC's TGW attachment, as the TGW account sees it. */
  readonly attachment: TransitGatewayAttachment;
  readonly fleets: ReadonlyMap<string, ApplianceFleet>;
  readonly vpc: TieredVpc;

  constructor(scope: Construct, id: string, props: EgressStackProps) {
    const egress = props.region.egress;
    super(scope, id, { model: props.model, region: props.region, account: egress.account });
    const { model, region, hub } = props;
    const name = `${regionPrefix(model, region)}-egress`;
    const accountId = this.accountId(egress.account);

    this.vpc = new TieredVpc(this, 'vpc', { name, vpc: egress, accountId, internetGateway: true, flowLogBucketArn: this.flowLogBucketArn });
    const igw = this.vpc.internetGateway!;
    const nat = new NatGateways(this, 'nat', {
      name,
      subnets: this.vpc.tier('public').map((s) => ({ az: s.az, subnetId: s.subnet.id })),
      dependsOn: [igw],
    });

    const fleets = new Map<string, ApplianceFleet>();
    for (const fleet of region.fleets) {
      fleets.set(
        fleet.name,
        new ApplianceFleet(this, `fleet_${fleet.name}`, {
          name: `${regionPrefix(model, region)}-${fleet.name}`,
          fleet,
          region: region.code,
          partition: this.partition,
          accountId,
          vpcId: this.vpc.vpc.id,
          subnets: this.vpc.tier('appliance').map((s) => ({ az: s.az, subnetId: s.subnet.id, cidr: s.cidr, availabilityZone: s.subnet.availabilityZone })),
          allowedAccountIds: fleet.endpointAccounts.map((a) => this.accountId(a)),
          instanceTags: this.defaultTags,
        }),
      );
    }
    this.fleets = fleets;
    for (const fleet of fleets.values()) {
      this.addFile(fleet.userData.file, fleet.userData.content);
      for (const extra of fleet.userData.handOffFiles) this.addFile(extra.file, extra.content);
    }

    const endpoints = new GatewayLoadBalancerEndpoints(this, 'gwlbe', {
      name,
      vpcId: this.vpc.vpc.id,
      subnets: this.vpc.tier('gwlbe').map((s) => ({ az: s.az, subnetId: s.subnet.id })),
      serviceName: fleets.get(egress.fleet!)!.endpointService.serviceName,
    });

    const tgwAccount = region.transitGateway.account;
    const tgwProvider = this.providerFor(tgwAccount);
    const attachment = (this.attachment = new TransitGatewayAttachment(this, 'tgw_attachment', {
      name,
      vpcId: this.vpc.vpc.id,
      subnetIds: this.vpc.subnetIds('tgw'),
      transitGatewayId: hub.transitGatewayIdFor(this, egress.account),
      applianceModeSupport: true,
      transitGatewayProvider: tgwProvider,
      associationRouteTableId: hub.hub.routeTables.inspection.id,
      propagationRouteTableIds: {},
    }));
    // Everything that leaves a spoke or a DMZ goes to inspection first; so does what an office
    // sends to AWS. The offices learn the `onprem` routes over BGP, so that table holds the VPC
    // CIDRs (or their summary) and a default route only when the blueprint sends the offices'
    // internet traffic through AWS (tgw-routes.ts).
    const tables = hub.hub.routeTables;
    const tgwRoute = (id: string, tableId: string, destination: string) =>
      new Ec2TransitGatewayRoute(this, id, {
        provider: tgwProvider,
        destinationCidrBlock: destination,
        transitGatewayAttachmentId: attachment.attachmentId,
        transitGatewayRouteTableId: tableId,
      });
    tgwRoute('tgw_route_spokes_default', tables.spokes.id, '0.0.0.0/0');
    if (tables.dmzs) tgwRoute('tgw_route_dmzs_default', tables.dmzs.id, '0.0.0.0/0');
    for (const cidr of region.onprem.toEgress) tgwRoute(`tgw_route_onprem_${cidrLabel(cidr)}`, tables.onprem.id, cidr);

    // A VPC route to the TGW is valid only once the VPC is attached (and the attachment accepted).
    const toTgw = { kind: 'transit-gateway', transitGatewayId: attachment.transitGatewayIdForRoutes } as const;
    for (const az of region.azs) {
      const toEndpoint = { kind: 'gwlb-endpoint', vpcEndpointId: endpoints.endpointIdIn(az) } as const;
      const toNat = { kind: 'nat-gateway', natGatewayId: nat.natGatewayIdIn(az) } as const;
      this.vpc.route(this.vpc.subnet('tgw', az), '0.0.0.0/0', toEndpoint);
      const gwlbe = this.vpc.subnet('gwlbe', az);
      this.vpc.route(gwlbe, '0.0.0.0/0', toNat);
      this.vpc.routeInternal(gwlbe, region.internalCidrs, toTgw);
      const publicSubnet = this.vpc.subnet('public', az);
      this.vpc.route(publicSubnet, '0.0.0.0/0', { kind: 'internet-gateway', gatewayId: igw.id });
      // Replies from the internet to internal hosts are inspected on their way back in.
      this.vpc.routeInternal(publicSubnet, region.internalCidrs, toEndpoint);
      const appliance = this.vpc.subnet('appliance', az);
      this.vpc.route(appliance, '0.0.0.0/0', toNat);
      this.vpc.routeInternal(appliance, region.internalCidrs, toTgw);
    }

    vpcOutputs(this, this.vpc, attachment);
    // Where inspected traffic leaves for the internet: the destination of the post-deploy checks' paths.
    new TerraformOutput(this, 'internet_gateway_id', { value: igw.id });
    for (const [fleetName, fleet] of fleets) {
      new TerraformOutput(this, `${fleetName}_endpoint_service_name`, { value: fleet.endpointService.serviceName });
      new TerraformOutput(this, `${fleetName}_gwlb_arn`, { value: fleet.loadBalancer.arn });
      new TerraformOutput(this, `${fleetName}_asg_name`, { value: fleet.autoScalingGroup.name });
      new TerraformOutput(this, `${fleetName}_alarm_names`, { value: fleet.alarms.map((a) => a.alarmName) });
    }
  }
}
