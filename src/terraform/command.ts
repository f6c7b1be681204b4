/**
 * Running Terraform (and the provider) as child processes: never through a
 * shell, so a path or argument is never interpreted, and never unbounded, so a
 * hung command fails its step instead of the whole proof.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { isFile } from './fs-probe';

export interface CommandResult {
  /** -1 when it could not be started (see error); null when a signal ended it. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly timedOut: boolean;
  readonly error?: string;
}

/** What is kept of each stream: the end, where Terraform puts its diagnostics. */
const MAX_CAPTURE = 1 << 20;

/**
 * Runs a command without a shell; past `timeoutSeconds` it is asked to stop, then killed.
 * `maxCapture` characters of each stream are kept (the end): more for output that is read whole (`terraform show -json`).
 */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutSeconds: number, maxCapture = MAX_CAPTURE): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let error: string | undefined;
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (buffer: string, chunk: Buffer) => (buffer + chunk.toString('utf8')).slice(-maxCapture);
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

/** `terraform` (or `name`) on PATH, as an absolute path; undefined when missing. */
export function findOnPath(name = 'terraform', env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isFile(candidate)) return candidate;
    }
  }
  return undefined;
}
