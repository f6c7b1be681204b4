/**
 * The appliance role's permissions: only what the vendor's image does at run
 * time (publish its metrics, read its own bootstrap secret or package), each
 * scoped to exactly the resource it needs. Keys, PINs and tokens are never in
 * Terraform or user data: the appliance reads them at boot from these objects.
 */
import type { Vendor } from '../blueprint/schema';
import { terraformExpressionLiteral } from './terraform-literal';

export interface FleetPolicyInputs {
  readonly vendor: Vendor;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** The CloudWatch namespace the image publishes to (VENDOR_PROFILES, or the fleet's scaling namespace). */
  readonly metricNamespace: string;
  readonly bootstrapSecret?: string;
  readonly bootstrapBucket?: string;
  /** The object keys the appliance reads from the bucket, or WHOLE_BUCKET. */
  readonly bucketObjects?: readonly string[];
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/**
 * `bucketObjects` entry for a bucket that is a whole bootstrap package: PAN-OS reads
 * /config, /content, /software, /license and /plugins and nothing else may be in it
 * (docs.paloaltonetworks.com, VM-Series "Prepare the Bootstrap Package").
 */
export const WHOLE_BUCKET = '*';

export function fleetPolicyStatements(inputs: FleetPolicyInputs): PolicyStatement[] {
  const { partition, region, accountId } = inputs;
  const statements: PolicyStatement[] = [
    {
      Sid: 'PublishApplianceMetrics',
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      // PutMetricData has no resource ARN; the namespace condition is its only scope.
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': inputs.metricNamespace } },
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
    const objects = inputs.bucketObjects ?? [];
    if (objects.includes(WHOLE_BUCKET)) {
      // A PAN-OS bootstrap bucket is the package: nothing else may be in it, and the firewall lists it.
      statements.push({ Sid: 'ListBootstrapPackage', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn });
      statements.push({ Sid: 'ReadBootstrapPackage', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucketArn}/*` });
    } else if (objects.length > 0) {
      statements.push({ Sid: 'ReadBootstrapObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: objects.map((key) => `${bucketArn}/${terraformExpressionLiteral(key)}`) });
    }
  }
  return statements;
}
