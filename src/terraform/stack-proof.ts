/**
 * The proof of one stack, in its steps: `setup` (its scratch copy and test
 * file) and `terraform init`, then `terraform validate` and `terraform test`.
 * The two halves are separate because the proof runs them at different times:
 * the first stack's init must finish before the shared provider can start from
 * what it installed, and before the other stacks can reuse its lock file.
 */
import * as path from 'node:path';
import { run } from './command';
import { excerpt, failureText } from './diagnostics';
import { PROOF_TEST_FILE } from './mock-test';
import type { ProofStep, StackProof } from './proof-result';
import type { SharedProvider } from './shared-provider';
import { writeStackCopy } from './stack-copy';
import type { Synthesis } from './synthesis';

export type CommandStep = Exclude<ProofStep, 'setup'>;

export interface StackProofSettings {
  readonly terraform: string;
  readonly synthDir: string;
  /** The scratch copies go to `<workDir>/stacks/<stack>`. */
  readonly workDir: string;
  readonly synthesis: Synthesis;
  readonly env: NodeJS.ProcessEnv;
  /** Seconds. */
  readonly timeouts: Readonly<Record<CommandStep, number>>;
}

/** A stack that passed setup and init: ready for validate and test. */
export interface InitializedStack {
  readonly stack: string;
  readonly dir: string;
  readonly t0: number;
  readonly steps: Partial<Record<ProofStep, number>>;
}

export function isStackProof(x: InitializedStack | StackProof): x is StackProof {
  return 'ok' in x;
}

export class StackProver {
  private shared?: SharedProvider;

  constructor(private readonly settings: StackProofSettings) {}

  /** From now on, validate and test attach to `shared` while it runs. */
  useSharedProvider(shared: SharedProvider): void {
    this.shared = shared;
  }

  /** setup and `terraform init`: the stack ready for check, or the proof of its failure. */
  async prepare(stack: string, lockFile?: string): Promise<InitializedStack | StackProof> {
    const { synthDir, workDir, synthesis } = this.settings;
    const p: InitializedStack = { stack, dir: path.join(workDir, 'stacks', stack), t0: Date.now(), steps: {} };
    try {
      const problem = synthesis.unreadable.get(stack);
      if (problem) return failed(p, 'setup', problem);
      const problems = writeStackCopy(path.join(synthDir, 'stacks', stack), p.dir, synthesis.stacks.get(stack)!, synthesis.stacks, lockFile);
      p.steps.setup = (Date.now() - p.t0) / 1000;
      if (problems.length > 0) return failed(p, 'setup', problems.join('\n'));
    } catch (err) {
      return failed(p, 'setup', (err as Error).message);
    }
    // Always a plain init (never through the shared provider): installation is part of the proof.
    return (await this.runStep(p, 'init', ['init', '-backend=false', '-input=false', '-no-color'], this.settings.env)) ?? p;
  }

  /** `terraform validate` and `terraform test`, through the shared provider while it runs. */
  async check(p: InitializedStack): Promise<StackProof> {
    const failure =
      (await this.runStep(p, 'validate', ['validate', '-no-color'], this.checkEnv())) ??
      (await this.runStep(p, 'test', ['test', '-no-color', `-filter=${PROOF_TEST_FILE}`], this.checkEnv()));
    return failure ?? { stack: p.stack, ok: true, stderr: '', seconds: (Date.now() - p.t0) / 1000, steps: p.steps, dir: p.dir };
  }

  /** Asked again before each command: once the shared provider has died, commands start their own. */
  private checkEnv(): NodeJS.ProcessEnv {
    const { env } = this.settings;
    return this.shared?.alive() ? { ...env, TF_REATTACH_PROVIDERS: this.shared.reattach } : env;
  }

  /** Runs one Terraform command of the stack; the proof of its failure, or undefined when it passed. */
  private async runStep(p: InitializedStack, step: CommandStep, args: string[], env: NodeJS.ProcessEnv): Promise<StackProof | undefined> {
    const { terraform, timeouts } = this.settings;
    const result = await run(terraform, args, p.dir, env, timeouts[step]);
    p.steps[step] = result.seconds;
    if (result.code === 0) return undefined;
    const why = result.timedOut ? `timed out after ${timeouts[step]} s\n` : result.error ? `${result.error}\n` : '';
    // Said first: once the shared provider has died, the failure is that process's, not the stack's.
    const died = this.shared && !this.shared.alive() ? `(the shared provider process had exited: ${this.shared.exitReason()})\n` : '';
    return failed(p, step, excerpt(why + died + failureText(step, result.stdout, result.stderr)));
  }
}

function failed(p: InitializedStack, failedStep: ProofStep, stderr: string): StackProof {
  return { stack: p.stack, ok: false, failedStep, stderr, seconds: (Date.now() - p.t0) / 1000, steps: p.steps, dir: p.dir };
}
