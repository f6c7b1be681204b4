/**
 * One AWS provider process for every `validate` and `test` of a proof.
 *
 * `terraform test` starts the 700 MB provider for every graph walk of every
 * provider configuration (~20 times a stack), and that start-up was most of
 * `terraform test`'s CPU time. Started once in its debug mode, the provider
 * prints a TF_REATTACH_PROVIDERS value that Terraform attaches to instead of
 * starting its own copies: about half the proof's CPU. Same binary, same schema
 * and validation; mocked resources never reach it, so its one process holds no
 * state between stacks.
 */
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { excerpt } from './diagnostics';
import { providerBinaryIn, unpackedProviderDir } from './mirror';

export interface SharedProvider {
  /** The TF_REATTACH_PROVIDERS value that points Terraform at it. */
  readonly reattach: string;
  alive(): boolean;
  exitReason(): string;
  stop(): void;
}

/**
 * Starts the provider that `terraform init` installed in `dir`, in its debug
 * mode, and waits for its TF_REATTACH_PROVIDERS. A problem instead when it does
 * not come up: the proof then lets every command start its own provider,
 * slower but the same proof.
 */
export async function startSharedProvider(dir: string, env: NodeJS.ProcessEnv, timeoutSeconds = 60): Promise<SharedProvider | { problem: string }> {
  const binary = installedProvider(dir);
  if (!binary) return { problem: `no provider binary under ${dir}/.terraform/providers` };
  return startDebugProvider(binary, dir, env, timeoutSeconds);
}

/** The provider binary `terraform init` installed in `dir` (through any symlinks: a mirror's is linked). */
function installedProvider(dir: string): string | undefined {
  const platformDir = unpackedProviderDir(path.join(dir, '.terraform', 'providers'));
  try {
    const binary = providerBinaryIn(platformDir);
    return binary ? realpathSync(path.join(platformDir, binary)) : undefined;
  } catch {
    return undefined;
  }
}

async function startDebugProvider(binary: string, cwd: string, env: NodeJS.ProcessEnv, timeoutSeconds: number): Promise<SharedProvider | { problem: string }> {
  const child = spawn(binary, ['-debug'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let exited: string | undefined;
  let output = '';
  const kill = () => {
    if (exited === undefined) child.kill('SIGTERM');
  };
  // A proof that ends abruptly must not leave a 700 MB process behind.
  process.once('exit', kill);
  const stop = () => {
    kill();
    process.removeListener('exit', kill);
  };
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
    stop();
    return { problem: exited ? `the provider in debug mode stopped (${exited}): ${excerpt(output, 5)}` : `the provider printed no TF_REATTACH_PROVIDERS within ${timeoutSeconds} s` };
  }
  // Its output is no longer read: keep the pipes drained.
  child.stdout.resume();
  child.stderr.resume();
  return {
    reattach,
    alive: () => exited === undefined,
    exitReason: () => exited ?? 'running',
    stop,
  };
}
