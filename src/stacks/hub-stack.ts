import type { NetworkModel, RegionModel } from '../blueprint/model';
import { vpcsOfRegion } from '../blueprint/model';
import { FlowLog, RamResourceShareAccepter } from '../cdk/aws';
import { nameTag } from '../constructs/tags';
import { TerraformOutput, type Construct } from '../cdk/core';
import { SiteToSiteVpn } from '../constructs/site-to-site-vpn';
import { TGW_ROUTE_TABLES, TransitGatewayHub } from '../constructs/transit-gateway-hub';
import { regionPrefix, vpnName } from './names';
import { vpnAttachmentOutput } from './post-deploy-paths';
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
  /** Per account that accepts the TGW's share by invitation: the TGW ID, published only once accepted. */
  private readonly acceptedTransitGatewayIds = new Map<string, TerraformOutput>();
  /** Every account ID of the blueprint, sorted: what the DMZs' S3 endpoints admit. */
  private readonly accountIds: TerraformOutput;

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
      dmzTable: region.dmzs.length > 0,
    });
    // Accounts outside the Organization get the share as an invitation, accepted here once
    // per account. The TGW is invisible to such an account until then, and its stacks create
    // their attachments in another Terraform state: they read the TGW ID from an output that
    // depends on the acceptance, so they cannot run before it (and verify's deploy-order
    // check can see that they wait for it).
    for (const account of attachingAccounts.filter((a) => model.accounts[a].external)) {
      const accepter = new RamResourceShareAccepter(this, `share_accepter_${account}`, {
        provider: this.providerFor(account),
        shareArn: this.hub.resourceShare!.arn,
        dependsOn: [this.hub.sharedWith.get(account)!],
      });
      const output = new TerraformOutput(this, `transit_gateway_id_accepted_by_${account}`, {
        value: this.hub.transitGateway.id,
        description: `TGW of ${region.code}, once account ${account} has accepted its RAM share`,
      });
      // cdktf writes an output's dependsOn as "${address}", which Terraform refuses in depends_on
      // ("A single static variable reference is required"); the address as Terraform wants it:
      output.addOverride('depends_on', [`${accepter.terraformResourceType}.${accepter.friendlyUniqueId}`]);
      this.acceptedTransitGatewayIds.set(account, output);
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

    // Central flow logs: the TGW's own, which only its owner may create. A TGW flow log takes no traffic
    // type and aggregates over 60 s only (docs.aws.amazon.com/vpc/latest/tgw/flow-logs-api-cli.html).
    const bucket = this.flowLogBucketArn;
    if (bucket) {
      new FlowLog(this, 'tgw_flow_log', {
        transitGatewayId: this.hub.transitGateway.id,
        logDestinationType: 's3',
        logDestination: bucket,
        maxAggregationInterval: 60,
        tags: nameTag(`${prefix}-tgw-flow-logs`),
      });
    }

    for (const [name, vpn] of vpns) {
      new TerraformOutput(this, vpnAttachmentOutput(name), { value: vpn.connection.transitGatewayAttachmentId, description: `TGW attachment of the VPN ${name}` });
    }
    new TerraformOutput(this, 'transit_gateway_id', { value: this.hub.transitGateway.id, description: `TGW of ${region.code}` });
    new TerraformOutput(this, 'transit_gateway_route_table_ids', {
      value: Object.fromEntries(TGW_ROUTE_TABLES.flatMap((t) => (this.hub.routeTables[t] ? [[t, this.hub.routeTables[t]!.id]] : []))),
      description: `TGW route tables by role: ${TGW_ROUTE_TABLES.filter((t) => this.hub.routeTables[t]).join(', ')}`,
    });
    if (this.hub.resourceShare) new TerraformOutput(this, 'resource_share_arn', { value: this.hub.resourceShare.arn });
    this.accountIds = new TerraformOutput(this, 'network_account_ids', {
      value: [...new Set(Object.values(model.accounts).map((a) => a.id))].sort(),
      description: 'Every account of the network: the principals and bucket owners the DMZ S3 endpoints admit',
    });
  }

  /** The network's account IDs, read from `stack`: a list expression, the same in every stack that reads it. */
  accountIdsFor(stack: NetworkStack): string[] {
    stack.addDependency(this);
    return stack.registerIncomingCrossStackReference(this).getList(this.accountIds.friendlyUniqueId);
  }

  /**
   * The TGW ID for attaching a VPC of `account` from `stack`: for an account that
   * accepts the share by invitation, read from the output published after the
   * acceptance; otherwise the TGW's own ID.
   */
  transitGatewayIdFor(stack: NetworkStack, account: string): string {
    const output = this.acceptedTransitGatewayIds.get(account);
    if (!output) return this.hub.transitGateway.id;
    stack.addDependency(this);
    return stack.registerIncomingCrossStackReference(this).getString(output.friendlyUniqueId);
  }
}
