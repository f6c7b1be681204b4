/**
 * The synthesized Terraform as verify sees it (read by src/synth-folder: every
 * instance Terraform would create), and the resolution of `${...}` references
 * across them (a remote-state output of one stack leads to the resource in the
 * stack that produced it; `name[0]` and `name["key"]` name count and for_each instances).
 */
import * as path from 'node:path';
import { FolderError, instancesOf, type SynthFolder, type TerraformConfig } from '../synth-folder';
import { mergeAhead, mergeConfigFiles, type ConfigFile } from '../synth-folder/stack-config';

export type Attributes = Record<string, unknown>;

export interface TerraformStackJson {
  readonly name: string;
  /** Where the stack's configuration is, for messages: its file, or its folder and files when several are merged. */
  readonly file: string;
  readonly resource: Record<string, Record<string, Attributes>>;
  readonly data: Record<string, Record<string, Attributes>>;
  readonly output: Record<string, { value: unknown }>;
  readonly backendIdentity?: string;
  /** Region of the stack's default AWS provider. */
  readonly region: string;
  /** The Region of each AWS provider configuration, by alias (`default` for none). */
  readonly providerRegions: Readonly<Record<string, string>>;
  /** The account each AWS provider may act in (`allowed_account_ids`), by alias (`default` for none). */
  readonly providerAccounts: Readonly<Record<string, string | undefined>>;
  /** Stacks the manifest orders before this one; undefined when read without a manifest. */
  readonly dependencies?: readonly string[];
}

/** A resource instance, identified across stacks as `<stack>/<type>.<name>`. */
export interface ResourceRef {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** `id`, `arn`, `transit_gateway_id`, ... */
  readonly attribute: string;
}

/** The `Name` tag of a resource, or `fallback`. */
export function nameTagOf(args: Attributes, fallback: string): string {
  const tags = args.tags as Record<string, unknown> | undefined;
  return typeof tags?.Name === 'string' ? tags.Name : fallback;
}

export function resourceKey(ref: Pick<ResourceRef, 'stack' | 'type' | 'name'>): string {
  return `${ref.stack}/${ref.type}.${ref.name}`;
}

/**
 * `${type.name.attr}`, `${type.name[0].attr}`, `${type.name["key"].attr}` and the same under `data.`:
 * one whole reference and nothing else (a function call or a splat is an expression verify does not evaluate).
 */
const REFERENCE = /^\$\{(data\.)?([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)\}$/;

export class TerraformSet {
  readonly stacks: ReadonlyMap<string, TerraformStackJson>;
  private readonly stackByBackend = new Map<string, string>();
  private readonly resolved = new Map<string, Map<string, ResourceRef | undefined>>();

  constructor(stacks: readonly TerraformStackJson[]) {
    this.stacks = new Map(stacks.map((s) => [s.name, s]));
    for (const s of stacks) if (s.backendIdentity) this.stackByBackend.set(s.backendIdentity, s.name);
  }

  /** Every resource of a type, across stacks. */
  *resources(type: string): Generator<{ stack: string; name: string; key: string; args: Attributes }> {
    for (const stack of this.stacks.values()) {
      for (const [name, args] of Object.entries(stack.resource[type] ?? {})) {
        yield { stack: stack.name, name, key: resourceKey({ stack: stack.name, type, name }), args };
      }
    }
  }

  /** The provider alias a resource names (`aws.network` → `network`), `default` for none. */
  private aliasOf(args: Attributes | undefined): string {
    const alias = typeof args?.provider === 'string' ? args.provider.replace(/^aws\.?/, '') : '';
    return alias || 'default';
  }

  /** The account a resource is created in: that of the provider it names (`aws.network`), or the stack's default. */
  accountOf(stack: string, args: Attributes | undefined): string | undefined {
    return this.stacks.get(stack)?.providerAccounts[this.aliasOf(args)];
  }

  /** The Region a resource is created in: that of the provider it names, or the stack's default. */
  regionOf(stack: string, args: Attributes | undefined): string | undefined {
    const s = this.stacks.get(stack);
    return s?.providerRegions[this.aliasOf(args)];
  }

  resource(key: string): Attributes | undefined {
    const slash = key.indexOf('/');
    const dot = key.indexOf('.', slash);
    const stack = this.stacks.get(key.slice(0, slash));
    return stack?.resource[key.slice(slash + 1, dot)]?.[key.slice(dot + 1)];
  }

  /**
   * Resolves a whole-reference expression (`${aws_vpc.x.id}`, `${aws_subnet.x[0].id}`,
   * possibly through a remote-state output) to the resource it names. Literals and
   * composite expressions resolve to undefined.
   */
  resolve(stack: string, expression: unknown): ResourceRef | undefined {
    if (typeof expression !== 'string') return undefined;
    // Thousands of resources name the same few things (the hub's TGW through remote state): resolved once each.
    let byExpression = this.resolved.get(stack);
    if (!byExpression) this.resolved.set(stack, (byExpression = new Map()));
    if (byExpression.has(expression)) return byExpression.get(expression);
    const ref = this.resolveUncached(stack, expression, 0);
    byExpression.set(expression, ref);
    return ref;
  }

  private resolveUncached(stack: string, expression: unknown, depth: number): ResourceRef | undefined {
    if (typeof expression !== 'string' || depth > 8) return undefined;
    const match = REFERENCE.exec(expression);
    if (!match) return undefined;
    const [, data, type, name, index, attributes] = match;
    const attribute = attributes.slice(1);
    const instance = index === undefined ? name : `${name}[${index.startsWith('[\"') ? JSON.stringify(JSON.parse(index.slice(1, -1))) : index.slice(1, -1)}]`;
    if (data && type === 'terraform_remote_state') {
      const [outputs, output, ...rest] = attribute.split('.');
      if (outputs !== 'outputs' || !output || rest.length > 0 || index !== undefined) return undefined;
      const producer = this.producerOf(stack, name);
      const value = producer ? this.stacks.get(producer)?.output[output] : undefined;
      return value ? this.resolveUncached(producer!, value.value, depth + 1) : undefined;
    }
    return { stack, type: data ? `data.${type}` : type, name: instance, attribute };
  }

  /** The stack whose state `data.terraform_remote_state.<dataName>` of `stack` reads, when this folder holds it. */
  producerOf(stack: string, dataName: string): string | undefined {
    const config = this.stacks.get(stack)?.data.terraform_remote_state?.[dataName];
    if (!config) return undefined;
    const identity = backendIdentityOf(String(config.backend), config.config as Attributes | undefined);
    return identity ? this.stackByBackend.get(identity) : undefined;
  }
}

/** The same string for a stack's own backend and for a remote-state block that reads it. */
function backendIdentityOf(backend: string, config: Attributes | undefined): string | undefined {
  if (!config) return undefined;
  if (backend === 'local') return typeof config.path === 'string' ? `local:${path.posix.basename(config.path)}` : undefined;
  if (backend === 's3') return `s3:${String(config.bucket)}/${String(config.key)}`;
  return undefined;
}

/** The Terraform of every stack of a synthesized folder, as Terraform would create it. */
export function terraformSetOf(folder: SynthFolder): TerraformSet {
  return new TerraformSet(
    folder.stacks.map((s) => {
      const files = s.configFiles.map((f) => path.posix.basename(f));
      return { ...stackFromConfig(s.name, s.config, files.length === 1 ? s.configFiles[0] : `${s.dir} (${files.join(' + ')})`), dependencies: s.dependencies };
    }),
  );
}

/** A stack from its Terraform JSON alone (one file, as cdktf writes it). */
export function stackFromJson(name: string, json: Record<string, unknown>): TerraformStackJson {
  const file = cdktfStackFile(name, json);
  return stackFromConfig(name, mergeConfigFiles([file]), file.shown);
}

/** A stack's one file, where cdktf writes it. */
function cdktfStackFile(name: string, json: Record<string, unknown>): ConfigFile {
  return { shown: `stacks/${name}/cdk.tf.json`, name: 'cdk.tf.json', format: 'json', content: json };
}

const isObject = (v: unknown): v is Attributes => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Stacks read ahead by readStackAhead, by the configuration they were read from (see mergeAhead). */
const readAhead = new WeakMap<TerraformConfig, { readonly name: string; readonly file: string; readonly stack: TerraformStackJson }>();

/**
 * Reads a stack's Terraform JSON now, as terraformSetOf will read it from its folder: synth's proof
 * thread reads each stack as it arrives. The caller promises that `json` never changes afterwards.
 */
export function readStackAhead(name: string, json: Record<string, unknown>): TerraformStackJson {
  const file = cdktfStackFile(name, json);
  const config = mergeAhead(file);
  const stack = readStackConfig(name, config, file.shown);
  readAhead.set(config, { name, file: file.shown, stack });
  return stack;
}

function stackFromConfig(name: string, config: TerraformConfig, file: string): TerraformStackJson {
  const ahead = readAhead.get(config);
  return ahead && ahead.name === name && ahead.file === file ? ahead.stack : readStackConfig(name, config, file);
}

function readStackConfig(name: string, config: TerraformConfig, file: string): TerraformStackJson {
  const instances = instancesOf(config, file);
  const [backendType, backendConfig] = Object.entries(config.terraform.backend ?? {})[0] ?? [];
  const { regions, accounts } = awsProviders(config, file);
  return {
    name,
    file,
    resource: instances.resource,
    data: instances.data,
    output: outputsOf(config, file),
    backendIdentity: backendType ? backendIdentityOf(backendType, backendConfig as Attributes) : undefined,
    region: regions.default ?? Object.values(regions)[0],
    providerRegions: regions,
    providerAccounts: accounts,
  };
}

/**
 * Where each AWS provider configuration acts. A Region that is not written as a
 * literal (an expression, or left to AWS_REGION) is one verify cannot know, so
 * which region's flows a stack's resources belong to would be a guess: refused.
 */
function awsProviders(config: TerraformConfig, file: string): { regions: Record<string, string>; accounts: Record<string, string | undefined> } {
  const providers = config.provider.aws ?? [];
  if (providers.length === 0) throw new FolderError(file, ['provider', 'aws'], undefined, 'is missing: verify cannot tell which Region and account this stack acts in');
  const regions: Record<string, string> = {};
  const accounts: Record<string, string | undefined> = {};
  providers.forEach((p, i) => {
    const at = ['provider', 'aws', i];
    if (p.alias !== undefined && typeof p.alias !== 'string') throw new FolderError(file, [...at, 'alias'], p.alias, 'must be a literal string');
    const alias = typeof p.alias === 'string' ? p.alias : 'default';
    if (typeof p.region !== 'string' || !/^[a-z]{2,4}(-[a-z]+)+-\d+$/.test(p.region)) {
      throw new FolderError(file, [...at, 'region'], p.region, 'must be a literal AWS Region (such as "eu-west-2"): verify cannot tell where this stack is');
    }
    const ids = p.allowed_account_ids;
    if (ids !== undefined && (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && /^\d{12}$/.test(id)))) {
      throw new FolderError(file, [...at, 'allowed_account_ids'], ids, 'must be a list of literal 12-digit account IDs');
    }
    regions[alias] = p.region;
    accounts[alias] = (ids as string[] | undefined)?.[0];
  });
  return { regions, accounts };
}

function outputsOf(config: TerraformConfig, file: string): Record<string, { value: unknown }> {
  for (const [name, output] of Object.entries(config.output)) {
    if (!isObject(output) || !('value' in output)) throw new FolderError(file, ['output', name], output, 'must be an output block with a value');
  }
  return config.output as Record<string, { value: unknown }>;
}
