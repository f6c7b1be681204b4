/**
 * The Reachability Analyzer paths of `synth --post-deploy-checks` say what
 * verify proves of their flow (a tag on each path); here verify checks that they
 * still say so, so a path tagged "inspected by cloudguard" can never sit beside
 * Terraform whose flow verify proves otherwise (a stale stack, a hand edit). What
 * AWS finds after deploy is then compared with a prediction that is the proof's.
 */
import type { FlowResult } from './proof';
import type { TerraformSet } from './terraform-json';

/** The tags a path carries (src/stacks/post-deploy-checks-stack.ts writes them). */
export const PATH_TAGS = {
  flowClass: 'gwlb-blueprint:flow-class',
  source: 'gwlb-blueprint:source',
  destination: 'gwlb-blueprint:destination',
  predicted: 'gwlb-blueprint:verify-predicts',
} as const;

export interface PostDeployChecksResult {
  /** Paths checked. */
  readonly checked: number;
  /** `path: why`, for each path whose prediction the proof does not bear out. */
  readonly failures: readonly string[];
}

/** What the proof says of a pair, in the words of the tag: `inspected by a+b`, `direct`, or why it is neither. */
export function predictionOf(flow: FlowResult): string {
  const { undelivered, uninspected, fleets } = flow.coverage;
  if (undelivered > 0) return `not delivered on ${undelivered} of ${flow.azPaths} AZ paths`;
  if (uninspected === flow.azPaths && fleets.length === 0) return 'direct';
  if (uninspected > 0) return `uninspected on ${uninspected} of ${flow.azPaths} AZ paths`;
  return `inspected by ${fleets.join('+')}`;
}

export function checkPostDeployPaths(set: TerraformSet, flows: readonly FlowResult[], display: (name: string) => string): PostDeployChecksResult {
  const failures: string[] = [];
  let checked = 0;
  for (const path of set.resources('aws_ec2_network_insights_path')) {
    const tags = (path.args.tags ?? {}) as Record<string, unknown>;
    const predicted = tags[PATH_TAGS.predicted];
    if (typeof predicted !== 'string') continue;
    checked++;
    const region = set.regionOf(path.stack, path.args);
    const [flowClass, source, destination] = [tags[PATH_TAGS.flowClass], tags[PATH_TAGS.source], tags[PATH_TAGS.destination]].map(String);
    const flow = flows.find((f) => f.region === region && f.flowClass === flowClass && f.source === display(source) && f.destination === display(destination));
    if (!flow) failures.push(`${path.key}: tagged for ${flowClass} ${source} → ${destination} in ${region}, a flow verify does not prove here`);
    else if (predictionOf(flow) !== predicted) failures.push(`${path.key}: tagged "${predicted}", but verify proves the flow ${predictionOf(flow)}`);
  }
  return { checked, failures };
}
