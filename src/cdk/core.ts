/**
 * The seam to CDK for Terraform. CDKTF is deprecated upstream and its community
 * fork (CDK Terrain) is a rename away: every import of `cdktf` and `constructs`
 * in the project goes through this file, so that move touches only here and aws.ts.
 */
export { Construct, type Node } from 'constructs';
export {
  App,
  Fn,
  LocalBackend,
  S3Backend,
  TerraformOutput,
  TerraformStack,
  Testing,
  TerraformProvider,
  Token,
  type ITerraformDependable,
  type TerraformElement,
} from 'cdktf';
