/**
 * `verify`: proves, before deploy, that synthesized Terraform inspects every flow
 * it must, symmetrically and without bypass, and meets the security baseline.
 * It reads the Terraform JSON (and the intent file `synth` writes), never the blueprint.
 */
import { checkControls, type ControlResult } from './controls';
import { checkDeployOrder, type DeployOrderResult } from './deploy-order';
import { checkFlows, type FlowResult } from './flows';
import { readSynthFolder, type SynthFolder } from '../synth-folder';
import { parseIntent, type Intent } from './intent';
import { buildNetworkGraph } from './network-graph';
import { terraformSetOf, type TerraformSet } from './terraform-json';

export interface VerifyResult {
  readonly ok: boolean;
  readonly flows: readonly FlowResult[];
  readonly controls: readonly ControlResult[];
  /** Whether every resource waits for what AWS needs to exist first (deploy-order.ts). */
  readonly deployOrder: DeployOrderResult;
  readonly intentFound: boolean;
}

/** Reads and verifies a synthesized folder (JSON or HCL). */
export async function verifyFolder(dir: string): Promise<VerifyResult> {
  return verifySynthFolder(await readSynthFolder(dir));
}

export function verifySynthFolder(folder: SynthFolder): VerifyResult {
  return verifyTerraform(terraformSetOf(folder), parseIntent(folder.intent));
}

export function verifyTerraform(set: TerraformSet, intent: Intent | undefined): VerifyResult {
  const graph = buildNetworkGraph(set);
  // Names read better without the `<network>-<region>-` every Name tag starts with; with
  // several regions the region stays, or paths across a peering would be ambiguous.
  const regions = intent ? Object.keys(intent.regions) : [];
  const prefixes = !intent ? [] : regions.length === 1 ? [`${intent.network}-${regions[0]}-`] : [`${intent.network}-`];
  const shortNames = new Map<string, string>();
  const display = (name: string) => {
    let short = shortNames.get(name);
    if (short === undefined) {
      const prefix = prefixes.find((p) => name.startsWith(p));
      shortNames.set(name, (short = prefix ? name.slice(prefix.length) : name));
    }
    return short;
  };
  const flows = checkFlows(graph, intent, display);
  const controls = checkControls(graph);
  const deployOrder = checkDeployOrder(set);
  return { ok: flows.every((f) => f.ok) && controls.every((c) => c.ok) && deployOrder.ok, flows, controls, deployOrder, intentFound: intent !== undefined };
}
