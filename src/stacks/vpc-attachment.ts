import type { RegionModel } from '../blueprint/model';
import type { TieredVpc } from '../constructs/tiered-vpc';
import { TransitGatewayAttachment } from '../constructs/transit-gateway-attachment';
import type { HubStack } from './hub-stack';
import type { NetworkStack } from './network-stack';

/**
 * Attaches a spoke or DMZ VPC the way DESIGN.md routes them: associated with the
 * `spokes` table (whose default route leads to inspection), learned by the
 * `inspection` table, and by the `spokes` table too when east-west traffic may
 * go direct.
 */
export function attachToSpokesTable(stack: NetworkStack, name: string, vpc: TieredVpc, hub: HubStack, region: RegionModel): TransitGatewayAttachment {
  const tables = hub.hub.routeTables;
  return new TransitGatewayAttachment(stack, 'tgw_attachment', {
    name,
    vpcId: vpc.vpc.id,
    subnetIds: vpc.subnetIds('tgw'),
    transitGatewayId: hub.hub.transitGateway.id,
    transitGatewayProvider: stack.providerFor(region.transitGateway.account),
    associationRouteTableId: tables.spokes.id,
    propagationRouteTableIds: {
      inspection: tables.inspection.id,
      ...(region.eastWest ? {} : { spokes: tables.spokes.id }),
    },
  });
}
