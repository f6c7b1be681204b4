/**
 * Stack names and AWS partitions. A stack name is built only from blueprint names
 * (network, region, VPC), so adding or removing one never renames another.
 */
import type { NetworkModel, PeeringModel, RegionModel, VpcModel } from '../blueprint/model';

export function regionPrefix(model: NetworkModel, region: RegionModel): string {
  return `${model.name}-${region.code}`;
}

export function hubStackName(model: NetworkModel, region: RegionModel): string {
  return `${regionPrefix(model, region)}-hub`;
}

export function vpcStackName(model: NetworkModel, region: RegionModel, vpc: VpcModel): string {
  return vpc.role === 'egress' ? `${regionPrefix(model, region)}-egress` : `${regionPrefix(model, region)}-${vpc.role}-${vpc.name}`;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

export function peeringStackName(model: NetworkModel, peering: PeeringModel): string {
  return `${model.name}-peering-${peering.requester}-${peering.accepter}`;
}

/** The Name tag of a site-to-site VPN (and its customer gateway): how verify finds its prefixes. */
export function vpnName(model: NetworkModel, region: RegionModel, vpn: { readonly name: string }): string {
  return `${regionPrefix(model, region)}-${vpn.name}`;
}
