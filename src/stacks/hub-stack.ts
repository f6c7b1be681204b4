import type { NetworkModel, RegionModel } from '../blueprint/model';
import { vpcsOfRegion } from '../blueprint/model';
import { RamResourceShareAccepter } from '../cdk/aws';
import { TerraformOutput, type Construct } from '../cdk/core';
import { SiteToSiteVpn } from '../constructs/site-to-site-vpn';
import { TGW_ROUTE_TABLES, TransitGatewayHub } from '../constructs/transit-gateway-hub';
import { regionPrefix, vpnName } from './names';
import { NetworkStack } from './network-stack';

export interface HubStackProps {
  readonly model: NetworkModel;
  readonly region: RegionModel;
}

/**
 * The region's hub, in the TGW owner's account: the TGW and its route tables,
 * the RAM share to every account that attaches a VPC, and the office VPNs.
 * Deployed first; every other stack of the region reads its outputs.
 */
export class HubStack extends NetworkStack {
  readonly hub: TransitGatewayHub;
  readonly vpns: ReadonlyMap<string, SiteToSiteVpn>;

  constructor(scope: Construct, id: string, props: HubStackProps) {
    const tgwAccount = props.region.transitGateway.account;
    super(scope, id, { model: props.model, region: props.region, account: tgwAccount });
    const { model, region } = props;
    const prefix = regionPrefix(model, region);

    const attachingAccounts = [...new Set(vpcsOfRegion(region).map((v) => v.account))].filter((a) => a !== tgwAccount).sort();
    this.hub = new TransitGatewayHub(this, 'hub', {
      name: prefix,
      amazonSideAsn: region.transitGateway.amazonSideAsn,
      shareWith: attachingAccounts.map((name) => ({ name, id: this.accountId(name) })),
      allowExternalPrincipals: attachingAccounts.some((a) => model.accounts[a].external),
    });
    // Accounts outside the Organization get the share as an invitation, accepted here once
    // per account, before any of their stacks attaches a VPC.
    for (const account of attachingAccounts.filter((a) => model.accounts[a].external)) {
      new RamResourceShareAccepter(this, `share_accepter_${account}`, {
        provider: this.providerFor(account),
        shareArn: this.hub.resourceShare!.arn,
        dependsOn: [this.hub.sharedWith.get(account)!],
      });
    }

    const vpns = new Map<string, SiteToSiteVpn>();
    this.vpns = vpns;
    for (const vpn of region.vpns) {
      vpns.set(vpn.name, new SiteToSiteVpn(this, `vpn_${vpn.name}`, {
        name: vpnName(model, region, vpn),
        vpn,
        transitGatewayId: this.hub.transitGateway.id,
        associationRouteTableId: this.hub.routeTables.onprem.id,
        propagationRouteTableIds: { inspection: this.hub.routeTables.inspection.id },
      }));
    }

    new TerraformOutput(this, 'transit_gateway_id', { value: this.hub.transitGateway.id, description: `TGW of ${region.code}` });
    new TerraformOutput(this, 'transit_gateway_route_table_ids', {
      value: Object.fromEntries(TGW_ROUTE_TABLES.map((t) => [t, this.hub.routeTables[t].id])),
      description: 'TGW route tables by role: spokes, onprem, inspection',
    });
    if (this.hub.resourceShare) new TerraformOutput(this, 'resource_share_arn', { value: this.hub.resourceShare.arn });
  }
}
