/**
 * What the hand-off documents read from a synthesis (src/synth-folder): the
 * stacks and their dependencies from cdktf's `manifest.json`, and from each
 * stack's Terraform its providers, backend, outputs and resources. Read from the
 * written files, so the README describes exactly what was handed over.
 */
import { blockOf, type SynthFolder } from '../synth-folder';
import { compareEnglish } from '../util/compare';

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

/**
 * Every stack of a read synthesis, in dependency order (a stack after everything
 * it depends on; ties keep `preferredOrder`, then the manifest's order).
 */
export function stackInfosOf(folder: SynthFolder, preferredOrder: readonly string[] = []): StackInfo[] {
  const stacks = folder.stacks.map((s) =>
    describeStack(s.name, s.dir, s.file, s.dependencies, s.config as TerraformJson, s.extraFiles.filter((f) => !GENERATED_BY_TERRAFORM.test(f))),
  );
  return dependencyOrder(stacks, preferredOrder);
}

const CROSS_STACK_OUTPUT = /^cross_stack_output_/;

interface TerraformJson {
  readonly terraform?: { readonly backend?: Record<string, Record<string, unknown>> };
  readonly provider?: Record<string, unknown>;
  readonly output?: Record<string, { readonly description?: string; readonly sensitive?: boolean }>;
  readonly resource?: Record<string, Record<string, unknown>>;
}

/** What Terraform or cdktf leave in a stack folder, not part of the hand-off. */
const GENERATED_BY_TERRAFORM = /(^|\/)\.|^metadata\.json$|^tfplan$|\.tfstate(\.backup)?$|\.tftest\.hcl$/;

export function describeStack(name: string, dir: string, file: string, dependencies: readonly string[], json: TerraformJson, extraFiles: readonly string[] = []): StackInfo {
  const awsBlocks = json.provider?.aws;
  const providers = (Array.isArray(awsBlocks) ? awsBlocks : awsBlocks ? [awsBlocks] : []).map((block: Record<string, unknown>) => {
    const roleArn = blockOf(block.assume_role)?.role_arn as string | undefined;
    const accountIds = block.allowed_account_ids as readonly string[] | undefined;
    return {
      ...(typeof block.alias === 'string' ? { alias: block.alias } : {}),
      ...(typeof block.region === 'string' ? { region: block.region } : {}),
      ...(accountIds?.[0] ? { accountId: accountIds[0] } : {}),
      ...(roleArn ? { roleArn } : {}),
    };
  });
  providers.sort((a, b) => (a.alias === undefined ? -1 : b.alias === undefined ? 1 : compareEnglish(a.alias, b.alias)));
  const outputs = Object.entries(json.output ?? {})
    .filter(([key]) => !CROSS_STACK_OUTPUT.test(key))
    .map(([key, o]) => ({ name: key, ...(o.description ? { description: o.description } : {}), sensitive: o.sensitive === true }))
    .sort((a, b) => compareEnglish(a.name, b.name));
  const resources: Record<string, number> = {};
  for (const [type, instances] of Object.entries(json.resource ?? {}).sort(([a], [b]) => compareEnglish(a, b))) {
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
