/**
 * One stack's configuration as Terraform loads it: every `*.tf` and `*.tf.json`
 * file of the stack folder, primary files merged in name order, then override
 * files (`override.tf.json`, `*_override.tf[.json]`) applied the way Terraform
 * applies them (developer.hashicorp.com/terraform/language/files/override): each
 * top-level argument or nested block type of an override block replaces the
 * original's. HCL files arrive already parsed (hcl2json), in their own shape,
 * and are brought to the shape cdktf's JSON uses.
 */
import type { JsonPath } from '../blueprint/problems';
import { FolderError } from './folder-error';
import { compareCodeUnits } from '../util/compare';

export type Attributes = Record<string, unknown>;

/** The blocks of a configuration, each kind keyed the way Terraform addresses it. */
export interface TerraformConfig {
  readonly terraform: Attributes;
  /** Provider configurations by provider name (`aws`), each a list (aliases). */
  readonly provider: Record<string, Attributes[]>;
  readonly resource: Record<string, Record<string, Attributes>>;
  readonly data: Record<string, Record<string, Attributes>>;
  readonly output: Record<string, Attributes>;
  readonly variable: Record<string, Attributes>;
  readonly locals: Record<string, unknown>;
  readonly module: Record<string, Attributes>;
}

export interface ConfigFile {
  /** Relative to the synthesized folder, for messages. */
  readonly shown: string;
  readonly name: string;
  readonly format: 'json' | 'hcl';
  readonly content: unknown;
}

const BLOCK_KINDS = ['terraform', 'provider', 'resource', 'data', 'output', 'variable', 'locals', 'module'] as const;
/** Top-level keys Terraform JSON allows besides blocks: cdktf writes `//` comments. */
const COMMENT = '//';

const isObject = (v: unknown): v is Attributes => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isOverrideFile(name: string): boolean {
  return /(^|_)override\.tf(\.json)?$/.test(name);
}

export function emptyConfig(): TerraformConfig {
  return { terraform: {}, provider: {}, resource: {}, data: {}, output: {}, variable: {}, locals: {}, module: {} };
}

/**
 * Configurations merged ahead by `mergeAhead`, by the parsed file they were merged from: synth's
 * proof thread merges each stack as it arrives, while the others are still being written, and
 * the folder's reading finds it here. Only what mergeAhead was given is ever found (text it parsed
 * itself, that nothing changes after): an object a caller of mergeConfigFiles might change
 * between two readings is merged afresh each time.
 */
const mergedAhead = new WeakMap<object, { readonly shown: string; readonly name: string; readonly config: TerraformConfig }>();

/**
 * Merges a stack folder's lone JSON file now, for mergeConfigFiles to find when the folder is
 * read. The caller promises that `file.content` never changes afterwards.
 */
export function mergeAhead(file: ConfigFile): TerraformConfig {
  const config = mergeFiles([file]);
  if (isObject(file.content)) mergedAhead.set(file.content, { shown: file.shown, name: file.name, config });
  return config;
}

/**
 * Merges the files of one stack folder (primaries first, then overrides, each in name order:
 * code unit by code unit, the lexicographical order in which Terraform applies overrides,
 * whatever the machine's language).
 */
export function mergeConfigFiles(files: readonly ConfigFile[]): TerraformConfig {
  const lone = files.length === 1 && files[0].format === 'json' && isObject(files[0].content) ? files[0] : undefined;
  const ahead = lone && mergedAhead.get(lone.content as object);
  if (lone && ahead && ahead.shown === lone.shown && ahead.name === lone.name) return ahead.config;
  return mergeFiles(files);
}

function mergeFiles(files: readonly ConfigFile[]): TerraformConfig {
  const config = emptyConfig();
  const sorted = [...files].sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const file of sorted.filter((f) => !isOverrideFile(f.name))) addFile(config, file, false);
  for (const file of sorted.filter((f) => isOverrideFile(f.name))) addFile(config, file, true);
  return config;
}

/** A block body: an object, or in HCL's JSON (and allowed in Terraform JSON) a list of one object. */
function body(file: ConfigFile, at: JsonPath, value: unknown): Attributes {
  if (isObject(value)) return value;
  if (Array.isArray(value) && value.length === 1 && isObject(value[0])) return value[0];
  throw new FolderError(file.shown, at, value, Array.isArray(value) ? 'declares this block more than once' : 'must be an object (a block body)');
}

/** Top-level content as a list of objects (Terraform JSON allows a list of them). */
function sections(file: ConfigFile, at: JsonPath, value: unknown): Attributes[] {
  const list = Array.isArray(value) ? value : [value];
  list.forEach((item, i) => {
    if (!isObject(item)) throw new FolderError(file.shown, Array.isArray(value) ? [...at, i] : at, item, 'must be an object');
  });
  return list as Attributes[];
}

function addFile(config: TerraformConfig, file: ConfigFile, override: boolean): void {
  if (!isObject(file.content)) throw new FolderError(file.shown, [], file.content, 'is not a Terraform configuration (an object of blocks)');
  for (const [kind, value] of Object.entries(file.content)) {
    if (kind === COMMENT) continue;
    if (!(BLOCK_KINDS as readonly string[]).includes(kind)) throw new FolderError(file.shown, [kind], value, 'is not a Terraform block type');
    for (const section of sections(file, [kind], value)) addSection(config, file, kind as (typeof BLOCK_KINDS)[number], section, override);
  }
}

function addSection(config: TerraformConfig, file: ConfigFile, kind: (typeof BLOCK_KINDS)[number], section: Attributes, override: boolean): void {
  switch (kind) {
    case 'terraform':
      return mergeTerraformBlock(config.terraform, file, section, override);
    case 'locals':
      for (const [name, value] of Object.entries(section)) {
        if (name === COMMENT) continue;
        if (!override && name in config.locals) throw new FolderError(file.shown, ['locals', name], value, 'is defined twice (Terraform: duplicate local value)');
        if (override && !(name in config.locals)) throw new FolderError(file.shown, ['locals', name], value, 'overrides a local value no primary file defines');
        config.locals[name] = value;
      }
      return;
    case 'provider':
      for (const [name, blocks] of Object.entries(section)) {
        const list = Array.isArray(blocks) ? blocks : [blocks];
        const existing = (config.provider[name] ??= []);
        list.forEach((block, i) => {
          const at = ['provider', name, ...(Array.isArray(blocks) ? [i] : [])];
          if (!isObject(block)) throw new FolderError(file.shown, at, block, 'must be an object (a provider configuration)');
          const index = existing.findIndex((p) => p.alias === block.alias);
          if (override) {
            if (index < 0) throw new FolderError(file.shown, at, block.alias ?? '(default)', `overrides a ${name} provider configuration no primary file has`);
            existing[index] = { ...existing[index], ...block };
          } else {
            if (index >= 0) throw new FolderError(file.shown, at, block.alias ?? '(default)', `configures the ${name} provider${block.alias ? ` alias ${String(block.alias)}` : ''} twice`);
            existing.push({ ...block });
          }
        });
      }
      return;
    case 'resource':
    case 'data':
      for (const [type, byName] of Object.entries(section)) {
        if (!isObject(byName)) throw new FolderError(file.shown, [kind, type], byName, 'must be an object of blocks by name');
        const target = (config[kind][type] ??= {});
        for (const [name, value] of Object.entries(byName)) mergeNamed(target, file, [kind, type, name], value, override);
      }
      return;
    case 'output':
    case 'variable':
    case 'module':
      for (const [name, value] of Object.entries(section)) mergeNamed(config[kind], file, [kind, name], value, override);
  }
}

function mergeNamed(target: Record<string, Attributes>, file: ConfigFile, at: JsonPath, value: unknown, override: boolean): void {
  const name = String(at[at.length - 1]);
  const block = body(file, at, value);
  if (override) {
    if (!(name in target)) throw new FolderError(file.shown, at, undefined, 'overrides a block that no primary file declares (Terraform refuses this)');
    target[name] = { ...target[name], ...block };
  } else {
    if (name in target) throw new FolderError(file.shown, at, undefined, 'is declared twice (Terraform: duplicate block)');
    target[name] = { ...block };
  }
}

/**
 * `terraform` blocks: settings merge; in an override, `required_providers` merge by
 * provider and a `backend` replaces the original backend.
 */
function mergeTerraformBlock(target: Attributes, file: ConfigFile, section: Attributes, override: boolean): void {
  for (const [key, raw] of Object.entries(section)) {
    if (key === COMMENT) continue;
    const at = ['terraform', key];
    if (key === 'backend' || key === 'cloud') {
      const value = key === 'backend' ? normalizeBackend(file, at, raw) : body(file, at, raw);
      if (!override && (target.backend !== undefined || target.cloud !== undefined)) throw new FolderError(file.shown, at, undefined, 'declares a second backend');
      delete target.backend;
      delete target.cloud;
      target[key] = value;
    } else if (key === 'required_providers') {
      const merged = isObject(target.required_providers) ? { ...target.required_providers } : {};
      for (const part of sections(file, at, raw)) Object.assign(merged, part);
      target.required_providers = merged;
    } else {
      target[key] = raw;
    }
  }
}

function normalizeBackend(file: ConfigFile, at: JsonPath, raw: unknown): Attributes {
  const backends = Object.entries(body(file, at, raw));
  if (backends.length !== 1) throw new FolderError(file.shown, at, raw, 'must name exactly one backend');
  const [type, config] = backends[0];
  return { [type]: body(file, [...at, type], config) };
}
