/**
 * Runs the real AWS provider on a synthesized stack without AWS (offline-config.ts):
 * `terraform plan -refresh=false`, or an apply of some resource types, whose
 * only possible outcome is failure; what matters is where each resource fails.
 * A resource the provider accepts fails at its first API call (connection
 * refused on the closed endpoint); one it refuses fails before, with the
 * provider's own message: a plan-time validation, or an input it cannot convert
 * (a 4-byte ASN in `bgp_asn`: terraform-provider-aws #38738).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraformEnv, writeCliConfig } from './cli-config';
import { run } from './command';
import { findProviderMirror, type ProviderMirror } from './mirror';
import { offlineConfig } from './offline-config';
import { readSynthesis, stacksOf } from './synthesis';

export interface OfflineRunOptions {
  /** @default 'terraform' */
  readonly terraform?: string;
  /** null: install from the registry; undefined: findProviderMirror(). */
  readonly mirror?: ProviderMirror | null;
  /** `plan` (the default), or `apply` of the resources of `onlyTypes`. */
  readonly command?: 'plan' | 'apply';
  readonly onlyTypes?: readonly string[];
  /** Extra Terraform JSON beside the stack's, e.g. a control resource that must fail. */
  readonly extra?: Record<string, unknown>;
  /** @default 300 */
  readonly timeoutSeconds?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface OfflineRunResult {
  readonly stack: string;
  /** The command exited 0 (a plan that passed; an apply never does). */
  readonly ok: boolean;
  readonly step: 'setup' | 'init' | 'plan' | 'apply';
  /** Terraform's error diagnostics, one per `Error:` block, without colour. */
  readonly errors: readonly string[];
  readonly output: string;
  readonly seconds: number;
}

/** An error a resource got at its first API call: the provider accepted its input. */
export function isApiCallError(error: string): boolean {
  return /connection refused|request send failed|dial tcp/i.test(error);
}

export async function runOffline(synthDir: string, stack: string, options: OfflineRunOptions = {}): Promise<OfflineRunResult> {
  const started = Date.now();
  const terraform = options.terraform ?? 'terraform';
  const mirror = options.mirror === null ? undefined : (options.mirror ?? findProviderMirror({ env: options.env ?? process.env }));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-offline-'));
  const result = (step: OfflineRunResult['step'], ok: boolean, output: string): OfflineRunResult => ({
    stack,
    ok,
    step,
    errors: errorsOf(output),
    output,
    seconds: (Date.now() - started) / 1000,
  });
  try {
    const synthesis = readSynthesis(synthDir, stacksOf(synthDir));
    const source = synthesis.stacks.get(stack);
    if (!source) return result('setup', false, `Error: ${synthesis.unreadable.get(stack) ?? `no stack ${stack}`}`);
    const { json, problems } = offlineConfig(source, synthesis.stacks, { onlyTypes: options.onlyTypes });
    if (problems.length > 0) return result('setup', false, problems.map((p) => `Error: ${p}`).join('\n'));
    const dir = path.join(workDir, 'stack');
    mkdirSync(dir);
    // User data and other files the configuration reads stay beside it; the stack's own JSON is replaced.
    cpSync(path.join(synthDir, 'stacks', stack), dir, { recursive: true, filter: (src) => !/(\.terraform|cdk\.tf\.json|\.tfstate)/.test(path.basename(src)) });
    writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(json, null, 1));
    if (options.extra) writeFileSync(path.join(dir, 'extra.tf.json'), JSON.stringify(options.extra, null, 1));
    const env = { GOGC: '400', ...terraformEnv(writeCliConfig(workDir, { mirror }), options.env ?? process.env) };
    const timeout = options.timeoutSeconds ?? 300;
    const init = await run(terraform, ['init', '-input=false', '-no-color'], dir, env, timeout);
    if (init.code !== 0) return result('init', false, init.stdout + init.stderr);
    const command = options.command ?? 'plan';
    const args = command === 'plan' ? ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color'] : ['apply', '-auto-approve', '-refresh=false', '-input=false', '-lock=false', '-no-color'];
    const done = await run(terraform, args, dir, env, timeout);
    return result(command, done.code === 0, done.stdout + done.stderr);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The `Error: ...` diagnostics of Terraform's output, each with its detail lines, box drawing removed. */
export function errorsOf(output: string): string[] {
  const errors: string[] = [];
  let current: string[] | undefined;
  for (const raw of output.split('\n')) {
    const line = raw.replace(/^[│╷╵\s]+/, '').trimEnd();
    if (line.startsWith('Error: ')) {
      if (current) errors.push(current.join(' '));
      current = [line.slice('Error: '.length)];
    } else if (current && /^[╵]/.test(raw.trimStart())) {
      errors.push(current.join(' '));
      current = undefined;
    } else if (current && line) current.push(line);
  }
  if (current) errors.push(current.join(' '));
  return errors;
}
