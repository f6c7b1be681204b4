/**
 * The Terraform proof of a synthesized folder (DESIGN.md, verification ladder
 * step 4): every stack passes `terraform init` (from a local provider mirror when
 * one is found), `terraform validate`, and `terraform test` planning and applying
 * against a mocked AWS. Works on copies of the stacks in a scratch folder: the
 * user's output is never written to.
 *
 * One provider installation serves every stack. Stacks initialize one at a time
 * until one succeeds; from an unpacked mirror every later `terraform init` only
 * links to the mirror (~0.5 s), otherwise (registry, zip mirror) they reuse the
 * first one's lock file and plugin cache instead of downloading or unzipping the
 * provider again. Then `validate` and `test` of every stack, `concurrency` at a
 * time, attach to one provider process started from that installation
 * (shared-provider.ts), which cuts the proof's CPU time by about half.
 *
 * The rest of this folder, in the order a proof uses it:
 *   mirror.ts, cli-config.ts    where `terraform init` installs the provider from
 *   terraform-version.ts        whether this Terraform can run the proof at all
 *   synthesis.ts                the stacks and their Terraform JSON
 *   stack-proof.ts              one stack's steps, in its scratch copy (stack-copy.ts)
 *   mock-test.ts                the test file in that copy, from mock-values.ts,
 *                               remote-state.ts and hcl-literal.ts
 *   shared-provider.ts          the one provider process
 *   command.ts, diagnostics.ts  running Terraform, and what is kept of what it says
 *   proof-result.ts             what a proof reports; proof-table.ts prints it
 *   fs-probe.ts                 path checks that answer "no" rather than throw
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraformEnv, writeCliConfig } from './cli-config';
import { findProviderMirror, type ProviderMirror } from './mirror';
import type { ProofResult, StackProof } from './proof-result';
import { startSharedProvider, type SharedProvider } from './shared-provider';
import { isStackProof, StackProver, type CommandStep, type InitializedStack } from './stack-proof';
import { readSynthesis, stacksOf } from './synthesis';
import { checkTerraform } from './terraform-version';

export interface ProveOptions {
  /** Terraform binary. @default 'terraform' (from PATH) */
  readonly terraform?: string;
  /** Provider mirror; null: none (install from the registry); undefined: findProviderMirror(). */
  readonly mirror?: ProviderMirror | null;
  /** @default max(1, min(2, os.cpus().length)) */
  readonly concurrency?: number;
  /** Scratch folder (created if missing, never removed: the caller owns it); default a new temp folder, removed at the end. */
  readonly workDir?: string;
  /** Keep the temp scratch folder (to rerun a failed `terraform test` by hand). @default false */
  readonly keepWorkDir?: boolean;
  /** Per-command timeouts in seconds. @default init 300, validate 120, test 300 */
  readonly timeouts?: Partial<Record<CommandStep, number>>;
  /** Only these stacks. */
  readonly stacks?: readonly string[];
  /** The environment Terraform runs in (before the proof's own settings). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Run `validate` and `test` against one provider process started for the whole proof
   * (TF_REATTACH_PROVIDERS) rather than one per command and graph walk: about half the CPU.
   * `init` always runs plainly. Falls back to per-command providers if it cannot start.
   * @default true
   */
  readonly shareProvider?: boolean;
  /** Called as each stack finishes. */
  readonly onStack?: (proof: StackProof) => void;
}

export function defaultConcurrency(): number {
  return Math.max(1, Math.min(2, os.cpus().length));
}

export async function proveSynthesized(synthDir: string, options: ProveOptions = {}): Promise<ProofResult> {
  const started = Date.now();
  const terraform = options.terraform ?? 'terraform';
  const concurrency = Math.max(1, options.concurrency ?? defaultConcurrency());
  const callerEnv = options.env ?? process.env;
  // Throws MirrorConfigError for a TF_PLUGIN_MIRROR without the provider, before anything is written.
  const mirror = options.mirror === null ? undefined : (options.mirror ?? findProviderMirror({ env: callerEnv }));
  const workDir = options.workDir ?? mkdtempSync(path.join(os.tmpdir(), 'gwlb-prove-'));
  mkdirSync(workDir, { recursive: true });
  // An unpacked mirror installs as a symlink into it: fastest with neither a cache nor a shared
  // lock file (verifying a lock file hashes the 700 MB provider: ~1 s per stack). Anything else
  // (registry, zip) installs once into a plugin cache that the other stacks then link to.
  const shareInstall = mirror?.layout !== 'unpacked';
  const cliConfig = writeCliConfig(workDir, { mirror, pluginCacheDir: shareInstall ? path.join(workDir, 'plugin-cache') : undefined });
  // Terraform and the provider are Go programs that decode the 1,500-resource AWS schema in every
  // command: collecting garbage less often (GOGC=400; ~450 MB per process) saves ~20% of the CPU.
  const env = { GOGC: '400', ...terraformEnv(cliConfig, callerEnv) };
  const timeouts = { init: 300, validate: 120, test: 300, ...options.timeouts };

  const allNames = stacksOf(synthDir);
  const names = allNames.filter((s) => !options.stacks || options.stacks.includes(s));
  const finish = (stacks: StackProof[], terraformVersion?: string, provider = 'per command'): ProofResult => {
    if (!options.keepWorkDir && !options.workDir) rmSync(workDir, { recursive: true, force: true });
    return {
      ok: stacks.length > 0 && stacks.every((s) => s.ok),
      synthDir,
      workDir,
      terraformVersion,
      mirror,
      concurrency,
      provider,
      seconds: (Date.now() - started) / 1000,
      stacks,
    };
  };

  const { version: terraformVersion, problem } = await checkTerraform(terraform, workDir, env);
  if (problem) {
    return finish(names.map((stack) => ({ stack, ok: false, failedStep: 'setup', stderr: problem, seconds: 0, steps: {}, dir: '' })), terraformVersion);
  }

  const prover = new StackProver({ terraform, synthDir, workDir, synthesis: readSynthesis(synthDir, allNames), env, timeouts });
  const results = new Map<string, StackProof>();
  const record = (proof: StackProof) => {
    results.set(proof.stack, proof);
    options.onStack?.(proof);
  };

  // Phase 1: stacks initialize one at a time until one succeeds. Its installation is the one
  // every other stack reuses (its lock file, the plugin cache) and its provider binary is the
  // one the shared provider process runs.
  const queue = [...names];
  let first: InitializedStack | undefined;
  while (queue.length > 0 && !first) {
    const prepared = await prover.prepare(queue.shift()!);
    if (isStackProof(prepared)) record(prepared);
    else first = prepared;
  }
  const lockFile = first && shareInstall ? path.join(first.dir, '.terraform.lock.hcl') : undefined;
  let shared: SharedProvider | undefined;
  let sharedProblem: string | undefined;
  if (first && (options.shareProvider ?? true)) {
    const provider = await startSharedProvider(first.dir, env);
    if ('reattach' in provider) {
      shared = provider;
      prover.useSharedProvider(provider);
    } else sharedProblem = provider.problem;
  }

  // Phase 2: everything else, `concurrency` stacks at a time.
  try {
    const tasks: (() => Promise<StackProof>)[] = [
      ...(first ? [() => prover.check(first!)] : []),
      ...queue.map((stack) => async () => {
        const prepared = await prover.prepare(stack, lockFile && existsSync(lockFile) ? lockFile : undefined);
        return isStackProof(prepared) ? prepared : prover.check(prepared);
      }),
    ];
    await inParallel(tasks, concurrency, record);
  } finally {
    shared?.stop();
  }
  return finish(
    names.map((n) => results.get(n)!),
    terraformVersion,
    shared ? 'shared' : sharedProblem ? `not shared: ${sharedProblem}` : 'per command',
  );
}

/** Runs `tasks`, at most `concurrency` at once, handing each result to `done` as it comes. */
async function inParallel<T>(tasks: (() => Promise<T>)[], concurrency: number, done: (result: T) => void): Promise<void> {
  const pending = [...tasks];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, pending.length) }, async () => {
      for (let task = pending.shift(); task !== undefined; task = pending.shift()) done(await task());
    }),
  );
}
