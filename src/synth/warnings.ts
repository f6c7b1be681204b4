/**
 * Blueprint warnings under `cdktf synth`. The cdktf CLI prints whatever its app
 * writes to stderr as `[ERROR] default - …` (cli-core runs the app through
 * @cdktf/commons `shell`, which logs stderr as errors), so a warning written there
 * reads as an error. Instead each becomes a cdktf annotation on the stack it
 * concerns: the CLI prints those as `WARN [stack]: …` after synthesis, and
 * manifest.json keeps them with the stack.
 */
import type { NetworkModel } from '../blueprint/model';
import type { JsonPath } from '../blueprint/problems';
import { hubStackName, vpcStackName } from '../stacks/names';

export interface SynthWarning {
  /** As `validate` prints it: file, position, path, value, message and rule. */
  readonly text: string;
  /** The blueprint field it is about. */
  readonly path: JsonPath;
}

/**
 * The stack a warning about `path` belongs to: a fleet's to the egress stack
 * (fleets live there), a VPC's to its own stack, anything else of a region to its
 * hub, and what concerns the whole blueprint to the first stack.
 */
export function stackOfWarning(model: NetworkModel, path: JsonPath, stacks: readonly string[]): string {
  const region = path[0] === 'regions' ? model.regions.find((r) => r.code === path[1]) : undefined;
  let stack: string | undefined;
  if (region) {
    const [, , part, name] = path;
    if (part === 'fleets' || part === 'egress') stack = vpcStackName(model, region, region.egress);
    else if (part === 'dmzs' || part === 'spokes') {
      const vpc = (part === 'dmzs' ? region.dmzs : region.spokes).find((v) => v.name === name);
      stack = vpc ? vpcStackName(model, region, vpc) : undefined;
    }
    stack ??= hubStackName(model, region);
  }
  return stack !== undefined && stacks.includes(stack) ? stack : stacks[0];
}
