import type { AvailabilityZone } from '../blueprint/model';
import { Eip, NatGateway } from '../cdk/aws';
import { Construct, type ITerraformDependable, type TerraformProvider } from '../cdk/core';
import { nameTag } from './tags';

export interface NatGatewaysProps {
  readonly name: string;
  /** The `public` tier: one subnet per AZ. */
  readonly subnets: readonly { readonly az: AvailabilityZone; readonly subnetId: string }[];
  readonly provider?: TerraformProvider;
  /** Something the NAT gateways must wait for (the IGW). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** A NAT gateway with its own Elastic IP in every AZ, so no AZ's egress depends on another AZ. */
export class NatGateways extends Construct {
  readonly byAz: ReadonlyMap<string, NatGateway>;

  constructor(scope: Construct, id: string, props: NatGatewaysProps) {
    super(scope, id);
    const byAz = new Map<string, NatGateway>();
    for (const { az, subnetId } of props.subnets) {
      const eip = new Eip(this, `eip_${az.label}`, { provider: props.provider, domain: 'vpc', tags: nameTag(`${props.name}-nat-${az.label}`) });
      byAz.set(
        az.label,
        new NatGateway(this, `nat_${az.label}`, {
          provider: props.provider,
          allocationId: eip.allocationId,
          subnetId,
          connectivityType: 'public',
          dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
          tags: nameTag(`${props.name}-nat-${az.label}`),
        }),
      );
    }
    this.byAz = byAz;
  }

  natGatewayIdIn(az: AvailabilityZone): string {
    const nat = this.byAz.get(az.label);
    if (!nat) throw new Error(`internal: no NAT gateway in ${az.value}`);
    return nat.id;
  }
}
