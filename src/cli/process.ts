/**
 * The command line as a process (bin/gwlb-blueprint.js): how it ends when
 * something outside the command stops it. Each way ends with one line on
 * stderr and an exit code, never a stack trace, after every unfinished write
 * has been undone (util/interrupts.ts):
 *
 *   SIGINT 130, SIGTERM 143          interrupted; 128 + the signal, as shells report it
 *   SIGHUP, or EIO on the terminal   the terminal closed: exit 1
 *   stdout to a full or broken file  exit 1 (a closed pipe, `| head`, is no error)
 *   an exception outside a command   exit 2, an internal error (--debug: the trace)
 */
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { runInterruptCleanups } from '../util/interrupts';
import { fsErrorReason, isErrnoError } from '../util/fs-errors';

const SIGNALS = [
  ['SIGINT', 130, 'interrupted (SIGINT)'],
  ['SIGTERM', 143, 'terminated (SIGTERM)'],
] as const;

export function runFromCommandLine(argv: readonly string[]): void {
  // synth's proof thread starts loading before this process loads the command line (~25 ms earlier).
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (argv[0] === 'synth') (require('../synth/proof-thread') as typeof import('../synth/proof-thread')).ProofThread.prestart();
  const { main } = require('./main') as typeof import('./main');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const debug = argv.includes('--debug');
  process.on('exit', runInterruptCleanups);
  for (const [signal, code, what] of SIGNALS) process.on(signal, () => stop(code, `error: ${what}; every unfinished write was undone`));
  process.on('SIGHUP', () => stop(1, 'error: the terminal closed (SIGHUP); every unfinished write was undone', { terminalGone: true }));
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // `gwlb-blueprint ... | head` closes the pipe early: that is not an error.
    if (err.code === 'EPIPE') stop(Number(process.exitCode ?? 0));
    else if (err.code === 'EIO') stop(1, 'error: the terminal closed; every unfinished write was undone', { terminalGone: true });
    else stop(1, `error: cannot write to standard output: ${isErrnoError(err) ? fsErrorReason(err) : err.message}`);
  });
  // Nothing can be said about a stderr that fails; the exit code says it.
  process.stderr.on('error', (err: NodeJS.ErrnoException) => stop(1, undefined, { terminalGone: err.code === 'EIO' }));
  const crash = (err: unknown) => {
    if (isTerminalGone(err)) stop(1, 'error: the terminal closed; every unfinished write was undone', { terminalGone: true });
    const message = err instanceof Error ? err.message : String(err);
    stop(2, debug && err instanceof Error && err.stack ? `internal error: ${err.stack}` : `internal error: ${message.split('\n')[0]}\nThis is a defect in gwlb-blueprint; rerun with --debug for the stack trace and report it.`);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  main(argv).then((code) => {
    process.exitCode = code;
  }, crash);
}

/** A read or a terminal mode change on a terminal that has gone away (the wizard's prompts see this). */
function isTerminalGone(err: unknown): boolean {
  return isErrnoError(err) && err.code === 'EIO' && ['read', 'setRawMode', 'write'].includes(err.syscall ?? '');
}

function stop(code: number, line?: string, options: { terminalGone?: boolean } = {}): never {
  runInterruptCleanups();
  if (line) {
    try {
      writeSync(2, `${line}\n`);
    } catch {
      // stderr is gone too.
    }
  }
  if (options.terminalGone) detachDeadTerminal();
  process.exit(code);
}

/**
 * At exit Node restores the terminal settings it found at start, and aborts
 * (SIGABRT, with a native stack trace) when the terminal no longer exists.
 * It skips a descriptor that now refers to another file, so every standard
 * descriptor that was a terminal is pointed at /dev/null first.
 */
function detachDeadTerminal(): void {
  for (const fd of [0, 1, 2]) {
    try {
      if (!fstatSync(fd).isCharacterDevice()) continue;
      closeSync(fd);
      // The lowest free descriptor is the one just closed.
      openSync('/dev/null', 'r+');
    } catch {
      // Already closed: nothing to restore there.
    }
  }
}
