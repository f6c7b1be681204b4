import {
  Ec2TransitGatewayRouteTableAssociation,
  Ec2TransitGatewayRouteTablePropagation,
  Ec2TransitGatewayVpcAttachment,
  Ec2TransitGatewayVpcAttachmentAccepter,
} from '../cdk/aws';
import { Construct, type TerraformProvider } from '../cdk/core';
import { nameTag } from './tags';

export interface TransitGatewayAttachmentProps {
  readonly name: string;
  readonly vpcId: string;
  /** The VPC's `tgw` tier subnets, one per AZ. */
  readonly subnetIds: readonly string[];
  /**
   * In an account that accepts the TGW's RAM share by invitation, an ID that
   * carries that acceptance (HubStack.transitGatewayIdFor): the TGW is invisible
   * to the account until then, and creating the attachment fails.
   */
  readonly transitGatewayId: string;
  /**
   * Keep both directions of a flow on one AZ's path through the VPC. Required on
   * the VPC that holds the inspection endpoints, or stateful appliances see only
   * half of a conversation and drop it.
   * @default false
   */
  readonly applianceModeSupport?: boolean;
  /** Provider of the VPC's account (the attachment is created there). */
  readonly provider?: TerraformProvider;
  /** Provider of the TGW owner's account; absent when the VPC owner owns the TGW too. */
  readonly transitGatewayProvider?: TerraformProvider;
  readonly associationRouteTableId: string;
  /** TGW route tables that learn this VPC's CIDR, by name. */
  readonly propagationRouteTableIds: Readonly<Record<string, string>>;
}

/**
 * A VPC attachment done the multi-account way: created in the VPC owner's
 * account; accepted, associated and propagated from the TGW owner's account,
 * because the TGW accepts nothing on its own and has no default route table.
 */
export class TransitGatewayAttachment extends Construct {
  readonly attachment: Ec2TransitGatewayVpcAttachment;
  /** The TGW owner's acceptance, when the VPC is in another account. */
  readonly accepter?: Ec2TransitGatewayVpcAttachmentAccepter;
  /** The attachment ID as seen from the TGW account (after acceptance). */
  readonly attachmentId: string;
  /**
   * The TGW ID for the VPC's own routes: read off the acceptance when there is
   * one. A cross-account attachment is `pendingAcceptance` until the TGW owner
   * accepts it, and a route to the TGW created before that fails with
   * InvalidTransitGatewayID.NotFound (terraform-provider-aws #10025, #14228;
   * terraform-aws-modules/terraform-aws-transit-gateway PR #144): reading the ID
   * off the attachment alone lets Terraform create the route in between.
   */
  readonly transitGatewayIdForRoutes: string;

  constructor(scope: Construct, id: string, props: TransitGatewayAttachmentProps) {
    super(scope, id);
    const crossAccount = props.transitGatewayProvider !== undefined;
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      provider: props.provider,
      vpcId: props.vpcId,
      subnetIds: [...props.subnetIds],
      transitGatewayId: props.transitGatewayId,
      applianceModeSupport: props.applianceModeSupport ? 'enable' : 'disable',
      dnsSupport: 'enable',
      // The owner sets these on acceptance; the TGW has no default table anyway.
      ...(crossAccount ? {} : { transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false }),
      tags: nameTag(props.name),
    });
    const tgwProvider = props.transitGatewayProvider ?? props.provider;
    if (crossAccount) {
      const accepter = new Ec2TransitGatewayVpcAttachmentAccepter(this, 'accepter', {
        provider: tgwProvider,
        transitGatewayAttachmentId: this.attachment.id,
        transitGatewayDefaultRouteTableAssociation: false,
        transitGatewayDefaultRouteTablePropagation: false,
        tags: nameTag(props.name),
      });
      this.accepter = accepter;
      this.attachmentId = accepter.id;
      this.transitGatewayIdForRoutes = accepter.transitGatewayId;
    } else {
      this.attachmentId = this.attachment.id;
      this.transitGatewayIdForRoutes = this.attachment.transitGatewayId;
    }
    new Ec2TransitGatewayRouteTableAssociation(this, 'association', {
      provider: tgwProvider,
      transitGatewayAttachmentId: this.attachmentId,
      transitGatewayRouteTableId: props.associationRouteTableId,
    });
    for (const [table, routeTableId] of Object.entries(props.propagationRouteTableIds)) {
      new Ec2TransitGatewayRouteTablePropagation(this, `propagation_${table}`, {
        provider: tgwProvider,
        transitGatewayAttachmentId: this.attachmentId,
        transitGatewayRouteTableId: routeTableId,
      });
    }
  }
}
