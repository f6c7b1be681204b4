/**
 * Route targets, and the one way routes are written: as separate `aws_route`
 * resources, never inline blocks (mixing both on one table makes Terraform
 * report a diff forever; DESIGN.md).
 */
import { Route, type RouteTable } from '../cdk/aws';
import type { Construct, TerraformProvider } from '../cdk/core';

export type RouteTarget =
  | { readonly kind: 'transit-gateway'; readonly transitGatewayId: string }
  | { readonly kind: 'nat-gateway'; readonly natGatewayId: string }
  | { readonly kind: 'gwlb-endpoint'; readonly vpcEndpointId: string }
  | { readonly kind: 'internet-gateway'; readonly gatewayId: string };

/** `10.0.0.0/8` → `10-0-0-0-8`, `0.0.0.0/0` → `default`: stable parts of construct IDs. */
export function cidrLabel(cidr: string): string {
  return cidr === '0.0.0.0/0' ? 'default' : cidr.replace(/[./]/g, '-');
}

export function addRoute(scope: Construct, id: string, table: RouteTable, destination: string, target: RouteTarget, provider?: TerraformProvider): Route {
  const via =
    target.kind === 'transit-gateway'
      ? { transitGatewayId: target.transitGatewayId }
      : target.kind === 'nat-gateway'
        ? { natGatewayId: target.natGatewayId }
        : target.kind === 'gwlb-endpoint'
          ? { vpcEndpointId: target.vpcEndpointId }
          : { gatewayId: target.gatewayId };
  return new Route(scope, id, { provider, routeTableId: table.id, destinationCidrBlock: destination, ...via });
}
