import {
  Ec2TransitGatewayPeeringAttachment,
  Ec2TransitGatewayPeeringAttachmentAccepter,
  Ec2TransitGatewayRouteTable,
  Ec2TransitGatewayRouteTableAssociation,
} from '../cdk/aws';
import { Construct, type TerraformProvider } from '../cdk/core';
import { nameTag } from './tags';

/** One end of a peering, as the TGW of that region sees it. */
export interface PeeringSide {
  readonly region: string;
  readonly transitGatewayId: string;
  readonly provider?: TerraformProvider;
}

export interface TransitGatewayPeeringProps {
  /** Name tag prefix, e.g. `acme`. */
  readonly name: string;
  readonly requester: PeeringSide;
  readonly accepter: PeeringSide & { readonly accountId: string };
}

/**
 * A TGW peering between two regions, requested from one and accepted from the
 * other (cross-account when the TGW owners differ). Each side gets a route table
 * of its own for what arrives over the peering (`peer-<region>`), because the
 * peering's traffic is routed differently from a spoke's or an office's.
 */
export class TransitGatewayPeering extends Construct {
  readonly attachment: Ec2TransitGatewayPeeringAttachment;
  readonly accepter: Ec2TransitGatewayPeeringAttachmentAccepter;
  /** Per region: the peering's attachment ID as that side sees it, and its route table there. */
  readonly sides: ReadonlyMap<string, { readonly attachmentId: string; readonly routeTable: Ec2TransitGatewayRouteTable; readonly provider?: TerraformProvider }>;

  constructor(scope: Construct, id: string, props: TransitGatewayPeeringProps) {
    super(scope, id);
    const { requester, accepter } = props;
    const label = `${props.name}-${requester.region}-${accepter.region}`;
    this.attachment = new Ec2TransitGatewayPeeringAttachment(this, 'attachment', {
      provider: requester.provider,
      transitGatewayId: requester.transitGatewayId,
      peerTransitGatewayId: accepter.transitGatewayId,
      peerRegion: accepter.region,
      peerAccountId: accepter.accountId,
      tags: nameTag(label),
    });
    this.accepter = new Ec2TransitGatewayPeeringAttachmentAccepter(this, 'accepter', {
      provider: accepter.provider,
      transitGatewayAttachmentId: this.attachment.id,
      tags: nameTag(label),
    });
    const sides = new Map<string, { attachmentId: string; routeTable: Ec2TransitGatewayRouteTable; provider?: TerraformProvider }>();
    for (const [side, other, attachmentId] of [
      [requester, accepter, this.accepter.id],
      [accepter, requester, this.accepter.id],
    ] as const) {
      const routeTable = new Ec2TransitGatewayRouteTable(this, `route_table_${side.region.replace(/-/g, '_')}`, {
        provider: side.provider,
        transitGatewayId: side.transitGatewayId,
        tags: nameTag(`${props.name}-${side.region}-tgw-peer-${other.region}`),
      });
      // Associate once the peer has accepted: before that the attachment cannot be associated.
      new Ec2TransitGatewayRouteTableAssociation(this, `association_${side.region.replace(/-/g, '_')}`, {
        provider: side.provider,
        transitGatewayAttachmentId: attachmentId,
        transitGatewayRouteTableId: routeTable.id,
      });
      sides.set(side.region, { attachmentId, routeTable, provider: side.provider });
    }
    this.sides = sides;
  }
}
