/**
 * The policy of a DMZ's S3 gateway endpoint. The default policy of a gateway
 * endpoint allows every action on every bucket of every account (docs.aws.amazon.com/
 * vpc/latest/privatelink/vpc-endpoints-access.html), so a DMZ instance could copy
 * data into any bucket in the world without passing an appliance. This one admits:
 *
 *   1. requests by principals of the blueprint's own accounts to buckets those
 *      accounts own (aws:PrincipalAccount and aws:ResourceAccount; an Organization
 *      condition, aws:PrincipalOrgID, would shut out the accounts marked `external`);
 *   2. reads of the AWS-owned buckets instances need to install and run (below),
 *      which are public and read without credentials, so no principal condition;
 *   3. reads of the buckets the blueprint lists in `dmzs.*.s3Endpoint.buckets`.
 *
 * The AWS-owned buckets follow AWS's own list of buckets that VPC endpoint policies
 * must admit for AWS services (aws-samples/data-perimeter-policy-examples,
 * vpc_endpoint_policies/s3_endpoint_policy.json, "AllowRequestsToAWSOwnedResources"),
 * narrowed to what an EC2 instance in a DMZ uses, each with the service's own page.
 */

/** Bucket name patterns; `{region}` is the DMZ's region. */
export const AWS_OWNED_BUCKETS: readonly { readonly bucket: string; readonly why: string }[] = [
  // Amazon Linux 2023 dnf repositories (the bucket behind cdn.amazonlinux.com mirrors in-region).
  { bucket: 'al2023-repos-{region}-de612dc2', why: 'Amazon Linux 2023 package repositories' },
  // Amazon Linux 2 yum repositories: repost.aws/knowledge-center/ec2-al1-al2-update-yum-without-internet
  { bucket: 'amazonlinux-2-repos-{region}', why: 'Amazon Linux 2 package repositories' },
  { bucket: 'amazonlinux.{region}.amazonaws.com', why: 'Amazon Linux 2 repository mirror list' },
  // SSM Agent: docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-technical-details.html#ssm-agent-minimum-s3-permissions
  { bucket: 'aws-ssm-{region}', why: 'SSM Agent documents and plugins' },
  { bucket: 'aws-windows-downloads-{region}', why: 'SSM documents for Windows instances' },
  { bucket: 'amazon-ssm-{region}', why: 'SSM Agent installation and updates' },
  { bucket: 'amazon-ssm-packages-{region}', why: 'SSM Distributor packages (AWS-published)' },
  { bucket: '{region}-birdwatcher-prod', why: 'SSM Distributor' },
  { bucket: 'aws-ssm-distributor-file-{region}', why: 'SSM Distributor files' },
  { bucket: 'aws-ssm-document-attachments-{region}', why: 'SSM document attachments' },
  // Patch Manager: docs.aws.amazon.com/systems-manager/latest/userguide/patch-operations-s3-buckets.html
  { bucket: 'patch-baseline-snapshot-{region}', why: 'Patch Manager baseline snapshots' },
  // CloudWatch agent: docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/download-cloudwatch-agent-commandline.html
  { bucket: 'amazoncloudwatch-agent-{region}', why: 'CloudWatch agent packages (regional)' },
  { bucket: 'amazoncloudwatch-agent', why: 'CloudWatch agent packages' },
  // ECR image layers: docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-setting-up-s3-gateway
  { bucket: 'prod-{region}-starport-layer-bucket', why: 'Amazon ECR image layers' },
];

/** What AWS_OWNED_BUCKETS serve, in words, for the hand-off. */
export const AWS_OWNED_BUCKETS_SUMMARY = 'Amazon Linux package repositories, SSM Agent, Distributor and Patch Manager, the CloudWatch agent, ECR image layers';

/** The maximum size of a VPC endpoint policy, white space included (docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html). */
export const ENDPOINT_POLICY_MAX_CHARS = 20_480;

export interface S3EndpointPolicyInput {
  readonly partition: string;
  readonly region: string;
  /**
   * Every account ID of the blueprint, sorted: a list, or an expression that is
   * one (the DMZ stacks read it from the hub, so that adding an account changes
   * no DMZ stack's configuration; DESIGN.md, "Stability contract").
   */
  readonly accountIds: readonly string[];
  /** Buckets the blueprint adds (`dmzs.*.s3Endpoint.buckets`), as they are to be written. */
  readonly buckets: readonly string[];
}

/** The policy document, as an object for jsonencode (or JSON.stringify). */
export function s3EndpointPolicy(input: S3EndpointPolicyInput): Record<string, unknown> {
  const accounts = input.accountIds;
  const arn = (bucket: string) => `arn:${input.partition}:s3:::${bucket}`;
  const owned = AWS_OWNED_BUCKETS.map((b) => b.bucket.replace(/\{region\}/g, input.region));
  const statements: Record<string, unknown>[] = [
    {
      Sid: 'BlueprintAccountsToTheirOwnBuckets',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalAccount': accounts, 'aws:ResourceAccount': accounts } },
    },
    {
      Sid: 'AwsOwnedBucketsInstancesNeed',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: owned.flatMap((b) => [arn(b), `${arn(b)}/*`]),
    },
  ];
  if (input.buckets.length > 0) {
    statements.push({
      Sid: 'BucketsTheBlueprintAdds',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [...new Set(input.buckets)].flatMap((b) => [arn(b), `${arn(b)}/*`]),
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}
