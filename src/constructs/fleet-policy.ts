/**
 * The appliance role's permissions: only what the vendor's image does at run
 * time (publish its metrics, read its own bootstrap secret or package), each
 * scoped to the one resource it needs.
 */
import type { Vendor } from '../blueprint/schema';
import { terraformExpressionLiteral } from './terraform-literal';

export interface FleetPolicyInputs {
  readonly vendor: Vendor;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly bootstrapSecret?: string;
  readonly bootstrapBucket?: string;
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** CloudWatch namespace each vendor's image publishes its metrics under. */
const METRIC_NAMESPACES: Readonly<Record<Vendor, string>> = {
  checkpoint: 'CloudGuard',
  paloalto: 'VMseries',
  fortinet: 'FortiGate',
  generic: 'gwlbtun',
};

export function fleetPolicyStatements(inputs: FleetPolicyInputs): PolicyStatement[] {
  const { partition, region, accountId } = inputs;
  const statements: PolicyStatement[] = [
    {
      Sid: 'PublishApplianceMetrics',
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      // PutMetricData has no resource ARN; the namespace condition is its only scope.
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': METRIC_NAMESPACES[inputs.vendor] } },
    },
  ];
  // The statements reach Terraform inside Fn.jsonencode(...): user strings there are expression literals.
  const secret = inputs.bootstrapSecret;
  if (secret && secret.includes(':secretsmanager:')) {
    statements.push({ Sid: 'ReadBootstrapSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: terraformExpressionLiteral(secret) });
  } else if (secret) {
    const parameterArn = secret.startsWith('arn:')
      ? secret
      : `arn:${partition}:ssm:${region}:${accountId}:parameter/${secret.replace(/^\//, '')}`;
    statements.push({ Sid: 'ReadBootstrapParameter', Effect: 'Allow', Action: 'ssm:GetParameter', Resource: terraformExpressionLiteral(parameterArn) });
    statements.push({
      Sid: 'DecryptBootstrapParameter',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: `arn:${partition}:kms:${region}:${accountId}:key/*`,
      Condition: { StringEquals: { 'kms:ViaService': `ssm.${region}.amazonaws.com` } },
    });
  }
  if (inputs.bootstrapBucket) {
    const bucketArn = `arn:${partition}:s3:::${terraformExpressionLiteral(inputs.bootstrapBucket)}`;
    statements.push({ Sid: 'ListBootstrapBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn });
    statements.push({ Sid: 'ReadBootstrapPackage', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucketArn}/*` });
  }
  return statements;
}
