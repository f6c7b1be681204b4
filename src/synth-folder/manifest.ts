/**
 * cdktf's `manifest.json`: which stacks a synthesized folder holds, where each
 * one's Terraform is, and what each depends on. Read strictly: a manifest that
 * names no stack, points outside the folder or disagrees with the stack folders
 * on disk describes no network anyone could deploy, and is refused.
 */
import * as path from 'node:path';
import { diskFiles, type FolderFiles } from './files';
import { FolderError } from './folder-error';

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestStack {
  readonly name: string;
  /** Relative to the folder, `/`-separated: `stacks/<name>`. */
  readonly dir: string;
  /** The main configuration file, relative to the folder: `stacks/<name>/cdk.tf.json` (or `cdk.tf`). */
  readonly file: string;
  /** Stacks whose outputs this one reads, sorted. */
  readonly dependencies: readonly string[];
}

export interface Manifest {
  /** In the manifest's order. */
  readonly stacks: readonly ManifestStack[];
  /** What gwlb-blueprint records beside cdktf's keys (`gwlb-blueprint`), as written. */
  readonly generator?: Readonly<Record<string, unknown>>;
}

/** The key under which gwlb-blueprint records its own facts in manifest.json. */
export const GENERATOR_KEY = 'gwlb-blueprint';

/** The JSON of `file` (relative to the folder), named `shown` in refusals. */
export function parseJsonFile(files: FolderFiles, file: string, shown: string): unknown {
  const parsed = files.parsedJson?.(file);
  if (parsed !== undefined) return parsed;
  let text: string;
  try {
    text = files.readText(file);
  } catch (err) {
    throw new FolderError(shown, [], undefined, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FolderError(shown, [], undefined, `is not valid JSON (${(err as Error).message})`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A relative, `/`-separated path that stays inside the folder. */
function insideFolder(value: unknown): value is string {
  if (typeof value !== 'string' || value === '' || path.isAbsolute(value) || value.includes('\\')) return false;
  return !path.posix.normalize(value).split('/').includes('..');
}

export function readManifest(folder: string | FolderFiles): Manifest {
  const files = typeof folder === 'string' ? diskFiles(folder) : folder;
  if (!files.exists(MANIFEST_FILE)) {
    throw new FolderError(files.dir, [], undefined, `holds no ${MANIFEST_FILE}: is it a folder written by gwlb-blueprint synth or cdktf synth?`);
  }
  const raw = parseJsonFile(files, MANIFEST_FILE, MANIFEST_FILE);
  if (!isObject(raw)) throw new FolderError(MANIFEST_FILE, [], raw, 'is not a cdktf manifest (an object with "stacks")');
  if (!isObject(raw.stacks)) throw new FolderError(MANIFEST_FILE, ['stacks'], raw.stacks, 'must be an object of stacks by name');
  const stacks: ManifestStack[] = [];
  for (const [key, entry] of Object.entries(raw.stacks)) {
    const at = ['stacks', key];
    if (!isObject(entry)) throw new FolderError(MANIFEST_FILE, at, entry, 'must be an object describing the stack');
    if (entry.name !== undefined && entry.name !== key) throw new FolderError(MANIFEST_FILE, [...at, 'name'], entry.name, `differs from its key "${key}"`);
    const file = entry.synthesizedStackPath;
    if (!insideFolder(file) || !/\.tf(\.json)?$/.test(file)) {
      throw new FolderError(MANIFEST_FILE, [...at, 'synthesizedStackPath'], file, 'must be a relative path to a .tf.json or .tf file inside the folder');
    }
    const stackDir = entry.workingDirectory ?? path.posix.dirname(file);
    if (!insideFolder(stackDir) || path.posix.dirname(path.posix.normalize(file)) !== path.posix.normalize(stackDir)) {
      throw new FolderError(MANIFEST_FILE, [...at, 'workingDirectory'], entry.workingDirectory, `must be the folder holding ${file}`);
    }
    const dependencies = entry.dependencies ?? [];
    if (!Array.isArray(dependencies) || !dependencies.every((d) => typeof d === 'string')) {
      throw new FolderError(MANIFEST_FILE, [...at, 'dependencies'], entry.dependencies, 'must be a list of stack names');
    }
    stacks.push({ name: key, dir: path.posix.normalize(stackDir), file: path.posix.normalize(file), dependencies: [...dependencies].sort() });
  }
  if (stacks.length === 0) throw new FolderError(MANIFEST_FILE, ['stacks'], raw.stacks, 'names no stack: this folder describes no network');
  const names = new Set(stacks.map((s) => s.name));
  for (const stack of stacks) {
    const unknown = stack.dependencies.find((d) => !names.has(d));
    if (unknown) throw new FolderError(MANIFEST_FILE, ['stacks', stack.name, 'dependencies'], unknown, 'is not a stack of this manifest');
  }
  checkAgainstDisk(files, stacks);
  const generator = raw[GENERATOR_KEY];
  return { stacks, ...(isObject(generator) ? { generator } : {}) };
}

/** Terraform's own rule for files it skips in a configuration folder. */
export function ignoredByTerraform(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));
}

export function isConfigFile(name: string): boolean {
  return !ignoredByTerraform(name) && /\.tf(\.json)?$/.test(name);
}

function hasConfig(files: FolderFiles, folder: string): boolean {
  try {
    return files.list(folder).some((e) => isConfigFile(e.name) && files.isFile(`${folder}/${e.name}`));
  } catch {
    return false;
  }
}

/** Every stack folder on disk is in the manifest, and every stack of the manifest is on disk. */
function checkAgainstDisk(files: FolderFiles, stacks: readonly ManifestStack[]): void {
  for (const stack of stacks) {
    if (!files.exists(stack.file)) throw new FolderError(MANIFEST_FILE, ['stacks', stack.name, 'synthesizedStackPath'], stack.file, 'names a file that does not exist');
  }
  const listed = new Set(stacks.map((s) => s.dir));
  const parents = [...new Set(stacks.map((s) => path.posix.dirname(s.dir)))];
  for (const parent of parents) {
    for (const entry of files.list(parent)) {
      const relative = parent === '.' ? entry.name : `${parent}/${entry.name}`;
      if (!entry.isDirectory || ignoredByTerraform(entry.name) || listed.has(relative)) continue;
      if (hasConfig(files, relative)) {
        throw new FolderError(MANIFEST_FILE, ['stacks'], entry.name, `has no entry for the stack folder ${relative} on disk: the manifest and the stacks disagree`);
      }
    }
  }
}
