/**
 * What must be undone when the process is stopped before it finishes: staging
 * folders, temporary files, locks. Whoever creates one registers its cleanup
 * here; the command line (cli/process.ts) runs every registered cleanup when
 * SIGINT, SIGTERM or SIGHUP arrives and when the process exits, and the library
 * alone never installs signal handlers.
 *
 * Cleanups are synchronous and must not throw. JavaScript runs a signal handler
 * only between two pieces of synchronous code, so a cleanup never races the
 * work it undoes (a commit's renames, in particular, are never interrupted by
 * one: only SIGKILL can stop them, which is what recovery at the next run is for).
 */
type Cleanup = () => void;

const cleanups = new Map<number, Cleanup>();
let nextId = 0;

/** Registers `cleanup`; call the returned function once the work is done and there is nothing left to undo. */
export function onInterrupt(cleanup: Cleanup): () => void {
  const id = nextId++;
  cleanups.set(id, cleanup);
  return () => void cleanups.delete(id);
}

/** Runs every registered cleanup, the most recent first, each at most once. */
export function runInterruptCleanups(): void {
  for (const [id, cleanup] of [...cleanups].reverse()) {
    cleanups.delete(id);
    try {
      cleanup();
    } catch {
      // Best effort: what one cleanup cannot undo, recovery at the next run does.
    }
  }
}

/**
 * Gives a pending signal its chance to be handled. Synthesis is synchronous for
 * seconds at a time; awaiting this between its phases keeps Ctrl-C prompt.
 */
export function yieldToSignals(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
