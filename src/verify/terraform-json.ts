/**
 * Reading synthesized Terraform JSON: the stacks of a synth folder, and the
 * resolution of `${...}` references across them (a remote-state output of one
 * stack leads to the resource in the stack that produced it).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../util/errors';

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

  private producerOf(stack: string, dataName: string): string | undefined {
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

interface Manifest {
  readonly stacks: Record<string, { readonly synthesizedStackPath: string }>;
}

/** Reads every stack of a synth folder (its manifest.json and each cdk.tf.json). */
export function readSynthFolder(dir: string): TerraformSet {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new UserError(`${dir} holds no manifest.json: is it a folder written by gwlb-blueprint synth or cdktf synth?`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (err) {
    throw new UserError(`${manifestPath} is not valid JSON: ${(err as Error).message}`);
  }
  const stacks: TerraformStackJson[] = [];
  for (const [name, entry] of Object.entries(manifest.stacks ?? {})) {
    const file = path.join(dir, entry.synthesizedStackPath);
    if (!existsSync(file)) {
      throw new UserError(`${file} is missing${file.endsWith('.tf') ? ' (verify reads Terraform JSON; synthesize without --hcl)' : ''}`);
    }
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new UserError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    stacks.push(stackFromJson(name, json));
  }
  return new TerraformSet(stacks);
}

export function stackFromJson(name: string, json: Record<string, unknown>): TerraformStackJson {
  const terraform = (json.terraform ?? {}) as { backend?: Record<string, Attributes> };
  const [backendType, backendConfig] = Object.entries(terraform.backend ?? {})[0] ?? [];
  const providers = ((json.provider as Record<string, Attributes[]> | undefined)?.aws ?? []) as Attributes[];
  const home = providers.find((p) => p.alias === undefined) ?? providers[0];
  return {
    name,
    resource: (json.resource ?? {}) as TerraformStackJson['resource'],
    data: (json.data ?? {}) as TerraformStackJson['data'],
    output: (json.output ?? {}) as TerraformStackJson['output'],
    backendIdentity: backendType ? backendIdentityOf(backendType, backendConfig) : undefined,
    region: typeof home?.region === 'string' ? home.region : undefined,
    providerAccounts: Object.fromEntries(
      providers.map((p) => [typeof p.alias === 'string' ? p.alias : 'default', (p.allowed_account_ids as string[] | undefined)?.[0]]),
    ),
  };
}
