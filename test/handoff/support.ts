/** Shared by the hand-off tests: models of the example blueprints and a synthesis in a temporary folder. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import type { NetworkModel } from '../../src/blueprint/model';
import { validateBlueprint } from '../../src/blueprint/validate';
import { synthesizeNetwork, synthesizeNetworkHcl } from '../../src/synth/synthesize';

export const ROOT = path.resolve(__dirname, '..', '..');
export const REFERENCE_FILE = path.join(ROOT, 'templates', 'reference.blueprint.json');
export const MULTI_REGION_FILE = path.join(ROOT, 'examples', 'multi-region.blueprint.yaml');
export const SINGLE_ACCOUNT_FILE = path.join(ROOT, 'examples', 'single-account.blueprint.json');

export function modelOfValue(value: unknown): NetworkModel {
  const result = validateBlueprint(value);
  if (!result.model) throw new Error(JSON.stringify(result.problems, null, 1));
  return result.model;
}

export function modelOf(file: string): NetworkModel {
  return modelOfValue(readBlueprintFile(file).value);
}

export function referenceValue(): Record<string, unknown> {
  return JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as Record<string, unknown>;
}

export interface Synthesis {
  readonly dir: string;
  readonly stacks: readonly string[];
  read(file: string): string;
  json(stack: string): { output?: Record<string, unknown>; provider?: { aws?: { alias?: string }[] } };
  remove(): void;
}

/** Synthesizes `model` (which writes README.md and diagram.mmd) into a fresh temporary folder. */
export function synthesize(model: NetworkModel): Synthesis {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-handoff-test-'));
  return synthesisIn(dir, synthesizeNetwork(model, { outdir: dir }).stacks);
}

/** The same, written as HCL. */
export async function synthesizeHcl(model: NetworkModel): Promise<Synthesis> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-handoff-test-'));
  return synthesisIn(dir, (await synthesizeNetworkHcl(model, { outdir: dir })).stacks);
}

function synthesisIn(dir: string, stacks: readonly string[]): Synthesis {
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  return {
    dir,
    stacks,
    read,
    json: (stack) => JSON.parse(read(path.join('stacks', stack, 'cdk.tf.json'))),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The text of a Markdown section: from its heading to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l === heading);
  if (start < 0) throw new Error(`no heading ${JSON.stringify(heading)}`);
  const level = heading.match(/^#+/)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)![0].length <= level);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}
