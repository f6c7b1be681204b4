/**
 * What each stack is, in model terms. The stacks on disk carry only names;
 * the README describes a stack by what it is for, so it maps the names back
 * through the same naming functions that produced them.
 */
import type { NetworkModel, RegionModel, VpcModel } from '../../blueprint/model';
import { vpcsOfRegion } from '../../blueprint/model';
import { hubStackName, peeringStackName, vpcStackName } from '../../stacks/names';
import { plural } from './markdown';

export type StackRole =
  | { readonly kind: 'hub'; readonly region: RegionModel }
  | { readonly kind: 'vpc'; readonly region: RegionModel; readonly vpc: VpcModel }
  | { readonly kind: 'peering'; readonly requester: string; readonly accepter: string; readonly inspectedBy: readonly string[] }
  // A stack whose name the model does not produce is still listed, just not described.
  | { readonly kind: 'other' };

export function rolesOf(model: NetworkModel): (stack: string) => StackRole {
  const roles = new Map<string, StackRole>();
  for (const region of model.regions) {
    roles.set(hubStackName(model, region), { kind: 'hub', region });
    for (const vpc of vpcsOfRegion(region)) roles.set(vpcStackName(model, region, vpc), { kind: 'vpc', region, vpc });
  }
  for (const p of model.interRegion?.peerings ?? []) {
    roles.set(peeringStackName(model, p), { kind: 'peering', requester: p.requester, accepter: p.accepter, inspectedBy: p.inspectedBy });
  }
  return (stack) => roles.get(stack) ?? { kind: 'other' };
}

/** The "what it holds" cell of the apply-order table. */
export function summaryOf(role: StackRole): string {
  switch (role.kind) {
    case 'hub':
      return `Transit Gateway, its route tables${role.region.vpns.length > 0 ? `, ${plural(role.region.vpns.length, 'VPN')}` : ''}`;
    case 'vpc':
      if (role.vpc.role === 'egress') return `egress VPC, ${plural(role.region.fleets.length, 'appliance fleet')}, NAT`;
      return role.vpc.role === 'dmz' ? `DMZ VPC ${role.vpc.name}` : `spoke VPC ${role.vpc.name}`;
    case 'peering':
      return `TGW peering ${role.requester} ↔ ${role.accepter}`;
    default:
      return '';
  }
}
