/**
 * Synthesis of a network model into Terraform: one folder per stack
 * (`stacks/<stack>/cdk.tf.json`, or `cdk.tf` with HCL) plus cdktf's `manifest.json`,
 * the intent file and the hand-off documents. The same function runs under
 * `gwlb-blueprint synth` and under `cdktf synth` (through the project's cdktf.json
 * app), so both write identical stacks. What is written is read back once
 * (src/synth-folder), and that reading serves the hand-off and verify alike.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NetworkModel } from '../blueprint/model';
import { Annotations, App, AppSynthesis, type ManifestEntry } from '../cdk/core';
import { writeHandoff } from '../handoff';
import { restoreProtoKeys } from '../constructs/terraform-literal';
import { addNetworkStacks, plannedStacks } from '../stacks/network-app';
import type { NetworkStack } from '../stacks/network-stack';
import { GENERATOR_KEY, INTENT_FILE, MANIFEST_FILE, readSynthFolder, readSynthFolderSync, type SynthFolder } from '../synth-folder';
import { AWS_PROVIDER } from '../terraform/mirror';
import { finishHclStacks } from './hcl';
import { intentOf } from './intent';
import { LOCK_FILE, renderProviderLock } from './provider-lock';
import { layoutOf } from './recorded-layout';
import { NO_TIMINGS, type TimingsRecorder } from '../util/timings';
import { stackOfWarning, type SynthWarning } from './warnings';

export interface SynthesizeOptions {
  /** Folder to write into; under cdktf CLI it comes from CDKTF_OUTDIR. */
  readonly outdir?: string;
  /** Blueprint warnings to record as cdktf annotations on the stacks they concern (warnings.ts). @default none */
  readonly warnings?: readonly SynthWarning[];
  /** Add a Reachability Analyzer stack per region (`synth --post-deploy-checks`). @default false */
  readonly postDeployChecks?: boolean;
  /** Where each phase's wall time is recorded (`synth --timings`). @default not recorded */
  readonly timings?: TimingsRecorder;
  /**
   * Writes each file of the folder (relative, `/`-separated), creating its folder where it is not
   * there yet, but the hand-off documents, and the stacks' JSON where cdktf's own synthesizer
   * writes it (GWLB_CDKTF_STOCK). @default fs.writeFileSync, at once
   */
  readonly writeFile?: (file: string, text: string) => void;
}

export interface SynthesizeResult {
  readonly outdir: string;
  /** Stack names in deploy order (hub, egress, DMZs, spokes; per region). */
  readonly stacks: readonly string[];
  /** The folder as written, read back. */
  readonly folder: SynthFolder;
}

/** Synthesizes Terraform JSON. */
export function synthesizeNetwork(model: NetworkModel, options: SynthesizeOptions = {}): SynthesizeResult {
  const { outdir, stacks } = writeStacks(model, options, false);
  return readBackAndHandOff(model, stacks, outdir, options.timings);
}

/** The JSON stacks written, without the hand-off documents (which need the folder read: handOff). */
export function writeJsonStacks(model: NetworkModel, options: SynthesizeOptions): { outdir: string; stacks: string[] } {
  return writeStacks(model, options, false);
}

/** Reads a written JSON folder back (once: the hand-off and verify both use that reading) and writes the hand-off. */
export function readBackAndHandOff(model: NetworkModel, stacks: string[], outdir: string, timings?: TimingsRecorder): SynthesizeResult {
  const folder = readSynthFolderSync(outdir);
  timings?.lap('read the folder back');
  return handOff(model, stacks, folder, timings);
}

/** Synthesizes HCL (`cdk.tf`), formatted as `terraform fmt` would. */
export async function synthesizeNetworkHcl(model: NetworkModel, options: SynthesizeOptions = {}): Promise<SynthesizeResult> {
  const { outdir, stacks } = writeStacks(model, options, true);
  await finishHclStacks(outdir, stacks);
  options.timings?.lap('format HCL');
  const folder = await readSynthFolder(outdir);
  options.timings?.lap('read the folder back');
  return handOff(model, stacks, folder, options.timings);
}

function writeStacks(model: NetworkModel, options: SynthesizeOptions, hcl: boolean): { outdir: string; stacks: string[] } {
  const timings = options.timings ?? NO_TIMINGS;
  const { app, stacks } = networkApp(model, options, hcl);
  timings.lap('construct tree');
  const synthesis = new AppSynthesis(app);
  synthesis.prepare();
  timings.lap('prepare: resolve each element');
  synthesis.synthesize(options.writeFile);
  synthesis.validateApp();
  finishStacks(app.outdir, stacks, options.writeFile);
  writeTo(app.outdir, MANIFEST_FILE, synthesis.manifestJson(withStateReads(synthesis.manifestEntries(), stacks), generatorRecord(model)), options.writeFile);
  writeIntent(app.outdir, model, options.writeFile);
  timings.lap(options.writeFile ? 'stacks, lock files, manifest, intent, to the proof thread' : 'write stacks, lock files, manifest, intent');
  return { outdir: app.outdir, stacks: stacks.map((s) => s.node.id) };
}

/**
 * The network's App, the blueprint's warnings recorded on the stacks they concern: every stack
 * constructed, or (`only`) the ones a process writes and what they take references to (network-app.ts).
 */
export function networkApp(model: NetworkModel, options: SynthesizeOptions, hcl: boolean, only?: (stack: string) => boolean): { app: App; stacks: NetworkStack[] } {
  const { outdir } = options;
  const app = new App({ ...(outdir ? { outdir } : {}), hclOutput: hcl, stackTraces: false });
  // cdktf 0.21 bug: each stack picks HCL or JSON from SYNTH_HCL_OUTPUT when it is
  // constructed and ignores the App's hclOutput, so HCL would be JSON in a .tf file.
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(hcl);
  let stacks;
  try {
    stacks = addNetworkStacks(app, model, { postDeployChecks: options.postDeployChecks ?? false, ...(only ? { only } : {}) });
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
  // A warning goes to the stack its path names, which a process that constructs only some stacks may not have.
  const names = plannedStacks(model, { postDeployChecks: options.postDeployChecks ?? false }).map((s) => s.name);
  const constructed = new Map(stacks.map((s) => [s.node.id, s]));
  for (const warning of options.warnings ?? []) {
    const stack = constructed.get(stackOfWarning(model, warning.path, names));
    if (stack) Annotations.of(stack).addWarning(warning.text);
  }
  return { app, stacks };
}

/** What each written stack gets after cdktf: its `__proto__` keys back, the provider lock file and its own files (user data). */
export function finishStacks(outdir: string, stacks: readonly NetworkStack[], writeFile?: SynthesizeOptions['writeFile']): void {
  // Every stack pins hashicorp/aws with its checksums, so that one plugin cache serves them all (provider-lock.ts).
  const lock = renderProviderLock(AWS_PROVIDER.version);
  for (const stack of stacks) {
    const dir = path.join(outdir, 'stacks', stack.node.id);
    if (!stack.finishesJson) restoreProtoKeysOf(dir);
    for (const [file, content] of [...stack.files, [LOCK_FILE, lock] as const]) {
      const target = path.join(dir, file);
      if (writeFile) {
        writeFile(`stacks/${stack.node.id}/${file}`, content);
        continue;
      }
      if (file.includes('/')) mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
}

/** What verify checks the stacks against: which flows must be inspected, and the VPN prefixes. */
export function writeIntent(outdir: string, model: NetworkModel, writeFile?: SynthesizeOptions['writeFile']): void {
  writeTo(outdir, INTENT_FILE, `${JSON.stringify(intentOf(model), null, 2)}\n`, writeFile);
}

function writeTo(outdir: string, file: string, text: string, writeFile: SynthesizeOptions['writeFile']): void {
  if (writeFile) writeFile(file, text);
  else writeFileSync(path.join(outdir, file), text);
}

/** The placeholder of a `__proto__` tag key back to itself in a stack written by cdktf's own synthesizer (HCL). */
function restoreProtoKeysOf(stackDir: string): void {
  for (const file of ['cdk.tf.json', 'cdk.tf'].map((f) => path.join(stackDir, f)).filter((f) => existsSync(f))) {
    const text = readFileSync(file, 'utf8');
    const restored = restoreProtoKeys(text);
    if (restored !== text) writeFileSync(file, restored);
  }
}

/**
 * The stacks a stack reads through its own remote-state blocks (NetworkStack.readStateOf) are
 * dependencies cdktf does not see: recorded in the manifest by name, so `cdktf deploy` and the
 * hand-off apply them first, whatever app built them. `entries` are cdktf's, of every stack
 * (whichever process wrote it); the amended ones are returned.
 */
export function withStateReads(entries: Readonly<Record<string, ManifestEntry>>, stacks: readonly NetworkStack[]): Record<string, ManifestEntry> {
  const out = { ...entries };
  for (const stack of stacks) {
    if (stack.stateDependencies.length === 0) continue;
    const entry = out[stack.node.id] as ManifestEntry & { dependencies?: string[] };
    out[stack.node.id] = { ...entry, dependencies: [...new Set([...(entry.dependencies ?? []), ...stack.stateDependencies])] };
  }
  return out;
}

/**
 * What gwlb-blueprint adds to cdktf's manifest: its version and the address layout
 * (recorded-layout.ts), so a later run can tell that its own plan would differ.
 */
export function generatorRecord(model: NetworkModel): Record<string, unknown> {
  return { [GENERATOR_KEY]: { version: generatorVersion(), layout: layoutOf(model) } };
}

function generatorVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}

/** For the network team: README.md (what, where, in which order) and diagram.mmd (topology), from the folder as read. */
export function handOff(model: NetworkModel, stacks: string[], folder: SynthFolder, timings?: TimingsRecorder): SynthesizeResult {
  writeHandoff(model, folder, stacks);
  timings?.lap('hand-off README and diagram');
  return { outdir: folder.dir, stacks, folder };
}
