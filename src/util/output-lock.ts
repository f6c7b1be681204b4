/**
 * One writer per output folder, for the whole run: a lock file beside the folder
 * (`.<name>.lock`; inside it, it would be swapped away with the folder), created
 * with its content in one step (a link from a complete temporary file), so a
 * lock is never half-written. A lock whose process is gone (same host, no such
 * PID) is taken over; any other is respected.
 */
import { hostname } from 'node:os';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { UserError } from './errors';

interface LockContent {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

export interface OutputLock {
  readonly file: string;
  /** Still ours: nobody removed or took it meanwhile. */
  held(): boolean;
  /** Removes the lock if it is still ours; idempotent. */
  release(): void;
}

/** Whether a process with this PID exists on this machine (EPERM: it does, but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock `file` for this process. `what` names the folder in messages.
 * Returns the lock and what was done on the way (a stale lock taken over).
 */
export function acquireLock(file: string, what: string): { lock: OutputLock; notices: string[] } {
  const content = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() } satisfies LockContent);
  const notices: string[] = [];
  const temp = `${file}-${process.pid}.tmp`;
  writeFileSync(temp, content);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(temp, file);
        return { lock: lockOf(file, content), notices };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const existing = readLock(file);
      if (existing === undefined) continue; // released meanwhile: try again
      const owner = parse(existing);
      if (owner && (owner.host !== hostname() || isProcessAlive(owner.pid))) {
        throw new UserError(
          `${what} is being written by another gwlb-blueprint (pid ${owner.pid} on ${owner.host}, since ${owner.started}); nothing was written. ` +
            `Wait for it to finish; if no such process exists, remove ${file}`,
        );
      }
      if (takeOver(file, existing)) notices.push(`took over the lock of ${owner ? `pid ${owner.pid}, which has ended` : 'a run that left it unreadable'} (${file})`);
    }
    throw new UserError(`${what}: cannot take the lock ${file}, other runs keep taking it; nothing was written`);
  } finally {
    rmSync(temp, { force: true });
  }
}

function lockOf(file: string, content: string): OutputLock {
  let released = false;
  const held = () => !released && readLock(file) === content;
  return {
    file,
    held,
    release() {
      if (released) return;
      if (held()) rmSync(file, { force: true });
      released = true;
    },
  };
}

/**
 * Moves the stale lock out of the way, as one rename, so that two runs taking
 * over at once cannot both succeed; if what was moved is not the stale lock
 * that was read (another run took it over first), it is put back.
 */
function takeOver(file: string, stale: string): boolean {
  const moved = `${file}-stale-${process.pid}`;
  try {
    renameSync(file, moved);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  try {
    if (readLock(moved) === stale) return true;
    try {
      linkSync(moved, file);
    } catch {
      // A third run holds it now; the one whose lock this was finds it gone and stops before committing.
    }
    return false;
  } finally {
    rmSync(moved, { force: true });
  }
}

function readLock(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parse(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text) as LockContent;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
