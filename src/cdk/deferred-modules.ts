/**
 * Start-up: loading cdktf loads packages that synthesis never uses.
 * lib/private/fs.js requires archiver (with readable-stream, lodash, glob and
 * the zip and tar streams, ~170 modules, 50-100 ms) only to zip a TerraformAsset
 * folder, and lib/validations/validate-binary-version.js requires semver only to
 * check a Terraform binary's version when a stack moves a resource: gwlb-blueprint
 * creates neither. json-stable-stringify (with its call-bind helpers, ~20 ms)
 * writes what json-synthesizer.ts and app-synthesis.ts now write; cdktf still
 * uses it for HCL metadata and its Testing helpers. The Reachability Analyzer's
 * provider classes (1.2 MB of JavaScript, ~15-30 ms to compile) serve only
 * `synth --post-deploy-checks` (aws.ts exports them with the others). Until one is used, a stand-in
 * takes its place in the module cache (util/deferred-module.ts).
 *
 * And what is loaded is compiled without the source map each of its files carries
 * inline (util/inline-source-maps.ts: two thirds of its bytes).
 *
 * Imported (for this effect alone) by core.ts and aws.ts before either loads
 * cdktf. Under a module system without require.cache (jest) nothing is deferred.
 */
import * as path from 'node:path';
import { deferModule } from '../util/deferred-module';
import { skipInlineSourceMaps } from '../util/inline-source-maps';

/** What each deferred package is required from, relative to cdktf's folder. */
const DEFERRED = [
  ['archiver', 'lib/private/fs.js'],
  ['semver', 'lib/validations/validate-binary-version.js'],
  ['json-stable-stringify', 'lib/synthesize/synthesizer.js'],
] as const;

/** Provider submodules that only some networks use, as aws.ts requires them. */
const DEFERRED_PROVIDER = ['@cdktf/provider-aws/lib/ec2-network-insights-analysis', '@cdktf/provider-aws/lib/ec2-network-insights-path'] as const;

function defer(request: string, from?: string): void {
  let file: string;
  try {
    file = from === undefined ? require.resolve(request) : require.resolve(request, { paths: [path.dirname(require.resolve(`cdktf/${from}`))] });
  } catch {
    return;
  }
  deferModule(file);
}

for (const [request, from] of DEFERRED) defer(request, from);
for (const request of DEFERRED_PROVIDER) defer(request);

for (const request of ['cdktf', 'constructs', '@cdktf/provider-aws']) {
  try {
    skipInlineSourceMaps(path.dirname(require.resolve(`${request}/package.json`)));
  } catch {
    // Not installed where this resolves: it loads as it is.
  }
}
