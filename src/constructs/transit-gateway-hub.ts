import { Ec2TransitGateway, Ec2TransitGatewayRouteTable, RamPrincipalAssociation, RamResourceAssociation, RamResourceShare } from '../cdk/aws';
import { Construct, type TerraformProvider } from '../cdk/core';
import { nameTag } from './tags';

/**
 * The TGW route tables of DESIGN.md: what spokes, DMZs, VPNs and the egress VPC
 * each see. `dmzs` exists only in a region with DMZs: they get a table of their
 * own (0.0.0.0/0 to inspection, nothing else) so that DMZ ↔ spoke traffic is
 * inspected even where spokes reach each other directly.
 */
export const TGW_ROUTE_TABLES = ['spokes', 'dmzs', 'onprem', 'inspection'] as const;
export type TgwRouteTableName = (typeof TGW_ROUTE_TABLES)[number];
export type TgwRouteTables = Readonly<Record<Exclude<TgwRouteTableName, 'dmzs'>, Ec2TransitGatewayRouteTable>> & { readonly dmzs?: Ec2TransitGatewayRouteTable };

export interface TransitGatewayHubProps {
  /** Name tag prefix, e.g. `acme-eu-west-2`. */
  readonly name: string;
  readonly amazonSideAsn: number;
  /** Accounts that attach VPCs to this TGW from another account; they get a RAM share. */
  readonly shareWith: readonly { readonly name: string; readonly id: string }[];
  /** Whether any of those accounts is outside the TGW owner's AWS Organization. @default false */
  readonly allowExternalPrincipals?: boolean;
  /** Whether the region has DMZs, which get the `dmzs` table. @default false */
  readonly dmzTable?: boolean;
  readonly provider?: TerraformProvider;
}

/**
 * The regional hub: a TGW that routes nothing by default (no default route table
 * association or propagation, so each attachment is placed explicitly) and never
 * accepts a shared attachment on its own (Security Hub EC2.23), with the route
 * tables every attachment is associated with, shared to the other accounts by RAM.
 */
export class TransitGatewayHub extends Construct {
  readonly transitGateway: Ec2TransitGateway;
  readonly routeTables: TgwRouteTables;
  readonly resourceShare?: RamResourceShare;
  /** The share's principal association of each account, by account name. */
  readonly sharedWith: ReadonlyMap<string, RamPrincipalAssociation>;

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    const { provider, name } = props;
    this.transitGateway = new Ec2TransitGateway(this, 'tgw', {
      provider,
      description: `${name} hub (gwlb-blueprint)`,
      amazonSideAsn: props.amazonSideAsn,
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      tags: nameTag(`${name}-tgw`),
    });
    const tables = {} as Record<TgwRouteTableName, Ec2TransitGatewayRouteTable>;
    for (const table of TGW_ROUTE_TABLES.filter((t) => t !== 'dmzs' || props.dmzTable)) {
      tables[table] = new Ec2TransitGatewayRouteTable(this, `route_table_${table}`, {
        provider,
        transitGatewayId: this.transitGateway.id,
        tags: nameTag(`${name}-tgw-${table}`),
      });
    }
    this.routeTables = tables;
    const sharedWith = new Map<string, RamPrincipalAssociation>();
    this.sharedWith = sharedWith;
    if (props.shareWith.length > 0) {
      this.resourceShare = new RamResourceShare(this, 'share', {
        provider,
        name: `${name}-tgw`,
        allowExternalPrincipals: props.allowExternalPrincipals ?? false,
        tags: nameTag(`${name}-tgw`),
      });
      new RamResourceAssociation(this, 'share_tgw', { provider, resourceShareArn: this.resourceShare.arn, resourceArn: this.transitGateway.arn });
      for (const account of props.shareWith) {
        sharedWith.set(
          account.name,
          new RamPrincipalAssociation(this, `share_with_${account.name}`, { provider, resourceShareArn: this.resourceShare.arn, principal: account.id }),
        );
      }
    }
  }
}
