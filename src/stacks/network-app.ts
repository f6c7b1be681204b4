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
  /**
   * The spokes, peerings and checks stacks to construct, by name (a process that writes only
   * some stacks: synth/partition.ts). Hubs, egress VPCs and DMZs are always constructed: the
   * others take cross-stack references to them. A peering takes references to every spoke of
   * its two regions, so constructing one constructs them all. @default every stack
   */
  readonly only?: (stack: string) => boolean;
}

/** What each stack of the network is, in deploy order, without constructing any. */
export interface PlannedStack {
  readonly name: string;
  readonly kind: 'hub' | 'egress' | 'dmz' | 'spoke' | 'peering' | 'post-deploy-checks';
  /** How many subnets its VPC has (0 for a stack without a VPC): the measure of a VPC stack's work. */
  readonly subnets: number;
}

export function plannedStacks(model: NetworkModel, options: Pick<NetworkStacksOptions, 'postDeployChecks'> = {}): PlannedStack[] {
  const planned: PlannedStack[] = [];
  for (const region of model.regions) {
    planned.push({ name: hubStackName(model, region), kind: 'hub', subnets: 0 });
    planned.push({ name: vpcStackName(model, region, region.egress), kind: 'egress', subnets: region.egress.subnets.length });
    for (const dmz of region.dmzs) planned.push({ name: vpcStackName(model, region, dmz), kind: 'dmz', subnets: dmz.subnets.length });
    for (const spoke of region.spokes) planned.push({ name: vpcStackName(model, region, spoke), kind: 'spoke', subnets: spoke.subnets.length });
  }
  for (const peering of model.interRegion.peerings) planned.push({ name: peeringStackName(model, peering), kind: 'peering', subnets: 0 });
  if (options.postDeployChecks) {
    for (const region of model.regions) planned.push({ name: postDeployChecksStackName(model, region), kind: 'post-deploy-checks', subnets: 0 });
  }
  return planned;
}

export function addNetworkStacks(app: Construct, model: NetworkModel, options: NetworkStacksOptions = {}): NetworkStack[] {
  const wanted = options.only ?? (() => true);
  const everySpoke = model.interRegion.peerings.some((peering) => wanted(peeringStackName(model, peering)));
  const stacks: NetworkStack[] = [];
  const regions: Record<string, PeeringRegion> = {};
  for (const region of model.regions) {
    const hub = new HubStack(app, hubStackName(model, region), { model, region });
    const egress = new EgressStack(app, vpcStackName(model, region, region.egress), { model, region, hub });
    const dmzs = region.dmzs.map((dmz) => new DmzStack(app, vpcStackName(model, region, dmz), { model, region, dmz, hub, egress }));
    const spokes = region.spokes
      .map((spoke) => ({ spoke, name: vpcStackName(model, region, spoke) }))
      .filter(({ name }) => everySpoke || wanted(name))
      .map(({ spoke, name }) => new SpokeStack(app, name, { model, region, spoke, hub }));
    stacks.push(hub, egress, ...dmzs, ...spokes);
    regions[region.code] = { region, hub, egress, vpcAttachments: [...dmzs, ...spokes].map((s) => s.attachment) };
  }
  for (const peering of model.interRegion.peerings) {
    const name = peeringStackName(model, peering);
    if (wanted(name)) stacks.push(new PeeringStack(app, name, { model, peering, regions }));
  }
  // Last: they read every other stack's state, and take no cross-stack reference to any.
  if (options.postDeployChecks) {
    for (const region of model.regions) {
      const name = postDeployChecksStackName(model, region);
      if (wanted(name)) stacks.push(new PostDeployChecksStack(app, name, { model, region }));
    }
  }
  return stacks;
}
