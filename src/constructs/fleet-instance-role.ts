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
  // ARNs, bucket names and keys are user strings: escaped as data, then JSON-encoded by Terraform.
  const statements = fleetPolicyStatements(props).map((s) => JSON.parse(terraformLiteral(JSON.stringify(s))) as unknown);
  new IamRolePolicy(scope, 'policy', { provider, role: role.id, name: 'appliance', policy: Fn.jsonencode({ Version: '2012-10-17', Statement: statements }) });
  return new IamInstanceProfile(scope, 'instance_profile', {
    provider,
    name: terraformLiteral(awsName(`${name}-appliance`, NAME_LIMITS.instanceProfile)),
    role: role.name,
    tags: nameTag(terraformLiteral(`${name}-appliance`)),
  });
}
