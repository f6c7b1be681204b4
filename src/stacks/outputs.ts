import { TerraformOutput, type Construct } from '../cdk/core';
import type { TieredVpc } from '../constructs/tiered-vpc';
import type { TransitGatewayAttachment } from '../constructs/transit-gateway-attachment';

/** `subnet_ids = { tgw = [...], workload = [...] }`: the hand-off a workload team asks for first. */
export function subnetIdsOutput(scope: Construct, vpc: TieredVpc): TerraformOutput {
  const tiers = [...new Set(vpc.subnets.map((s) => s.tier))];
  return new TerraformOutput(scope, 'subnet_ids', {
    value: Object.fromEntries(tiers.map((t) => [t, vpc.subnetIds(t)])),
    description: 'Subnet IDs per tier, in AZ order',
  });
}

/** What every VPC stack hands over: the VPC, its subnets per tier and its TGW attachment. */
export function vpcOutputs(scope: Construct, vpc: TieredVpc, attachment: TransitGatewayAttachment): void {
  new TerraformOutput(scope, 'vpc_id', { value: vpc.vpc.id });
  subnetIdsOutput(scope, vpc);
  new TerraformOutput(scope, 'tgw_attachment_id', { value: attachment.attachmentId });
}
