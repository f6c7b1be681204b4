import type { NetworkModel } from '../blueprint/model';
import type { Construct } from '../cdk/core';
import { DmzStack } from './dmz-stack';
import { EgressStack } from './egress-stack';
import { HubStack } from './hub-stack';
import { hubStackName, peeringStackName, vpcStackName } from './names';
import { NetworkStack } from './network-stack';
import { PeeringStack, type PeeringRegion } from './peering-stack';
import { PostDeployChecksStack } from './post-deploy-checks-stack';
import { postDeployChecksStackName } from './post-deploy-paths';
import { SpokeStack } from './spoke-stack';

/**
 * Every stack of a network: per region a hub, the egress VPC, one stack per DMZ
 * and per spoke; then one stack per TGW peering between regions; with
 * `postDeployChecks`, a Reachability Analyzer stack per region.
 */
export interface NetworkStacksOptions {
  /** A Reachability Analyzer stack per region (post-deploy-checks-stack.ts). @default false */
  readonly postDeployChecks?: boolean;
}

export function addNetworkStacks(app: Construct, model: NetworkModel, options: NetworkStacksOptions = {}): NetworkStack[] {
  const stacks: NetworkStack[] = [];
  const regions: Record<string, PeeringRegion> = {};
  for (const region of model.regions) {
    const hub = new HubStack(app, hubStackName(model, region), { model, region });
    const egress = new EgressStack(app, vpcStackName(model, region, region.egress), { model, region, hub });
    const dmzs = region.dmzs.map((dmz) => new DmzStack(app, vpcStackName(model, region, dmz), { model, region, dmz, hub, egress }));
    const spokes = region.spokes.map((spoke) => new SpokeStack(app, vpcStackName(model, region, spoke), { model, region, spoke, hub }));
    stacks.push(hub, egress, ...dmzs, ...spokes);
    regions[region.code] = { region, hub, egress, vpcAttachments: [...dmzs, ...spokes].map((s) => s.attachment) };
  }
  for (const peering of model.interRegion.peerings) {
    stacks.push(new PeeringStack(app, peeringStackName(model, peering), { model, peering, regions }));
  }
  // Last: they read every other stack's state, and take no cross-stack reference to any.
  if (options.postDeployChecks) {
    for (const region of model.regions) stacks.push(new PostDeployChecksStack(app, postDeployChecksStackName(model, region), { model, region }));
  }
  return stacks;
}
