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
 *   files.ts         the folder's files: on disk, or as a synthesis has just written them
 */
import * as path from 'node:path';
import { diskFiles, type FolderFiles } from './files';
import { FolderError } from './folder-error';
import { isConfigFile, parseJsonFile, readManifest, type Manifest, type ManifestStack } from './manifest';
import { mergeConfigFiles, type ConfigFile, type TerraformConfig } from './stack-config';
import { compareCodeUnits } from '../util/compare';

export { FolderError } from './folder-error';
export { diskFiles, writtenFiles, writtenIsOnDisk, type FolderFiles } from './files';
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

/** Reads a folder whose stacks are all Terraform JSON (from disk, or `files`); an HCL file is refused with a pointer to the async reader. */
export function readSynthFolderSync(folder: string | FolderFiles): SynthFolder {
  return readWith(typeof folder === 'string' ? diskFiles(folder) : folder, (shown) => {
    throw new FolderError(shown, [], undefined, 'is HCL, which only the asynchronous reader parses (internal: use readSynthFolder)');
  });
}

/** Reads a synthesized folder, parsing HCL stacks (`synth --hcl`) with Terraform's own HCL parser. */
export async function readSynthFolder(dir: string): Promise<SynthFolder> {
  const files = diskFiles(dir);
  const manifest = readManifest(files);
  const hcl = new Map<string, unknown>();
  const hclFiles = manifest.stacks.flatMap((s) => configFileNames(files, s).filter((f) => f.endsWith('.tf')).map((f) => `${s.dir}/${f}`));
  if (hclFiles.length > 0) {
    // Loaded only when there is HCL: Terraform's parser compiled to WebAssembly.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('@cdktf/hcl2json') as { parse: (file: string, text: string) => Promise<unknown> };
    for (const shown of hclFiles) {
      try {
        hcl.set(shown, await parse(path.posix.basename(shown), files.readText(shown)));
      } catch (err) {
        throw new FolderError(shown, [], undefined, `is not valid HCL (${firstDiagnostic(String((err as Error).message ?? err))})`);
      }
    }
  }
  return readWith(files, (shown) => hcl.get(shown), manifest);
}

/** hcl2json reports every diagnostic of the file on one line, tens of kilobytes for a broken stack: the first one says where. */
function firstDiagnostic(message: string): string {
  const text = message.replace(/^Error: /, '').replace(/^parse config: \[/, '');
  const first = text.split(/; (?=[^;]*\.tf:\d+,\d+)/)[0].replace(/\]$/, '');
  return first.length > 300 ? `${first.slice(0, 299)}…` : first;
}

function readWith(files: FolderFiles, parseHcl: HclParser, manifest: Manifest = readManifest(files)): SynthFolder {
  const stacks = manifest.stacks.map((entry) => readStack(files, entry, parseHcl));
  const intent = files.exists(INTENT_FILE) ? parseJsonFile(files, INTENT_FILE, INTENT_FILE) : undefined;
  return { dir: files.dir, stacks, manifest, ...(intent !== undefined ? { intent } : {}) };
}

function configFileNames(files: FolderFiles, stack: ManifestStack): string[] {
  return files
    .list(stack.dir)
    .map((e) => e.name)
    .filter((f) => isConfigFile(f) && files.isFile(`${stack.dir}/${f}`))
    .sort();
}

function readStack(files: FolderFiles, entry: ManifestStack, parseHcl: HclParser): SynthStack {
  const names = configFileNames(files, entry);
  const configs: ConfigFile[] = names.map((name) => {
    const shown = `${entry.dir}/${name}`;
    const format = name.endsWith('.tf') ? 'hcl' : 'json';
    const content = format === 'hcl' ? parseHcl(shown) : parseJsonFile(files, shown, shown);
    return { shown, name, format, content };
  });
  const config = mergeConfigFiles(configs);
  const configFiles = names.map((n) => `${entry.dir}/${n}`);
  return {
    ...entry,
    format: entry.file.endsWith('.tf') ? 'hcl' : 'json',
    configFiles,
    extraFiles: filesUnder(files, entry.dir).filter((f) => !names.includes(f)),
    config,
  };
}

function filesUnder(files: FolderFiles, folder: string, prefix = ''): string[] {
  if (!files.exists(folder)) return [];
  return [...files.list(folder)]
    .sort((a, b) => compareCodeUnits(a.name, b.name))
    .flatMap((e) => (e.name.startsWith('.') ? [] : e.isDirectory ? filesUnder(files, `${folder}/${e.name}`, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
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
