/**
 * The seam to CDK for Terraform. CDKTF is deprecated upstream and its community
 * fork (CDK Terrain) is a rename away: every import of `cdktf` and `constructs`
 * in the project goes through this file, so that move touches only here and aws.ts.
 */
import './deferred-modules';
import './snake-keys';
import './plain-arguments';
export { Construct, type Node } from 'constructs';
export {
  Annotations,
  App,
  Aspects,
  DataResource as TerraformData,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  DefaultTokenResolver,
  Fn,
  StringConcat,
  Tokenization,
  type IAspect,
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
export { ResolveOnceStack } from './resolve-once';
export { AppSynthesis, type ManifestEntry, type StackReferences } from './app-synthesis';

/**
 * cdktf records a full stack trace (unlimited depth) for every token it creates,
 * only to print where a token came from when resolving it fails. Synthesis makes
 * tens of thousands of tokens; the traces cost about a fifth of its time, so they
 * are switched off. Set GWLB_CDKTF_STACK_TRACES=1 to debug a token error.
 */
function disableTokenStackTraces(): void {
  if (process.env.GWLB_CDKTF_STACK_TRACES === '1') return;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const traces = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
    traces.captureStackTrace = () => [];
  } catch {
    // A cdktf (or CDK Terrain) without this module: nothing to switch off.
  }
}
disableTokenStackTraces();

