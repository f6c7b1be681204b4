/**
 * What the real AWS provider says a change of configuration does to resources
 * that exist: the old configuration is planned over an empty state and "applied"
 * on paper (state-from-plan.ts), then the new configuration is planned over that
 * state. Both plans run offline (offline-config.ts: no AWS, every read a
 * literal, `-refresh=false`), and the second one's resource changes carry the
 * provider's own answer: `update` in place, or a replacement with the attribute
 * paths that force it (`replace_paths`). This is how the force-new table of
 * `diff` (src/diff/force-new.ts) is checked against the provider.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraformEnv, writeCliConfig } from './cli-config';
import { run } from './command';
import { findProviderMirror, type ProviderMirror } from './mirror';
import { contextOf } from './mock-values';
import { errorsOf } from './offline-run';
import { attributeTypesOf, stateFromPlan, type AttributeTypes, type PlanJson } from './state-from-plan';
import { defaultProvider } from './synthesis';

export interface ReplacePlanOptions {
  /** @default 'terraform' */
  readonly terraform?: string;
  /** null: install from the registry; undefined: findProviderMirror(). */
  readonly mirror?: ProviderMirror | null;
  /** Also plan the old configuration over its own state: a check of this harness (nothing may change). */
  readonly control?: boolean;
  /** Files the configurations read (user data), copied beside them: relative path → content. */
  readonly files?: ReadonlyMap<string, string>;
  /** @default 300 */
  readonly timeoutSeconds?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  /** Set for replacements: the attribute paths the provider says force it. */
  readonly replacePaths: readonly (readonly (string | number)[])[];
  /** Top-level attributes whose new value is known only after apply. */
  readonly unknown: readonly string[];
}

export interface ReplacePlanResult {
  readonly ok: boolean;
  readonly step: 'init' | 'plan-old' | 'control' | 'plan-new';
  readonly errors: readonly string[];
  /** Of the new configuration over the old one's state, every resource that is not left as it is. */
  readonly changes: readonly PlannedChange[];
  /** Of the control plan (`control`), the same; empty when the harness is sound. */
  readonly controlChanges: readonly PlannedChange[];
  readonly seconds: number;
}

/** A resource change that destroys what exists: `delete` (alone, or with `create` for a replacement). */
export function isReplacement(change: PlannedChange): boolean {
  return change.actions.includes('delete') && change.actions.includes('create');
}

/** `oldJson` and `newJson`: offline Terraform JSON of one stack (offlineConfig), before and after a change. */
export async function planReplacements(oldJson: Record<string, any>, newJson: Record<string, any>, options: ReplacePlanOptions = {}): Promise<ReplacePlanResult> {
  const started = Date.now();
  const terraform = options.terraform ?? 'terraform';
  const mirror = options.mirror === null ? undefined : (options.mirror ?? findProviderMirror({ env: options.env ?? process.env }));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-replace-'));
  const timeout = options.timeoutSeconds ?? 300;
  const env = { GOGC: '400', ...terraformEnv(writeCliConfig(dir, { mirror }), options.env ?? process.env) };
  const finish = (step: ReplacePlanResult['step'], ok: boolean, output: string, changes: PlannedChange[] = [], controlChanges: PlannedChange[] = []): ReplacePlanResult => ({
    ok,
    step,
    errors: ok ? [] : errorsOf(output).concat(errorsOf(output).length === 0 ? [output.slice(-2000)] : []),
    changes,
    controlChanges,
    seconds: (Date.now() - started) / 1000,
  });
  const config = path.join(dir, 'cdk.tf.json');
  const plan = async (file: string): Promise<{ ok: boolean; output: string; json?: PlanJson }> => {
    const done = await run(terraform, ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', `-out=${file}`], dir, env, timeout);
    if (done.code !== 0) return { ok: false, output: done.stdout + done.stderr };
    const shown = await run(terraform, ['show', '-json', '-no-color', file], dir, env, timeout, 1 << 30);
    if (shown.code !== 0) return { ok: false, output: shown.stdout + shown.stderr };
    return { ok: true, output: '', json: JSON.parse(shown.stdout) as PlanJson };
  };
  try {
    for (const [file, content] of options.files ?? []) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
    writeFileSync(config, JSON.stringify(oldJson, null, 1));
    const init = await run(terraform, ['init', '-input=false', '-no-color'], dir, env, timeout);
    if (init.code !== 0) return finish('init', false, init.stdout + init.stderr);
    const before = await plan('old.tfplan');
    if (!before.ok) return finish('plan-old', false, before.output);
    const ctx = contextOf(defaultProvider(oldJson));
    const types = await attributeTypes(terraform, dir, env, timeout);
    if (!types.ok) return finish('init', false, types.output);
    writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify(stateFromPlan(before.json!, oldJson, ctx, types.types), null, 1));
    let controlChanges: PlannedChange[] = [];
    if (options.control) {
      const control = await plan('control.tfplan');
      if (!control.ok) return finish('control', false, control.output);
      controlChanges = changesOf(control.json!);
    }
    writeFileSync(config, JSON.stringify(newJson, null, 1));
    const after = await plan('new.tfplan');
    if (!after.ok) return finish('plan-new', false, after.output);
    return finish('plan-new', true, '', changesOf(after.json!), controlChanges);
  } finally {
    if (process.env.GWLB_KEEP_REPLACE_DIR !== '1') rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`kept ${dir}\n`);
  }
}

/** The provider's attribute types, read once per process (the provider is pinned: every stack sees the same schema). */
let cachedTypes: AttributeTypes | undefined;

async function attributeTypes(terraform: string, dir: string, env: NodeJS.ProcessEnv, timeout: number): Promise<{ ok: true; types: AttributeTypes } | { ok: false; output: string }> {
  if (cachedTypes) return { ok: true, types: cachedTypes };
  const shown = await run(terraform, ['providers', 'schema', '-json'], dir, env, timeout, 1 << 30);
  if (shown.code !== 0) return { ok: false, output: shown.stdout + shown.stderr };
  cachedTypes = attributeTypesOf(JSON.parse(shown.stdout));
  return { ok: true, types: cachedTypes };
}

function changesOf(plan: PlanJson): PlannedChange[] {
  return (plan.resource_changes ?? [])
    .filter((c) => c.mode === 'managed' && !(c.change.actions.length === 1 && c.change.actions[0] === 'no-op'))
    .map((c) => ({
      address: c.address,
      type: c.type,
      actions: [...c.change.actions],
      replacePaths: c.change.replace_paths ?? [],
      unknown: Object.entries(c.change.after_unknown ?? {})
        .filter(([, u]) => u === true)
        .map(([k]) => k),
    }));
}

/** The files of a stack folder that its configuration reads (user data beside cdk.tf.json), for `files`. */
export function stackFiles(stackDir: string, names: readonly string[]): Map<string, string> {
  return new Map(names.map((n) => [n, readFileSync(path.join(stackDir, n), 'utf8')]));
}
