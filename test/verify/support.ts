/** Synthesized stacks as raw JSON, to verify as they are or after a deliberate mutation. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import { validateBlueprint } from '../../src/blueprint/validate';
import { synthesizeNetwork } from '../../src/synth/synthesize';
import { verifyTerraform, type FlowResult, type VerifyResult } from '../../src/verify';
import { parseIntent, type Intent } from '../../src/verify/intent';
import { stackFromJson, TerraformSet } from '../../src/verify/terraform-json';

export type RawStacks = Record<string, any>;

export interface Synthesized {
  readonly stacks: RawStacks;
  readonly intent: Intent;
}

/** Synthesizes a blueprint (a file, or the blueprint itself) into a temp folder and reads every stack back as JSON. */
export function synthesizeToJson(blueprint: string | object): Synthesized {
  const result = validateBlueprint(typeof blueprint === 'string' ? readBlueprintFile(blueprint).value : blueprint);
  if (!result.model) throw new Error(`${typeof blueprint === 'string' ? blueprint : 'the blueprint'} does not validate`);
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-verify-test-'));
  try {
    const synthesis = synthesizeNetwork(result.model, { outdir: dir });
    const stacks: RawStacks = {};
    for (const name of synthesis.stacks) stacks[name] = JSON.parse(readFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
    return { stacks, intent: parseIntent(synthesis.folder.intent)! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Verifies stacks keeping every failing AZ path (the networks tests use are small). */
export function verifyStacks(stacks: RawStacks, intent: Intent | undefined): VerifyResult {
  return verifyTerraform(new TerraformSet(Object.entries(stacks).map(([name, json]) => stackFromJson(name, json))), intent, { examplesPerPair: Infinity, examples: Infinity });
}

export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The one stack whose name ends with `suffix`. */
export function stackEnding(stacks: RawStacks, suffix: string): any {
  const names = Object.keys(stacks).filter((n) => n.endsWith(suffix));
  if (names.length !== 1) throw new Error(`expected one stack ending ${suffix}, found ${names.join(', ') || 'none'}`);
  return stacks[names[0]];
}

export const failedFlows = (result: VerifyResult) => result.flows.filter((f) => !f.ok);
export const failedControls = (result: VerifyResult) => result.controls.filter((c) => !c.ok).map((c) => c.id);

/** Every failing AZ path as `class source → destination azs [source range → destination range]: reason`. */
export function failureLines(result: VerifyResult): string[] {
  return failedFlows(result).flatMap((f: FlowResult) => f.failures.map((e) => `${f.flowClass} ${f.source} → ${f.destination} ${e.azs} [${e.sourceRange} → ${e.destinationRange}]: ${e.reason}`));
}
