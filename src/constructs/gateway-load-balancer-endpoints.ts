import type { AvailabilityZone } from '../blueprint/model';
import { VpcEndpoint } from '../cdk/aws';
import { Construct, type TerraformProvider } from '../cdk/core';
import { nameTag } from './tags';

export interface GatewayLoadBalancerEndpointsProps {
  /** Name tag prefix, e.g. `acme-eu-west-2-prod-dmz`. */
  readonly name: string;
  readonly vpcId: string;
  /** The `gwlbe` tier: one subnet per AZ. */
  readonly subnets: readonly { readonly az: AvailabilityZone; readonly subnetId: string }[];
  /** `service_name` of the fleet's endpoint service (possibly in another account). */
  readonly serviceName: string;
  readonly provider?: TerraformProvider;
}

/**
 * One GWLB endpoint per AZ (an endpoint lives in exactly one subnet, and each AZ
 * must hand its traffic to its own endpoint to stay symmetric).
 */
export class GatewayLoadBalancerEndpoints extends Construct {
  /** Endpoint per AZ label (`az1` → endpoint). */
  readonly byAz: ReadonlyMap<string, VpcEndpoint>;

  constructor(scope: Construct, id: string, props: GatewayLoadBalancerEndpointsProps) {
    super(scope, id);
    const byAz = new Map<string, VpcEndpoint>();
    for (const { az, subnetId } of props.subnets) {
      byAz.set(
        az.label,
        new VpcEndpoint(this, `endpoint_${az.label}`, {
          provider: props.provider,
          vpcId: props.vpcId,
          serviceName: props.serviceName,
          vpcEndpointType: 'GatewayLoadBalancer',
          subnetIds: [subnetId],
          tags: nameTag(`${props.name}-gwlbe-${az.label}`),
        }),
      );
    }
    this.byAz = byAz;
  }

  endpointIdIn(az: AvailabilityZone): string {
    const endpoint = this.byAz.get(az.label);
    if (!endpoint) throw new Error(`internal: no GWLB endpoint in ${az.value}`);
    return endpoint.id;
  }
}
