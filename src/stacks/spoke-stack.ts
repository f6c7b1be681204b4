import type { NetworkModel, RegionModel, VpcModel } from '../blueprint/model';
import type { Construct } from '../cdk/core';
import { TieredVpc } from '../constructs/tiered-vpc';
import type { TransitGatewayAttachment } from '../constructs/transit-gateway-attachment';
import type { HubStack } from './hub-stack';
import { vpcStackName } from './names';
import { NetworkStack } from './network-stack';
import { vpcOutputs } from './outputs';
import { attachVpc } from './vpc-attachment';

export interface SpokeStackProps {
  readonly model: NetworkModel;
  readonly region: RegionModel;
  readonly spoke: VpcModel;
  readonly hub: HubStack;
}

/**
 * A workload VPC: everything it sends leaves through the TGW, whose `spokes`
 * table sends it to inspection. It depends on the hub alone, so adding or
 * removing another spoke never changes this stack.
 */
export class SpokeStack extends NetworkStack {
  /** The VPC's TGW attachment, as the TGW account sees it. */
  readonly attachment: TransitGatewayAttachment;
  constructor(scope: Construct, id: string, props: SpokeStackProps) {
    super(scope, id, { model: props.model, region: props.region, account: props.spoke.account });
    const { model, region, spoke, hub } = props;
    const name = vpcStackName(model, region, spoke);
    const vpc = new TieredVpc(this, 'vpc', { name, vpc: spoke, accountId: this.accountId(spoke.account), flowLogBucketArn: this.flowLogBucketArn });
    const attachment = (this.attachment = attachVpc(this, name, vpc, spoke, hub, region));
    const toTgw = { kind: 'transit-gateway', transitGatewayId: attachment.transitGatewayIdForRoutes } as const;
    for (const subnet of vpc.tier('workload')) vpc.route(subnet, '0.0.0.0/0', toTgw);

    vpcOutputs(this, vpc, attachment);
  }
}
