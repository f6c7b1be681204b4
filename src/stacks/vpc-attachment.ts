import type { RegionModel, VpcModel } from '../blueprint/model';
import type { TieredVpc } from '../constructs/tiered-vpc';
import { TransitGatewayAttachment } from '../constructs/transit-gateway-attachment';
import type { HubStack } from './hub-stack';
import type { NetworkStack } from './network-stack';

/**
 * Attaches a spoke or DMZ VPC the way DESIGN.md routes them. Both are learned by
 * the `inspection` table. A spoke is associated with `spokes` (whose default
 * route leads to inspection), which also learns it when east-west traffic may go
 * direct. A DMZ is associated with `dmzs`, whose only route leads to inspection,
 * and is learned by no other table: DMZ ↔ spoke is inspected whatever eastWest says.
 */
export function attachVpc(stack: NetworkStack, name: string, vpc: TieredVpc, spec: VpcModel, hub: HubStack, region: RegionModel): TransitGatewayAttachment {
  const tables = hub.hub.routeTables;
  const dmz = spec.role === 'dmz';
  return new TransitGatewayAttachment(stack, 'tgw_attachment', {
    name,
    vpcId: vpc.vpc.id,
    subnetIds: vpc.subnetIds('tgw'),
    transitGatewayId: hub.transitGatewayIdFor(stack, spec.account),
    transitGatewayProvider: stack.providerFor(region.transitGateway.account),
    associationRouteTableId: dmz ? tables.dmzs!.id : tables.spokes.id,
    propagationRouteTableIds: {
      inspection: tables.inspection.id,
      ...(dmz || region.eastWest ? {} : { spokes: tables.spokes.id }),
    },
  });
}
