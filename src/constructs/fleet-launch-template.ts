/**
 * The appliances' launch template: the vendor AMI, IMDSv2 required (IMDSv1 only
 * as the fleet's named exception, recorded in a tag verify reads), the data and
 * management interfaces with their own security groups, an encrypted root volume,
 * and tags for what the Auto Scaling group launches (default_tags never reach it).
 * Added to the fleet's own scope: logical IDs stay `fleet_<name>_launch_template`, `_ami`.
 */
import type { FleetModel } from '../blueprint/model';
import { VENDOR_PROFILES } from '../blueprint/vendors';
import { DataAwsAmi, LaunchTemplate, type IamInstanceProfile } from '../cdk/aws';
import type { Construct, TerraformProvider } from '../cdk/core';
import type { FleetSecurityGroups } from './fleet-security-groups';
import { IMDS_V1_EXCEPTION_TAG } from '../verify/controls';
import { nameTag } from './tags';
import { terraformLiteral, terraformLiteralMap } from './terraform-literal';


export interface FleetLaunchTemplateProps {
  readonly name: string;
  readonly fleet: FleetModel;
  readonly userData: string;
  readonly profile: IamInstanceProfile;
  readonly securityGroups: FleetSecurityGroups;
  /** @default {} */
  readonly instanceTags?: Readonly<Record<string, string>>;
  readonly provider?: TerraformProvider;
}

export function addFleetLaunchTemplate(scope: Construct, props: FleetLaunchTemplateProps): LaunchTemplate {
  const { provider, fleet, name } = props;
  const image = new DataAwsAmi(scope, 'ami', { provider, filter: [{ name: 'image-id', values: [terraformLiteral(fleet.ami)] }] });
  const { data, management } = props.securityGroups;
  // Device 0 is the GWLB target; a second interface (Palo Alto) carries management.
  const interfaceCount = VENDOR_PROFILES[fleet.vendor].networkInterfaces;
  const groupsOf = (deviceIndex: number) => (interfaceCount === 1 ? [data.id, management.id] : deviceIndex === 0 ? [data.id] : [management.id]);
  const exception = fleet.imdsV1Exception;
  return new LaunchTemplate(scope, 'launch_template', {
    provider,
    name: terraformLiteral(name),
    imageId: terraformLiteral(fleet.ami),
    instanceType: terraformLiteral(fleet.instanceType),
    updateDefaultVersion: true,
    userData: props.userData,
    iamInstanceProfile: { arn: props.profile.arn },
    metadataOptions: {
      httpEndpoint: 'enabled',
      // PaloAltoNetworks/terraform-aws-vmseries-modules#203: VM-Series plugins before 3.0.0 read IMDSv1.
      httpTokens: exception ? 'optional' : 'required',
      httpPutResponseHopLimit: 1,
      instanceMetadataTags: 'disabled',
    },
    networkInterfaces: Array.from({ length: interfaceCount }, (_, deviceIndex) => ({
      deviceIndex,
      // EC2 refuses associate_public_ip_address on a launch with several interfaces; the
      // appliance subnets never map public IPs, so no interface gets one either way.
      ...(interfaceCount === 1 ? { associatePublicIpAddress: 'false' } : {}),
      deleteOnTermination: 'true',
      securityGroups: groupsOf(deviceIndex),
    })),
    blockDeviceMappings: [
      { deviceName: image.rootDeviceName, ebs: { volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } },
    ],
    monitoring: { enabled: true },
    tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({
      resourceType,
      tags: terraformLiteralMap({ ...props.instanceTags, ...nameTag(`${name}-appliance`) }),
    })),
    tags: terraformLiteralMap({ ...nameTag(name), ...(exception ? { [IMDS_V1_EXCEPTION_TAG]: exception } : {}) }),
  });
}
