/**
 * Synthesis of a network model into Terraform: one folder per stack
 * (`stacks/<stack>/cdk.tf.json`, or `cdk.tf` with HCL) plus cdktf's `manifest.json`.
 * The same function runs under `gwlb-blueprint synth` and under `cdktf synth`
 * (through the project's cdktf.json app), so both write identical stacks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NetworkModel } from '../blueprint/model';
import { App } from '../cdk/core';
import { addNetworkStacks } from '../stacks/network-app';
import { writeHandoff } from '../handoff';
import { INTENT_FILE } from '../verify/intent';
import { intentOf } from './intent';

export interface SynthesizeOptions {
  /** Folder to write into; under cdktf CLI it comes from CDKTF_OUTDIR. */
  readonly outdir?: string;
  /** @default false */
  readonly hcl?: boolean;
}

export interface SynthesizeResult {
  readonly outdir: string;
  /** Stack names in deploy order (hub, egress, DMZs, spokes; per region). */
  readonly stacks: readonly string[];
}

export function synthesizeNetwork(model: NetworkModel, options: SynthesizeOptions = {}): SynthesizeResult {
  const hcl = options.hcl ?? false;
  const app = new App({ ...(options.outdir ? { outdir: options.outdir } : {}), hclOutput: hcl, stackTraces: false });
  // cdktf 0.21 bug: each stack picks HCL or JSON from SYNTH_HCL_OUTPUT when it is
  // constructed and ignores the App's hclOutput, so HCL would be JSON in a .tf file.
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(hcl);
  let stacks;
  try {
    stacks = addNetworkStacks(app, model);
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
  app.synth();
  for (const stack of stacks) {
    for (const [file, content] of stack.files) {
      const target = path.join(app.outdir, 'stacks', stack.node.id, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  // What verify checks the stacks against: which flows must be inspected, and the VPN prefixes.
  writeFileSync(path.join(app.outdir, INTENT_FILE), `${JSON.stringify(intentOf(model), null, 2)}\n`);
  // For the network team: README.md (what, where, in which order) and diagram.mmd (topology).
  writeHandoff(model, app.outdir, stacks);
  return { outdir: app.outdir, stacks: stacks.map((s) => s.node.id) };
}
