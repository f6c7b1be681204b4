/**
 * The appliances' instance profile: a role EC2 may assume, with only the
 * permissions fleetPolicyStatements grants. Added to the fleet's own scope, so
 * logical IDs stay `fleet_<name>_role`, `_policy` and `_instance_profile`.
 */
import { IamInstanceProfile, IamRole, IamRolePolicy } from '../cdk/aws';
import { Fn, type Construct, type TerraformProvider } from '../cdk/core';
import { awsName, NAME_LIMITS } from './aws-names';
import { fleetPolicyStatements, type FleetPolicyInputs } from './fleet-policy';
import { nameTag } from './tags';
import { terraformLiteral } from './terraform-literal';

export interface FleetInstanceRoleProps extends FleetPolicyInputs {
  /** Name prefix of the fleet. */
  readonly name: string;
  readonly provider?: TerraformProvider;
}

export function addFleetInstanceRole(scope: Construct, props: FleetInstanceRoleProps): IamInstanceProfile {
  const { provider, name } = props;
  const role = new IamRole(scope, 'role', {
    provider,
    name: terraformLiteral(awsName(`${name}-appliance`, NAME_LIMITS.iamRole)),
    assumeRolePolicy: Fn.jsonencode({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
    tags: nameTag(terraformLiteral(`${name}-appliance`)),
  });
  // The statements hold user strings (ARNs, bucket names, keys) already escaped for a jsonencode() argument (fleet-policy.ts).
  const statements = fleetPolicyStatements(props);
  new IamRolePolicy(scope, 'policy', { provider, role: role.id, name: 'appliance', policy: Fn.jsonencode({ Version: '2012-10-17', Statement: statements }) });
  return new IamInstanceProfile(scope, 'instance_profile', {
    provider,
    name: terraformLiteral(awsName(`${name}-appliance`, NAME_LIMITS.instanceProfile)),
    role: role.name,
    tags: nameTag(terraformLiteral(`${name}-appliance`)),
  });
}
