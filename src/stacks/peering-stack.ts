import type { NetworkModel, PeeringModel, RegionModel } from '../blueprint/model';
import { rangesOf } from '../blueprint/model';
import { Ec2TransitGatewayRoute, Ec2TransitGatewayRouteTablePropagation } from '../cdk/aws';
import { TerraformOutput, type Construct } from '../cdk/core';
import { cidrLabel } from '../constructs/routing';
import { TransitGatewayPeering } from '../constructs/transit-gateway-peering';
import type { TransitGatewayAttachment } from '../constructs/transit-gateway-attachment';
import type { EgressStack } from './egress-stack';
import type { HubStack } from './hub-stack';
import { NetworkStack } from './network-stack';

/** What the peering stack needs from one region's other stacks. */
export interface PeeringRegion {
  readonly region: RegionModel;
  readonly hub: HubStack;
  readonly egress: EgressStack;
  /** Attachments of the region's spokes and DMZs, for direct delivery when the other region inspects. */
  readonly vpcAttachments: readonly TransitGatewayAttachment[];
}

export interface PeeringStackProps {
  readonly model: NetworkModel;
  readonly peering: PeeringModel;
  readonly regions: Readonly<Record<string, PeeringRegion>>;
}

/**
 * The peering between two regions' TGWs and all routing across it, from the two
 * TGW accounts (one provider per region). Peerings propagate nothing, so each
 * side gets static routes for the other region's VPCs and office prefixes.
 *
 * Inter-region traffic stays symmetric for stateful appliances: a region that
 * inspects the pair sends everything arriving over the peering to its egress VPC
 * (its fleet then sees both directions, the return having been routed to the
 * egress VPC by the spokes table's default route). A region that does not
 * inspect the pair (interRegion.inspection = once) delivers arriving traffic
 * straight to its VPCs and offices, and sends the pair's traffic straight to the
 * peering from its spokes and office tables, so its own fleet sees neither
 * direction. Never one direction per fleet.
 */
export class PeeringStack extends NetworkStack {
  constructor(scope: Construct, id: string, props: PeeringStackProps) {
    const { model, peering } = props;
    const requester = props.regions[peering.requester];
    const accepter = props.regions[peering.accepter];
    super(scope, id, { model, region: requester.region, account: requester.region.transitGateway.account });
    const accepterAccount = accepter.region.transitGateway.account;
    const peer = new TransitGatewayPeering(this, 'peering', {
      name: model.name,
      requester: { region: peering.requester, transitGatewayId: requester.hub.hub.transitGateway.id },
      accepter: {
        region: peering.accepter,
        transitGatewayId: accepter.hub.hub.transitGateway.id,
        accountId: this.accountId(accepterAccount),
        provider: this.providerFor(accepterAccount, peering.accepter),
      },
    });

    for (const [self, other] of [
      [requester, accepter],
      [accepter, requester],
    ] as const) {
      const side = peer.sides.get(self.region.code)!;
      const key = self.region.code.replace(/-/g, '_');
      const tables = self.hub.hub.routeTables;
      const route = (id: string, routeTableId: string, destination: string, attachmentId: string) =>
        new Ec2TransitGatewayRoute(this, id, {
          provider: side.provider,
          destinationCidrBlock: destination,
          transitGatewayAttachmentId: attachmentId,
          transitGatewayRouteTableId: routeTableId,
        });
      const inspects = peering.inspectedBy.includes(self.region.code);
      const remote = rangesOf(other.region);
      // Inspected traffic for the other region leaves the egress VPC for the TGW and finds the peering here.
      for (const cidr of remote) route(`${key}_inspection_to_${cidrLabel(cidr)}`, tables.inspection.id, cidr, side.attachmentId);
      if (inspects) {
        route(`${key}_peer_default`, side.routeTable.id, '0.0.0.0/0', self.egress.attachment.attachmentId);
        // Offices learn the other region's prefixes too, and reach them through this region's
        // appliances (unless `onprem` already carries them in the summary of the internal ranges).
        if (!self.region.onprem.summarised) {
          for (const cidr of remote) route(`${key}_onprem_to_${cidrLabel(cidr)}`, tables.onprem.id, cidr, self.egress.attachment.attachmentId);
        }
      } else {
        for (const cidr of remote) {
          route(`${key}_spokes_to_${cidrLabel(cidr)}`, tables.spokes.id, cidr, side.attachmentId);
          if (tables.dmzs) route(`${key}_dmzs_to_${cidrLabel(cidr)}`, tables.dmzs.id, cidr, side.attachmentId);
          route(`${key}_onprem_to_${cidrLabel(cidr)}`, tables.onprem.id, cidr, side.attachmentId);
        }
        // The other region manages this region's appliances across the peering: what arrives for
        // the egress VPC must find it (its fleets' management addresses are in the appliance subnets).
        new Ec2TransitGatewayRouteTablePropagation(this, `${key}_peer_egress`, {
          provider: side.provider,
          transitGatewayAttachmentId: self.egress.attachment.attachmentId,
          transitGatewayRouteTableId: side.routeTable.id,
        });
        self.vpcAttachments.forEach((attachment) => {
          new Ec2TransitGatewayRouteTablePropagation(this, `${key}_peer_${attachment.node.scope!.node.id.replace(/[^A-Za-z0-9]/g, '_')}`, {
            provider: side.provider,
            transitGatewayAttachmentId: attachment.attachmentId,
            transitGatewayRouteTableId: side.routeTable.id,
          });
        });
        for (const [name, vpn] of self.hub.vpns) {
          const spec = self.region.vpns.find((v) => v.name === name)!;
          if (spec.staticRoutesOnly) {
            for (const cidr of spec.cidrs) route(`${key}_peer_to_${cidrLabel(cidr)}`, side.routeTable.id, cidr, vpn.connection.transitGatewayAttachmentId);
          } else {
            new Ec2TransitGatewayRouteTablePropagation(this, `${key}_peer_vpn_${name.replace(/-/g, '_')}`, {
              provider: side.provider,
              transitGatewayAttachmentId: vpn.connection.transitGatewayAttachmentId,
              transitGatewayRouteTableId: side.routeTable.id,
            });
          }
        }
      }
    }
    new TerraformOutput(this, 'peering_attachment_id', { value: peer.attachment.id });
  }
}
