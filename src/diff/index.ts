/**
 * `gwlb-blueprint diff OLD NEW`: what a change does before anyone runs Terraform.
 * Each side is a blueprint (synthesized into a temporary folder, verified) or a
 * synthesized folder (read as Terraform would load it, verified); two folders
 * written by two versions of gwlb-blueprint are the upgrade report.
 *
 *   resources.ts    stacks added and destroyed, resources added, destroyed, changed (attribute paths)
 *   replacement.ts  which changes replace a resource (force-new.ts, references, provider moves)
 *   flows.ts        every flow whose treatment changes, from verify's proof of both sides
 *   report.ts       text, Markdown (a pull-request comment) and JSON
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCheckedBlueprint } from '../blueprint/checked';
import { readSynthFolder, type SynthFolder } from '../synth-folder';
import { synthesizeVerified } from '../synth/verified-synthesis';
import { UserError } from '../util/errors';
import type { Io } from '../util/io';
import { verifySynthFolder, type VerifyResult } from '../verify';
import { terraformSetOf } from '../verify/terraform-json';
import { diffFlows, LOSSES, type FlowDiff } from './flows';
import { markReplacements } from './replacement';
import { diffStacks, type StackDiff } from './resources';

export interface DiffSide {
  /** As given on the command line. */
  readonly label: string;
  readonly kind: 'blueprint' | 'folder';
  readonly verifies: boolean;
  /** The gwlb-blueprint version that wrote a folder (its manifest says), when it says. */
  readonly writtenBy?: string;
}

export interface DiffResult {
  readonly old: DiffSide;
  readonly new: DiffSide;
  readonly stacks: readonly StackDiff[];
  readonly flows: FlowDiff;
  /** Why `diff` exits 3; empty: nothing is lost, replaced or destroyed (exit 0). */
  readonly blocking: readonly string[];
}

export interface DiffOptions {
  /** Synthesize blueprints with the Reachability Analyzer stacks (as `synth --post-deploy-checks`). */
  readonly postDeployChecks?: boolean;
}

/** The synthesis a side resolves to, verified; its temporary folder (for a blueprint) is removed once read. */
export interface Resolved {
  readonly side: DiffSide;
  readonly folder: SynthFolder;
  readonly verification: VerifyResult;
}

export async function resolveSide(label: string, which: 'OLD' | 'NEW', options: DiffOptions, io: Io): Promise<Resolved> {
  let stat;
  try {
    stat = statSync(label);
  } catch {
    throw new UserError(`${which} ${JSON.stringify(label)} is neither a blueprint file nor a folder written by synth: it does not exist`);
  }
  if (stat.isDirectory()) {
    const folder = await readSynthFolder(label);
    const verification = verifySynthFolder(folder);
    const version = folder.manifest.generator?.version;
    return { side: { label, kind: 'folder', verifies: verification.ok, ...(typeof version === 'string' ? { writtenBy: version } : {}) }, folder, verification };
  }
  const checked = loadCheckedBlueprint(label, io);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-diff-'));
  try {
    const { synthesis, verification } = synthesizeVerified(checked.model, { outdir: path.join(dir, 'out'), postDeployChecks: options.postDeployChecks });
    return { side: { label, kind: 'blueprint', verifies: verification.ok }, folder: synthesis.folder, verification };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function diffInputs(oldLabel: string, newLabel: string, options: DiffOptions, io: Io): Promise<DiffResult> {
  const before = await resolveSide(oldLabel, 'OLD', options, io);
  const after = await resolveSide(newLabel, 'NEW', options, io);
  return diffSides(before, after);
}

export function diffSides(before: Resolved, after: Resolved): DiffResult {
  const stacks = diffStacks(before.folder, after.folder);
  markReplacements(stacks, terraformSetOf(before.folder), terraformSetOf(after.folder));
  const flows = diffFlows(before.verification, after.verification);
  return { old: before.side, new: after.side, stacks, flows, blocking: blockingOf(stacks, flows) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function blockingOf(stacks: readonly StackDiff[], flows: FlowDiff): string[] {
  const reasons: string[] = [];
  const lost = (kind: string) => flows.changes.filter((c) => c.kind === kind && LOSSES.has(c.kind)).length;
  if (lost('newly-uninspected') > 0) reasons.push(`${plural(lost('newly-uninspected'), 'flow')} no longer inspected on every AZ path`);
  if (lost('newly-unreachable') > 0) reasons.push(`${plural(lost('newly-unreachable'), 'flow')} no longer delivered on every AZ path`);
  if (lost('newly-failing') > 0) reasons.push(`${plural(lost('newly-failing'), 'flow')} newly refused by verify`);
  const gone = stacks.filter((s) => s.kind === 'destroyed');
  if (gone.length > 0) reasons.push(`${plural(gone.length, 'stack')} destroyed (${gone.map((s) => s.name).join(', ')}): ${plural(gone.reduce((n, s) => n + s.resourcesBefore, 0), 'resource')}`);
  const destroyed = stacks.filter((s) => s.kind !== 'destroyed').flatMap((s) => s.resources.filter((r) => r.kind === 'destroyed'));
  if (destroyed.length > 0) reasons.push(`${plural(destroyed.length, 'resource')} destroyed in stacks that stay`);
  const replaced = stacks.flatMap((s) => s.resources.filter((r) => r.replacedBecause));
  if (replaced.length > 0) reasons.push(`${plural(replaced.length, 'existing resource')} replaced (destroyed, then created again)`);
  return reasons;
}
