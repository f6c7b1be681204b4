/**
 * What the hand-off documents read from a synthesis: the stacks and their
 * dependencies from cdktf's `manifest.json`, and from each stack's Terraform JSON
 * its providers, backend, outputs and resources. Read from the written files, so
 * the README describes exactly what was handed over.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface ProviderInfo {
  /** Undefined for the default provider. */
  readonly alias?: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly roleArn?: string;
}

export interface OutputInfo {
  readonly name: string;
  readonly description?: string;
  readonly sensitive: boolean;
}

export type BackendInfo =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 's3'; readonly bucket: string; readonly key: string; readonly region: string; readonly lockfile: boolean }
  | { readonly kind: 'other'; readonly type: string };

export interface StackInfo {
  readonly name: string;
  /** Relative to the output folder, `/`-separated: `stacks/<name>`. */
  readonly dir: string;
  /** Relative to the output folder: `stacks/<name>/cdk.tf.json` (or `cdk.tf`). */
  readonly file: string;
  /** Stacks whose outputs this one reads (it is applied after them). */
  readonly dependencies: readonly string[];
  readonly providers: readonly ProviderInfo[];
  readonly backend?: BackendInfo;
  /** Outputs for people; cdktf's `cross_stack_output_*` plumbing is left out. */
  readonly outputs: readonly OutputInfo[];
  /** Resource count per Terraform type. */
  readonly resources: Readonly<Record<string, number>>;
  /** Files the stack reads at plan time, relative to its folder (`bootstrap/<fleet>.user-data`). */
  readonly extraFiles: readonly string[];
}

/** A stack's Terraform as JSON: what the hand-off reads when the written file is HCL. */
export type TerraformJsonSource = (stack: string) => unknown;

interface ManifestStack {
  readonly name?: string;
  readonly dependencies?: readonly string[];
  readonly synthesizedStackPath?: string;
  readonly workingDirectory?: string;
}

const CROSS_STACK_OUTPUT = /^cross_stack_output_/;

/**
 * Every stack of the synthesis in `outdir`, in dependency order (a stack after
 * everything it depends on; ties keep `preferredOrder`, then the manifest's order).
 */
export function readStacks(outdir: string, options: { readonly preferredOrder?: readonly string[]; readonly json?: TerraformJsonSource } = {}): StackInfo[] {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: not a synthesis folder`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { stacks?: Record<string, ManifestStack> };
  const stacks = Object.entries(manifest.stacks ?? {}).map(([key, entry]) => {
    const name = entry.name ?? key;
    const dir = (entry.workingDirectory ?? `stacks/${name}`).split(path.sep).join('/');
    const file = (entry.synthesizedStackPath ?? `${dir}/cdk.tf.json`).split(path.sep).join('/');
    const jsonFile = path.join(outdir, dir, 'cdk.tf.json');
    const json = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : options.json?.(name);
    if (json === undefined) throw new Error(`no Terraform JSON for stack ${name} in ${outdir}`);
    const main = path.posix.basename(file);
    const extraFiles = filesUnder(path.join(outdir, dir)).filter((f) => f !== main && !GENERATED_BY_TERRAFORM.test(f));
    return describeStack(name, dir, file, [...(entry.dependencies ?? [])].sort(), json as TerraformJson, extraFiles);
  });
  return dependencyOrder(stacks, options.preferredOrder ?? []);
}

interface TerraformJson {
  readonly terraform?: { readonly backend?: Record<string, Record<string, unknown>> };
  readonly provider?: Record<string, unknown>;
  readonly output?: Record<string, { readonly description?: string; readonly sensitive?: boolean }>;
  readonly resource?: Record<string, Record<string, unknown>>;
}

/** What Terraform or cdktf leave in a stack folder, not part of the hand-off. */
const GENERATED_BY_TERRAFORM = /(^|\/)\.|^metadata\.json$|^tfplan$|\.tfstate(\.backup)?$|\.tftest\.hcl$/;

function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.name.startsWith('.') ? [] : e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

export function describeStack(name: string, dir: string, file: string, dependencies: readonly string[], json: TerraformJson, extraFiles: readonly string[] = []): StackInfo {
  const awsBlocks = json.provider?.aws;
  const providers = (Array.isArray(awsBlocks) ? awsBlocks : awsBlocks ? [awsBlocks] : []).map((block: Record<string, unknown>) => {
    const assumeRole = block.assume_role as readonly { role_arn?: string }[] | { role_arn?: string } | undefined;
    const roleArn = Array.isArray(assumeRole) ? assumeRole[0]?.role_arn : (assumeRole as { role_arn?: string } | undefined)?.role_arn;
    const accountIds = block.allowed_account_ids as readonly string[] | undefined;
    return {
      ...(typeof block.alias === 'string' ? { alias: block.alias } : {}),
      ...(typeof block.region === 'string' ? { region: block.region } : {}),
      ...(accountIds?.[0] ? { accountId: accountIds[0] } : {}),
      ...(roleArn ? { roleArn } : {}),
    };
  });
  providers.sort((a, b) => (a.alias === undefined ? -1 : b.alias === undefined ? 1 : a.alias.localeCompare(b.alias)));
  const outputs = Object.entries(json.output ?? {})
    .filter(([key]) => !CROSS_STACK_OUTPUT.test(key))
    .map(([key, o]) => ({ name: key, ...(o.description ? { description: o.description } : {}), sensitive: o.sensitive === true }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const resources: Record<string, number> = {};
  for (const [type, instances] of Object.entries(json.resource ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    resources[type] = Object.keys(instances).length;
  }
  return { name, dir, file, dependencies, providers, ...backendOf(json), outputs, resources, extraFiles };
}

function backendOf(json: TerraformJson): { backend?: BackendInfo } {
  const backends = Object.entries(json.terraform?.backend ?? {});
  if (backends.length === 0) return {};
  const [type, config] = backends[0];
  if (type === 'local') return { backend: { kind: 'local', path: String(config.path ?? 'terraform.tfstate') } };
  if (type === 's3') {
    return { backend: { kind: 's3', bucket: String(config.bucket), key: String(config.key), region: String(config.region), lockfile: config.use_lockfile === true } };
  }
  return { backend: { kind: 'other', type } };
}

/** Kahn's algorithm; among stacks that are ready, the one earliest in `preferred` (then in input order) goes first. */
export function dependencyOrder(stacks: readonly StackInfo[], preferred: readonly string[]): StackInfo[] {
  const rank = (s: StackInfo) => {
    const i = preferred.indexOf(s.name);
    return i < 0 ? preferred.length + stacks.indexOf(s) : i;
  };
  const known = new Set(stacks.map((s) => s.name));
  const done = new Set<string>();
  const ordered: StackInfo[] = [];
  const pending = [...stacks].sort((a, b) => rank(a) - rank(b));
  while (pending.length > 0) {
    const next = pending.findIndex((s) => s.dependencies.every((d) => done.has(d) || !known.has(d)));
    if (next < 0) throw new Error(`stacks depend on each other in a cycle: ${pending.map((s) => s.name).join(', ')}`);
    const [stack] = pending.splice(next, 1);
    ordered.push(stack);
    done.add(stack.name);
  }
  return ordered;
}
