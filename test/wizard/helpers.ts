/** Shared by the wizard tests: a scratch folder per test, and `init` run with scripted answers. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runInit, type InitOptions } from '../../src/cli/commands/init';
import { memoryIo } from '../../src/util/io';
import type { Blueprint } from '../../src/blueprint/schema';
import { askBlueprint } from '../../src/wizard/flow';
import { ScriptedPrompter, type Script } from '../../src/wizard/scripted-prompter';

export const ROOT = path.resolve(__dirname, '..', '..');
export const REFERENCE_FILE = path.join(ROOT, 'templates', 'reference.blueprint.json');

export function reference(): Blueprint {
  return JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as Blueprint;
}

const scratch: string[] = [];

/** A new empty folder, removed after the test file. */
export function scratchDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-init-'));
  scratch.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

export interface ScriptedRun {
  readonly prompter: ScriptedPrompter;
  readonly io: ReturnType<typeof memoryIo>;
  /** The folder init wrote (or refused to write). */
  readonly dir: string;
  /** What runInit threw, if anything. */
  readonly error?: Error;
}

/** `init <scratch>/net` on a (pretend) terminal, answering from `script` and taking defaults elsewhere. */
export async function initScripted(script: Script, options: InitOptions = {}, dir = path.join(scratchDir(), 'net')): Promise<ScriptedRun> {
  const prompter = new ScriptedPrompter(script);
  const io = memoryIo(true);
  try {
    await runInit(dir, options, io, prompter);
    return { prompter, io, dir };
  } catch (err) {
    return { prompter, io, dir, error: err as Error };
  }
}

/** `bp` with `azSlots` written into the regions named (what init writes; the counts are the test's own). */
export function withAzSlots(bp: Blueprint, slots: Readonly<Record<string, number>>): Blueprint {
  const copy = structuredClone(bp);
  for (const [code, azSlots] of Object.entries(slots)) copy.regions[code].azSlots = azSlots;
  return copy;
}

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Everything under `dir`, as sorted relative paths (hidden files included). */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string, prefix: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(at, entry.name), rel);
      else out.push(rel);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** The questions with `base` as the user's own blueprint (`--from`). */
export async function ask(script: Script, base: Blueprint = reference()): Promise<{ blueprint: Blueprint; prompter: ScriptedPrompter }> {
  const prompter = new ScriptedPrompter(script);
  const blueprint = await askBlueprint(prompter, base);
  expect(prompter.unused).toEqual([]);
  return { blueprint, prompter };
}

/** The questions of a new network: the reference is only the example they start from. */
export async function askNew(script: Script): Promise<{ blueprint: Blueprint; prompter: ScriptedPrompter }> {
  const prompter = new ScriptedPrompter(script);
  const blueprint = await askBlueprint(prompter, reference(), false);
  expect(prompter.unused).toEqual([]);
  return { blueprint, prompter };
}
