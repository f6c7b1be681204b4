import { TerraformOutput, type Construct } from '../cdk/core';
import type { TieredVpc } from '../constructs/tiered-vpc';

/** `subnet_ids = { tgw = [...], workload = [...] }`: the hand-off a workload team asks for first. */
export function subnetIdsOutput(scope: Construct, vpc: TieredVpc): TerraformOutput {
  const tiers = [...new Set(vpc.subnets.map((s) => s.tier))];
  return new TerraformOutput(scope, 'subnet_ids', {
    value: Object.fromEntries(tiers.map((t) => [t, vpc.subnetIds(t)])),
    description: 'Subnet IDs per tier, in AZ order',
  });
}
