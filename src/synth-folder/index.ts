/**
 * The one reader of a synthesized folder, behind verify, the hand-off, the
 * Terraform proof and diff: its manifest, every stack's configuration as
 * Terraform would load it (JSON or HCL, every config file of the stack folder,
 * overrides applied), and the intent file. Folders come from us, from an older
 * version of us, or from a hand that edited them; every reader sees the same
 * thing and every refusal names the file and the JSON path.
 *
 *   manifest.ts      manifest.json, checked against the stack folders on disk
 *   stack-config.ts  a stack folder's files merged as Terraform merges them
 *   instances.ts     count / for_each expanded, what cannot be evaluated refused
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { FolderError } from './folder-error';
import { isConfigFile, parseJsonFile, readManifest, type Manifest, type ManifestStack } from './manifest';
import { mergeConfigFiles, type ConfigFile, type TerraformConfig } from './stack-config';

export { FolderError } from './folder-error';
export { GENERATOR_KEY, MANIFEST_FILE, readManifest, type Manifest, type ManifestStack } from './manifest';
export { instancesOf, isExpression, literalText, type Instances } from './instances';
export type { Attributes, TerraformConfig } from './stack-config';

export const INTENT_FILE = 'gwlb-blueprint.intent.json';

export interface SynthStack extends ManifestStack {
  readonly format: 'json' | 'hcl';
  /** Every file Terraform loads as configuration, relative to the folder, in name order. */
  readonly configFiles: readonly string[];
  /** Other files of the stack folder (user data, lock files), relative to the stack folder. */
  readonly extraFiles: readonly string[];
  /** The configuration Terraform sees: all config files merged, overrides applied. */
  readonly config: TerraformConfig;
}

export interface SynthFolder {
  readonly dir: string;
  /** In the manifest's order. */
  readonly stacks: readonly SynthStack[];
  readonly manifest: Manifest;
  /** The intent file as parsed JSON (its shape is verify's to check), when there is one. */
  readonly intent?: unknown;
}

type HclParser = (shown: string) => unknown;

/** Reads a folder whose stacks are all Terraform JSON; an HCL file is refused with a pointer to the async reader. */
export function readSynthFolderSync(dir: string): SynthFolder {
  return readWith(dir, (shown) => {
    throw new FolderError(shown, [], undefined, 'is HCL, which only the asynchronous reader parses (internal: use readSynthFolder)');
  });
}

/** Reads a synthesized folder, parsing HCL stacks (`synth --hcl`) with Terraform's own HCL parser. */
export async function readSynthFolder(dir: string): Promise<SynthFolder> {
  const manifest = readManifest(dir);
  const hcl = new Map<string, unknown>();
  const hclFiles = manifest.stacks.flatMap((s) => configFileNames(dir, s).filter((f) => f.endsWith('.tf')).map((f) => `${s.dir}/${f}`));
  if (hclFiles.length > 0) {
    // Loaded only when there is HCL: Terraform's parser compiled to WebAssembly.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('@cdktf/hcl2json') as { parse: (file: string, text: string) => Promise<unknown> };
    for (const shown of hclFiles) {
      try {
        hcl.set(shown, await parse(path.posix.basename(shown), readFileSync(path.join(dir, shown), 'utf8')));
      } catch (err) {
        throw new FolderError(shown, [], undefined, `is not valid HCL (${firstDiagnostic(String((err as Error).message ?? err))})`);
      }
    }
  }
  return readWith(dir, (shown) => hcl.get(shown), manifest);
}

/** hcl2json reports every diagnostic of the file on one line, tens of kilobytes for a broken stack: the first one says where. */
function firstDiagnostic(message: string): string {
  const text = message.replace(/^Error: /, '').replace(/^parse config: \[/, '');
  const first = text.split(/; (?=[^;]*\.tf:\d+,\d+)/)[0].replace(/\]$/, '');
  return first.length > 300 ? `${first.slice(0, 299)}…` : first;
}

function readWith(dir: string, parseHcl: HclParser, manifest: Manifest = readManifest(dir)): SynthFolder {
  const stacks = manifest.stacks.map((entry) => readStack(dir, entry, parseHcl));
  const intentFile = path.join(dir, INTENT_FILE);
  const intent = existsSync(intentFile) ? parseJsonFile(intentFile, INTENT_FILE) : undefined;
  return { dir, stacks, manifest, ...(intent !== undefined ? { intent } : {}) };
}

function configFileNames(dir: string, stack: ManifestStack): string[] {
  const folder = path.join(dir, stack.dir);
  return readdirSync(folder)
    .filter((f) => isConfigFile(f) && statSync(path.join(folder, f)).isFile())
    .sort();
}

function readStack(dir: string, entry: ManifestStack, parseHcl: HclParser): SynthStack {
  const names = configFileNames(dir, entry);
  const files: ConfigFile[] = names.map((name) => {
    const shown = `${entry.dir}/${name}`;
    const format = name.endsWith('.tf') ? 'hcl' : 'json';
    const content = format === 'hcl' ? parseHcl(shown) : parseJsonFile(path.join(dir, shown), shown);
    return { shown, name, format, content };
  });
  const config = mergeConfigFiles(files);
  const configFiles = names.map((n) => `${entry.dir}/${n}`);
  return {
    ...entry,
    format: entry.file.endsWith('.tf') ? 'hcl' : 'json',
    configFiles,
    extraFiles: filesUnder(path.join(dir, entry.dir)).filter((f) => !names.includes(f)),
    config,
  };
}

function filesUnder(folder: string, prefix = ''): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.name.startsWith('.') ? [] : e.isDirectory() ? filesUnder(path.join(folder, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

/** A single nested block, however it was written: `{...}` (cdktf JSON) or `[{...}]` (HCL, Terraform JSON). */
export function blockOf(value: unknown): Record<string, unknown> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'object' && first !== null && !Array.isArray(first) ? (first as Record<string, unknown>) : undefined;
}

/** Every nested block of one type, however it was written. */
export function blocksOf(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
}
