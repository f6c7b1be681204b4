import type { NetworkModel } from '../blueprint/model';
import type { Construct } from '../cdk/core';
import { DmzStack } from './dmz-stack';
import { EgressStack } from './egress-stack';
import { HubStack } from './hub-stack';
import { hubStackName, vpcStackName } from './names';
import { NetworkStack } from './network-stack';
import { SpokeStack } from './spoke-stack';

/** Every stack of a network, per region: hub, egress, one per DMZ, one per spoke. */
export function addNetworkStacks(app: Construct, model: NetworkModel): NetworkStack[] {
  const stacks: NetworkStack[] = [];
  for (const region of model.regions) {
    const hub = new HubStack(app, hubStackName(model, region), { model, region });
    const egress = new EgressStack(app, vpcStackName(model, region, region.egress), { model, region, hub });
    stacks.push(hub, egress);
    for (const dmz of region.dmzs) stacks.push(new DmzStack(app, vpcStackName(model, region, dmz), { model, region, dmz, hub, egress }));
    for (const spoke of region.spokes) stacks.push(new SpokeStack(app, vpcStackName(model, region, spoke), { model, region, spoke, hub }));
  }
  return stacks;
}
