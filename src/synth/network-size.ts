/**
 * How large a network is, told from its blueprint file before it is validated: both
 * helpers of `synth` start before validation (partition.ts, proof-thread.ts), and each
 * pays only on one side of PARALLEL_MIN_STACKS. One `cidr` per VPC, so the count of
 * `cidr` keys is the count of stacks, near enough.
 */
import { readFileSync } from 'node:fs';

/**
 * From this many stacks on, two processes synthesize. Below it the second
 * process's start (node, cdktf and the provider classes: ~0.35 s of CPU) costs
 * more than it saves (bench/RESULTS.md, "two processes").
 */
export const PARALLEL_MIN_STACKS = 150;

/** Whether the blueprint file looks like PARALLEL_MIN_STACKS stacks or more; undefined when it cannot be read (validation will say why). */
export function looksLarge(blueprintFile: string): boolean | undefined {
  let text: string;
  try {
    text = readFileSync(blueprintFile, 'utf8');
  } catch {
    return undefined;
  }
  return (text.match(/\bcidr\b/g)?.length ?? 0) >= PARALLEL_MIN_STACKS;
}
