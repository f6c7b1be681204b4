import type { VpnModel } from '../blueprint/model';
import {
  CloudwatchLogGroup,
  CustomerGateway,
  Ec2TransitGatewayRoute,
  Ec2TransitGatewayRouteTableAssociation,
  Ec2TransitGatewayRouteTablePropagation,
  VpnConnection,
} from '../cdk/aws';
import { Construct, type TerraformProvider } from '../cdk/core';
import { cidrLabel } from './routing';
import { nameTag } from './tags';
import { terraformLiteral } from './terraform-literal';

/**
 * The largest ASN CreateCustomerGateway takes in BgpAsn; above it the ASN goes in
 * BgpAsnExtended (2,147,483,648-4,294,967,295). The provider parses `bgp_asn` as a
 * signed 32-bit number when it creates the gateway, so a private 4-byte ASN there
 * plans cleanly and fails the apply (terraform-provider-aws #38738; docs.aws.amazon.com/
 * AWSEC2/latest/APIReference/API_CreateCustomerGateway.html).
 */
export const MAX_BGP_ASN = 2_147_483_647;

/** `bgp_asn` or `bgp_asn_extended`, whichever of the two ranges the ASN is in. */
export function customerGatewayAsn(asn: number): { bgpAsn: string } | { bgpAsnExtended: string } {
  return asn > MAX_BGP_ASN ? { bgpAsnExtended: String(asn) } : { bgpAsn: String(asn) };
}

export interface SiteToSiteVpnProps {
  /** The VPN's Name tag, e.g. `acme-eu-west-2-london-office`. */
  readonly name: string;
  readonly vpn: VpnModel;
  readonly transitGatewayId: string;
  /** The TGW route table the VPN attachment is associated with (`onprem`). */
  readonly associationRouteTableId: string;
  /** Route tables that learn the office's prefixes (`inspection`). */
  readonly propagationRouteTableIds: Readonly<Record<string, string>>;
  readonly provider?: TerraformProvider;
  /** @default 365, as the VPC flow logs. */
  readonly logRetentionInDays?: number;
}

// IKEv2 only, AES-GCM/AES-256 with SHA-2 and DH groups 14+ (no SHA-1, no group 2):
// what a security review accepts today, and what current office firewalls all offer.
const TUNNEL_CRYPTO = {
  IkeVersions: ['ikev2'],
  Phase1EncryptionAlgorithms: ['AES256-GCM-16', 'AES256'],
  Phase1IntegrityAlgorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
  Phase1DhGroupNumbers: [19, 20, 21, 14],
  Phase2EncryptionAlgorithms: ['AES256-GCM-16', 'AES256'],
  Phase2IntegrityAlgorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
  Phase2DhGroupNumbers: [19, 20, 21, 14],
} as const;

/**
 * A site-to-site VPN from the TGW to an office: customer gateway, VPN connection
 * with both tunnels on modern crypto and their IKE/IPsec activity logged to
 * CloudWatch, its TGW attachment associated with the `onprem` route table (so
 * office traffic always goes through inspection) and its routes propagated (BGP)
 * or written (static) into the inspection table.
 */
export class SiteToSiteVpn extends Construct {
  readonly connection: VpnConnection;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: SiteToSiteVpnProps) {
    super(scope, id);
    const { provider, vpn } = props;
    const customerGateway = new CustomerGateway(this, 'customer_gateway', {
      provider,
      ...customerGatewayAsn(vpn.bgpAsn),
      ipAddress: vpn.customerGatewayIp,
      type: 'ipsec.1',
      tags: nameTag(props.name),
    });
    // Tunnel logs (IKE negotiation, DPD, tunnel up/down) are what an office's network team
    // needs when a tunnel flaps (docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-logs.html).
    // The /aws/vendedlogs/ prefix keeps the CloudWatch Logs resource policy that the VPN
    // service writes for each log group from reaching its 5,120-character limit.
    this.logGroup = new CloudwatchLogGroup(this, 'tunnel_logs', {
      provider,
      name: `/aws/vendedlogs/gwlb-blueprint/${terraformLiteral(props.name)}/vpn-tunnels`,
      retentionInDays: props.logRetentionInDays ?? 365,
      tags: nameTag(`${props.name}-vpn-tunnels`),
    });
    const logOptions = { cloudwatchLogOptions: { logEnabled: true, logGroupArn: this.logGroup.arn, logOutputFormat: 'json' } };
    const tunnel = (n: 1 | 2) => ({
      ...Object.fromEntries(Object.entries(TUNNEL_CRYPTO).map(([key, value]) => [`tunnel${n}${key}`, [...value]])),
      [`tunnel${n}LogOptions`]: logOptions,
    });
    this.connection = new VpnConnection(this, 'connection', {
      provider,
      customerGatewayId: customerGateway.id,
      transitGatewayId: props.transitGatewayId,
      type: 'ipsec.1',
      staticRoutesOnly: vpn.staticRoutesOnly,
      ...tunnel(1),
      ...tunnel(2),
      tunnel1DpdTimeoutAction: 'restart',
      tunnel2DpdTimeoutAction: 'restart',
      tags: nameTag(props.name),
    });
    const attachmentId = this.connection.transitGatewayAttachmentId;
    new Ec2TransitGatewayRouteTableAssociation(this, 'association', {
      provider,
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: props.associationRouteTableId,
    });
    for (const [table, routeTableId] of Object.entries(props.propagationRouteTableIds)) {
      if (vpn.staticRoutesOnly) {
        // Static VPNs propagate nothing: the office's prefixes are written in.
        for (const cidr of vpn.cidrs) {
          new Ec2TransitGatewayRoute(this, `route_${table}_${cidrLabel(cidr)}`, {
            provider,
            destinationCidrBlock: cidr,
            transitGatewayAttachmentId: attachmentId,
            transitGatewayRouteTableId: routeTableId,
          });
        }
      } else {
        new Ec2TransitGatewayRouteTablePropagation(this, `propagation_${table}`, {
          provider,
          transitGatewayAttachmentId: attachmentId,
          transitGatewayRouteTableId: routeTableId,
        });
      }
    }
  }
}
