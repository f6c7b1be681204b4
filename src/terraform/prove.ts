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
 * time, attach to one provider process started from that installation (see
 * startSharedProvider), which cuts the proof's CPU time by about half.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraformEnv, writeCliConfig } from './cli-config';
import { AWS_PROVIDER, AWS_PROVIDER_ADDRESS, findProviderMirror, terraformPlatform, type ProviderMirror } from './mirror';
import { PROOF_TEST_FILE, renderProofTest, type StackTerraform, type TerraformJson } from './mock-test';

export type ProofStep = 'setup' | 'init' | 'validate' | 'test';
export const PROOF_STEPS: readonly ProofStep[] = ['setup', 'init', 'validate', 'test'];

export interface StackProof {
  readonly stack: string;
  readonly ok: boolean;
  /** The step that failed; the later ones did not run. */
  readonly failedStep?: ProofStep;
  /** What Terraform said, trimmed to the part worth reading (empty when ok). */
  readonly stderr: string;
  /** Wall-clock seconds for the whole stack. */
  readonly seconds: number;
  /** Seconds per step that ran. */
  readonly steps: Partial<Record<ProofStep, number>>;
  /** The scratch copy the proof ran in (gone unless keepWorkDir or workDir). */
  readonly dir: string;
}

export interface ProofResult {
  readonly ok: boolean;
  readonly synthDir: string;
  readonly workDir: string;
  readonly terraformVersion?: string;
  readonly mirror?: ProviderMirror;
  readonly concurrency: number;
  /** How validate and test reached the provider: 'shared' (one process for all), else why not. */
  readonly provider: string;
  readonly seconds: number;
  /** In the order of the synthesis manifest. */
  readonly stacks: readonly StackProof[];
}

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
  readonly timeouts?: Partial<Record<'init' | 'validate' | 'test', number>>;
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

/** mock_provider and override_data in test files came with 1.7; the S3 backend's use_lockfile with 1.10. */
const MIN_TERRAFORM = [1, 10, 0] as const;

export function defaultConcurrency(): number {
  return Math.max(1, Math.min(2, os.cpus().length));
}

/** `terraform` (or `name`) on PATH, as an absolute path; undefined when missing. */
export function findOnPath(name = 'terraform', env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Stack names of a synthesized folder: the manifest's order, else the folders of `stacks/`. */
export function stacksOf(synthDir: string): string[] {
  const manifestFile = path.join(synthDir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { stacks?: Record<string, unknown> };
    if (manifest.stacks) return Object.keys(manifest.stacks);
  }
  const stacksDir = path.join(synthDir, 'stacks');
  return readdirSync(stacksDir)
    .filter((d) => statSync(path.join(stacksDir, d)).isDirectory())
    .sort();
}

export function readStackTerraform(synthDir: string, stack: string): StackTerraform {
  const file = path.join(synthDir, 'stacks', stack, 'cdk.tf.json');
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: the Terraform proof needs the JSON synthesis (synth without --hcl)`);
  }
  const text = readFileSync(file, 'utf8');
  return { name: stack, json: JSON.parse(text) as TerraformJson, text };
}

export async function proveSynthesized(synthDir: string, options: ProveOptions = {}): Promise<ProofResult> {
  const started = Date.now();
  const terraform = options.terraform ?? 'terraform';
  const concurrency = Math.max(1, options.concurrency ?? defaultConcurrency());
  // Throws MirrorConfigError for a TF_PLUGIN_MIRROR without the provider, before anything is written.
  const mirror = options.mirror === null ? undefined : (options.mirror ?? findProviderMirror({ env: options.env ?? process.env }));
  const workDir = options.workDir ?? mkdtempSync(path.join(os.tmpdir(), 'gwlb-prove-'));
  mkdirSync(workDir, { recursive: true });
  // An unpacked mirror installs as a symlink into it: fastest with neither a cache nor a shared
  // lock file (verifying a lock file hashes the 700 MB provider: ~1 s per stack). Anything else
  // (registry, zip) installs once into a plugin cache that the other stacks then link to.
  const shareInstall = mirror?.layout !== 'unpacked';
  const cliConfig = writeCliConfig(workDir, { mirror, pluginCacheDir: shareInstall ? path.join(workDir, 'plugin-cache') : undefined });
  // Terraform and the provider are Go programs that decode the 1,500-resource AWS schema in every
  // command: collecting garbage less often (GOGC=400; ~450 MB per process) saves ~20% of the CPU.
  const env = { GOGC: '400', ...terraformEnv(cliConfig, options.env ?? process.env) };
  const timeouts = { init: 300, validate: 120, test: 300, ...options.timeouts };

  const names = stacksOf(synthDir).filter((s) => !options.stacks || options.stacks.includes(s));
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

  const version = await run(terraform, ['version', '-json'], workDir, env, 60);
  const terraformVersion = version.code === 0 ? parseVersion(version.stdout) : undefined;
  const versionProblem =
    version.code !== 0
      ? `cannot run ${terraform} version: ${excerpt(version.stderr || version.error || '')}`
      : !terraformVersion || compareVersions(terraformVersion, MIN_TERRAFORM) < 0
        ? `Terraform ${terraformVersion ?? '(unknown version)'} is too old: the proof needs ${MIN_TERRAFORM.join('.')} or later (mock_provider in terraform test, S3 use_lockfile)`
        : undefined;
  if (versionProblem) {
    return finish(names.map((stack) => ({ stack, ok: false, failedStep: 'setup', stderr: versionProblem, seconds: 0, steps: {}, dir: '' })), terraformVersion);
  }

  // Every stack's Terraform, so that a consumer's mocks can take the shape of its producer's outputs.
  const all = new Map<string, StackTerraform>();
  const unreadable = new Map<string, string>();
  for (const stack of stacksOf(synthDir)) {
    try {
      all.set(stack, readStackTerraform(synthDir, stack));
    } catch (err) {
      unreadable.set(stack, (err as Error).message);
    }
  }

  interface Prepared {
    readonly stack: string;
    readonly dir: string;
    readonly t0: number;
    readonly steps: Partial<Record<ProofStep, number>>;
  }
  const failed = (p: Prepared, failedStep: ProofStep, stderr: string): StackProof => ({
    stack: p.stack,
    ok: false,
    failedStep,
    stderr,
    seconds: (Date.now() - p.t0) / 1000,
    steps: p.steps,
    dir: p.dir,
  });
  const runStep = async (p: Prepared, step: Exclude<ProofStep, 'setup'>, args: string[], stepEnv: NodeJS.ProcessEnv): Promise<StackProof | undefined> => {
    const result = await run(terraform, args, p.dir, stepEnv, timeouts[step]);
    p.steps[step] = result.seconds;
    if (result.code === 0) return undefined;
    const why = result.timedOut ? `timed out after ${timeouts[step]} s\n` : result.error ? `${result.error}\n` : '';
    const died = shared && !shared.alive() ? `(the shared provider process had exited: ${shared.exitReason()})\n` : '';
    return failed(p, step, excerpt(why + died + failureText(step, result.stdout, result.stderr)));
  };

  /** setup (a clean copy and the generated test) and `terraform init`. */
  const prepare = async (stack: string, lockFile?: string): Promise<Prepared | StackProof> => {
    const p: Prepared = { stack, dir: path.join(workDir, 'stacks', stack), t0: Date.now(), steps: {} };
    try {
      const problem = unreadable.get(stack);
      if (problem) return failed(p, 'setup', problem);
      copyStack(path.join(synthDir, 'stacks', stack), p.dir);
      const test = renderProofTest(all.get(stack)!, all);
      writeFileSync(path.join(p.dir, PROOF_TEST_FILE), test.content);
      if (lockFile) copyFileSync(lockFile, path.join(p.dir, '.terraform.lock.hcl'));
      p.steps.setup = (Date.now() - p.t0) / 1000;
      if (test.problems.length > 0) return failed(p, 'setup', test.problems.join('\n'));
    } catch (err) {
      return failed(p, 'setup', (err as Error).message);
    }
    // Always a plain init (never through the shared provider): installation is part of the proof.
    return (await runStep(p, 'init', ['init', '-backend=false', '-input=false', '-no-color'], env)) ?? p;
  };

  /** `terraform validate` and `terraform test`, through the shared provider while it runs. */
  const check = async (p: Prepared): Promise<StackProof> => {
    const stepEnv = () => (shared?.alive() ? { ...env, TF_REATTACH_PROVIDERS: shared.reattach } : env);
    const failure =
      (await runStep(p, 'validate', ['validate', '-no-color'], stepEnv())) ??
      (await runStep(p, 'test', ['test', '-no-color', `-filter=${PROOF_TEST_FILE}`], stepEnv()));
    return failure ?? { stack: p.stack, ok: true, stderr: '', seconds: (Date.now() - p.t0) / 1000, steps: p.steps, dir: p.dir };
  };

  const results = new Map<string, StackProof>();
  const record = (proof: StackProof) => {
    results.set(proof.stack, proof);
    options.onStack?.(proof);
  };

  // Phase 1: stacks initialize one at a time until one succeeds. Its installation is the one
  // every other stack reuses (its lock file, the plugin cache) and its provider binary is the
  // one the shared provider process runs.
  let shared: SharedProvider | undefined;
  let sharedProblem: string | undefined;
  const queue = [...names];
  let first: Prepared | undefined;
  while (queue.length > 0 && !first) {
    const prepared = await prepare(queue.shift()!);
    if ('ok' in prepared) record(prepared);
    else first = prepared;
  }
  const lockFile = first && shareInstall ? path.join(first.dir, '.terraform.lock.hcl') : undefined;
  if (first && (options.shareProvider ?? true)) {
    const binary = installedProvider(first.dir);
    if (!binary) sharedProblem = `no provider binary under ${first.dir}/.terraform/providers`;
    else {
      const started = await startSharedProvider(binary, first.dir, env);
      if ('reattach' in started) shared = started;
      else sharedProblem = started.problem;
    }
  }

  // Phase 2: everything else, `concurrency` stacks at a time.
  try {
    const tasks: (() => Promise<StackProof>)[] = [
      ...(first ? [() => check(first!)] : []),
      ...queue.map((stack) => async () => {
        const prepared = await prepare(stack, lockFile && existsSync(lockFile) ? lockFile : undefined);
        return 'ok' in prepared ? prepared : check(prepared);
      }),
    ];
    await Promise.all(
      Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
        for (let task = tasks.shift(); task !== undefined; task = tasks.shift()) record(await task());
      }),
    );
  } finally {
    shared?.stop();
  }
  return finish(
    names.map((n) => results.get(n)!),
    terraformVersion,
    shared ? 'shared' : sharedProblem ? `not shared: ${sharedProblem}` : 'per command',
  );
}

/** The provider binary `terraform init` installed in `dir` (through any symlinks). */
function installedProvider(dir: string): string | undefined {
  const platformDir = path.join(dir, '.terraform', 'providers', ...AWS_PROVIDER_ADDRESS.split('/'), AWS_PROVIDER.version, terraformPlatform());
  try {
    const binary = readdirSync(platformDir).find((f) => f.startsWith(`terraform-provider-${AWS_PROVIDER.type}`));
    return binary ? realpathSync(path.join(platformDir, binary)) : undefined;
  } catch {
    return undefined;
  }
}

interface SharedProvider {
  /** The TF_REATTACH_PROVIDERS value that points Terraform at it. */
  readonly reattach: string;
  alive(): boolean;
  exitReason(): string;
  stop(): void;
}

/**
 * Starts the AWS provider once, in its debug mode, for every `validate` and `test`
 * of the proof to attach to (TF_REATTACH_PROVIDERS) instead of starting its own
 * copies: `terraform test` starts the 700 MB provider for every graph walk of
 * every provider configuration (~20 times a stack), and that start-up was
 * most of `terraform test`'s CPU time. Same binary, same schema and
 * validation; mocked resources never reach it, so its one process holds no
 * state between stacks. Undefined (and every command starts its own provider)
 * when it does not come up.
 */
async function startSharedProvider(binary: string, cwd: string, env: NodeJS.ProcessEnv, timeoutSeconds = 60): Promise<SharedProvider | { problem: string }> {
  const child = spawn(binary, ['-debug'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let exited: string | undefined;
  let output = '';
  const kill = () => {
    if (exited === undefined) child.kill('SIGTERM');
  };
  process.once('exit', kill);
  const reattach = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutSeconds * 1000);
    const look = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
      const match = /TF_REATTACH_PROVIDERS='(\{.*?\})'/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('error', (err) => {
      exited = err.message;
      clearTimeout(timer);
      resolve(undefined);
    });
    child.on('exit', (code, signal) => {
      exited = signal ? `killed by ${signal}` : `exit code ${code}`;
      clearTimeout(timer);
      resolve(undefined);
    });
  });
  if (!reattach) {
    kill();
    process.removeListener('exit', kill);
    return { problem: exited ? `the provider in debug mode stopped (${exited}): ${excerpt(output, 5)}` : `the provider printed no TF_REATTACH_PROVIDERS within ${timeoutSeconds} s` };
  }
  // Its output is no longer read: keep the pipes drained.
  child.stdout.resume();
  child.stderr.resume();
  return {
    reattach,
    alive: () => exited === undefined,
    exitReason: () => exited ?? 'running',
    stop: () => {
      kill();
      process.removeListener('exit', kill);
    },
  };
}

/** Copies a stack folder without anything a previous init or run left there. */
function copyStack(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, {
    recursive: true,
    filter: (src) => {
      const base = path.basename(src);
      return !(base === '.terraform' || base === '.terraform.lock.hcl' || base.endsWith('.tftest.hcl') || /^terraform\.tfstate/.test(base));
    },
  });
}

interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly timedOut: boolean;
  readonly error?: string;
}

const MAX_CAPTURE = 1 << 20;

/** Runs a command without a shell; past `timeoutSeconds` it is asked to stop, then killed. */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutSeconds: number): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let error: string | undefined;
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (buffer: string, chunk: Buffer) => (buffer + chunk.toString('utf8')).slice(-MAX_CAPTURE);
    child.stdout.on('data', (c: Buffer) => (stdout = keep(stdout, c)));
    child.stderr.on('data', (c: Buffer) => (stderr = keep(stderr, c)));
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    }, timeoutSeconds * 1000);
    child.on('error', (err) => {
      error = `cannot run ${command}: ${err.message}`;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      resolve({ code: error ? -1 : code, stdout, stderr, seconds: (Date.now() - started) / 1000, timedOut, error });
    });
  });
}

/**
 * What to show of a failed command: the diagnostics, each once (a failed apply
 * repeats its error when the test tears down), without the list of resources
 * "left in state" (there is no real state: the provider is mocked), and for
 * `terraform test` which runs failed.
 */
export function failureText(step: ProofStep, stdout: string, stderr: string): string {
  const text = stderr.trim() || stdout.trim();
  const blocks: string[] = [];
  for (const block of text.replace(/\r/g, '').split(/\n\s*\n/)) {
    const trimmed = block.replace(/\s+$/, '');
    if (!trimmed.trim()) continue;
    if (/^\s*Terraform (left the following resources in state|encountered an error destroying resources)/.test(trimmed)) continue;
    if (/^(\s*- \S+\n?)+$/.test(trimmed)) continue;
    if (blocks.includes(trimmed)) continue;
    blocks.push(trimmed);
  }
  const body = blocks.join('\n\n');
  if (step !== 'test') return body;
  const runs = stdout
    .split('\n')
    .filter((l) => /\b(fail|error|skip)\b/i.test(l) && /run "|tftest\.hcl/.test(l))
    .map((l) => l.trim());
  return [runs.join('\n'), body].filter(Boolean).join('\n');
}

/** Blank runs squeezed, long lines cut, then at most `maxLines` lines and `maxChars` characters. */
export function excerpt(text: string, maxLines = 60, maxChars = 6000, maxLineChars = 300): string {
  const lines = text
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .map((l) => (l.length > maxLineChars ? `${l.slice(0, maxLineChars)}…` : l))
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
  let out = lines.slice(0, maxLines).join('\n');
  if (lines.length > maxLines) out += `\n… (${lines.length - maxLines} more lines)`;
  return out.length > maxChars ? `${out.slice(0, maxChars)}…` : out;
}

function parseVersion(json: string): string | undefined {
  try {
    return (JSON.parse(json) as { terraform_version?: string }).terraform_version;
  } catch {
    return undefined;
  }
}

function compareVersions(version: string, min: readonly number[]): number {
  const parts = version.split(/[.-]/).map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < min.length; i++) {
    const d = (parts[i] || 0) - min[i];
    if (d !== 0) return d;
  }
  return 0;
}

/** A fixed-width table of a proof, for people. */
export function formatProofTable(result: ProofResult): string {
  const rows = result.stacks.map((s) => [
    s.stack,
    s.ok ? 'ok' : `FAILED at ${s.failedStep}`,
    fmt(s.steps.init),
    fmt(s.steps.validate),
    fmt(s.steps.test),
    fmt(s.seconds),
  ]);
  const header = ['stack', 'result', 'init s', 'validate s', 'test s', 'total s'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const passed = result.stacks.filter((s) => s.ok).length;
  out.push(
    '',
    `${passed} of ${result.stacks.length} stacks proved in ${result.seconds.toFixed(1)} s (Terraform ${result.terraformVersion ?? '?'}, ` +
      `${result.mirror ? `provider from mirror ${result.mirror.path}` : 'provider from the registry'}, provider process ${result.provider}, concurrency ${result.concurrency})`,
  );
  for (const s of result.stacks.filter((x) => !x.ok)) out.push('', `${s.stack}: ${s.failedStep} failed`, indent(s.stderr));
  return out.join('\n');
}

function fmt(seconds: number | undefined): string {
  return seconds === undefined ? '-' : seconds.toFixed(1);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
