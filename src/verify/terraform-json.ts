/**
 * The synthesized Terraform as verify sees it (read by src/synth-folder: every
 * instance Terraform would create), and the resolution of `${...}` references across them (a remote-state output of one
 * stack leads to the resource in the stack that produced it).
 */
import * as path from 'node:path';
import { instancesOf, type SynthFolder, type TerraformConfig } from '../synth-folder';
import { mergeConfigFiles } from '../synth-folder/stack-config';

export type Attributes = Record<string, unknown>;

export interface TerraformStackJson {
  readonly name: string;
  readonly resource: Record<string, Record<string, Attributes>>;
  readonly data: Record<string, Record<string, Attributes>>;
  readonly output: Record<string, { value: unknown }>;
  readonly backendIdentity?: string;
  /** Region of the stack's default AWS provider. */
  readonly region?: string;
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
  return String((args.tags as Record<string, string> | undefined)?.Name ?? fallback);
}

export function resourceKey(ref: Pick<ResourceRef, 'stack' | 'type' | 'name'>): string {
  return `${ref.stack}/${ref.type}.${ref.name}`;
}

export class TerraformSet {
  readonly stacks: ReadonlyMap<string, TerraformStackJson>;
  private readonly stackByBackend = new Map<string, string>();

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

  /** The account a resource is created in: that of the provider it names (`aws.network`), or the stack's default. */
  accountOf(stack: string, args: Attributes | undefined): string | undefined {
    const alias = typeof args?.provider === 'string' ? args.provider.replace(/^aws\.?/, '') : '';
    return this.stacks.get(stack)?.providerAccounts[alias || 'default'];
  }

  resource(key: string): Attributes | undefined {
    const slash = key.indexOf('/');
    const dot = key.indexOf('.', slash);
    const stack = this.stacks.get(key.slice(0, slash));
    return stack?.resource[key.slice(slash + 1, dot)]?.[key.slice(dot + 1)];
  }

  /**
   * Resolves a whole-reference expression (`${aws_vpc.x.id}`, possibly through a
   * remote-state output) to the resource it names. Literals and composite
   * expressions resolve to undefined.
   */
  resolve(stack: string, expression: unknown, depth = 0): ResourceRef | undefined {
    if (typeof expression !== 'string' || depth > 8) return undefined;
    const match = /^\$\{([A-Za-z0-9_.-]+)\}$/.exec(expression);
    if (!match) return undefined;
    const parts = match[1].split('.');
    if (parts[0] === 'data' && parts[1] === 'terraform_remote_state' && parts[3] === 'outputs') {
      const producer = this.producerOf(stack, parts[2]);
      const output = producer ? this.stacks.get(producer)?.output[parts[4]] : undefined;
      return output ? this.resolve(producer!, output.value, depth + 1) : undefined;
    }
    if (parts[0] === 'data') {
      return parts.length >= 4 ? { stack, type: `data.${parts[1]}`, name: parts[2], attribute: parts.slice(3).join('.') } : undefined;
    }
    return parts.length >= 3 ? { stack, type: parts[0], name: parts[1], attribute: parts.slice(2).join('.') } : undefined;
  }

  /** The stack whose state `data.terraform_remote_state.<dataName>` of `stack` reads. */
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
  return new TerraformSet(folder.stacks.map((s) => ({ ...stackFromConfig(s.name, s.config, s.file), dependencies: s.dependencies })));
}

/** A stack from its Terraform JSON alone (one file, as cdktf writes it). */
export function stackFromJson(name: string, json: Record<string, unknown>): TerraformStackJson {
  const file = `stacks/${name}/cdk.tf.json`;
  return stackFromConfig(name, mergeConfigFiles([{ shown: file, name: 'cdk.tf.json', format: 'json', content: json }]), file);
}

function stackFromConfig(name: string, config: TerraformConfig, file: string): TerraformStackJson {
  const instances = instancesOf(config, file);
  const [backendType, backendConfig] = Object.entries(config.terraform.backend ?? {})[0] ?? [];
  const providers = config.provider.aws ?? [];
  const home = providers.find((p) => p.alias === undefined) ?? providers[0];
  return {
    name,
    resource: instances.resource,
    data: instances.data,
    output: config.output as TerraformStackJson['output'],
    backendIdentity: backendType ? backendIdentityOf(backendType, backendConfig as Attributes) : undefined,
    region: typeof home?.region === 'string' ? home.region : undefined,
    providerAccounts: Object.fromEntries(
      providers.map((p) => [typeof p.alias === 'string' ? p.alias : 'default', (p.allowed_account_ids as string[] | undefined)?.[0]]),
    ),
  };
}
