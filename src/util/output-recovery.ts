/**
 * What a run that was killed leaves beside an output folder, and putting it
 * right at the next run (under the lock, so no live run's folders are touched):
 *
 * - `.<name>.staging-<pid>` of a process that is gone: an unfinished synthesis
 *   (its state/ only ever a copy): deleted.
 * - `.<name>.previous-<pid>` with no target: the run died between moving the
 *   old folder aside and moving the new one in: put back as the target.
 * - `.<name>.previous-<pid>` beside a target: the run died after the swap:
 *   deleted once every file of its kept entries (state/) is proved to be in the
 *   target with the same content; otherwise kept, and the user told.
 * - `.<name>.lock-<pid>.tmp` and `.<name>.lock-stale-<pid>`: leftovers of taking the lock.
 *
 * Only entries of exactly these names are touched, and only real folders or files, never links.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from './errors';
import { isProcessAlive } from './output-lock';

export interface OutputNames {
  readonly parent: string;
  readonly name: string;
  readonly lock: string;
  staging(pid: number): string;
  previous(pid: number): string;
}

export function outputNames(parent: string, name: string): OutputNames {
  return {
    parent,
    name,
    lock: path.join(parent, `.${name}.lock`),
    staging: (pid) => path.join(parent, `.${name}.staging-${pid}`),
    previous: (pid) => path.join(parent, `.${name}.previous-${pid}`),
  };
}

interface Leftover {
  readonly kind: 'staging' | 'previous' | 'lock-temp';
  readonly pid: number;
  readonly path: string;
}

function leftoversOf(names: OutputNames): Leftover[] {
  const escaped = names.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${escaped}\\.(?:(staging|previous)-(\\d+)|lock-(?:stale-)?(\\d+)(?:\\.tmp)?)$`);
  const found: Leftover[] = [];
  for (const entry of readdirSync(names.parent)) {
    const match = pattern.exec(entry);
    if (!match) continue;
    const pid = Number(match[2] ?? match[3]);
    // A live process's folders are its own (ours included: we have not staged yet).
    if (pid !== process.pid && isProcessAlive(pid)) continue;
    found.push({ kind: (match[1] as 'staging' | 'previous' | undefined) ?? 'lock-temp', pid, path: path.join(names.parent, entry) });
  }
  return found;
}

/** Repairs what killed runs left; returns what it did, for the user. */
export function recoverOutput(names: OutputNames, dir: string, keep: readonly string[]): string[] {
  const notices: string[] = [];
  const leftovers = leftoversOf(names);
  const previous = leftovers.filter((l) => l.kind === 'previous' && isOwnFolder(l.path));
  if (!existsSync(dir) && previous.length > 1) {
    throw new UserError(`${dir} is missing and several interrupted runs left a previous copy of it (${previous.map((p) => p.path).join(', ')}); move the right one back to ${dir} by hand`);
  }
  for (const p of previous) {
    if (!existsSync(dir)) {
      renameSync(p.path, dir);
      notices.push(`put back ${dir} (with its state), which a run (pid ${p.pid}) was killed while replacing`);
    } else if (keep.every((entry) => holdsSame(path.join(p.path, entry), path.join(dir, entry)))) {
      rmSync(p.path, { recursive: true, force: true });
      notices.push(`removed ${p.path}, which a run (pid ${p.pid}) killed after its commit left behind; its ${keep.join(', ')} is in ${dir}`);
    } else {
      notices.push(`kept ${p.path}, left by a run (pid ${p.pid}) that was killed: its ${keep.join(', ')} differs from ${dir}'s; compare them before removing it`);
    }
  }
  for (const l of leftovers) {
    if (l.kind === 'staging' && isOwnFolder(l.path)) {
      rmSync(l.path, { recursive: true, force: true });
      notices.push(`removed ${l.path}, the unfinished output of a run (pid ${l.pid}) that was stopped`);
    } else if (l.kind === 'lock-temp' && lstatSync(l.path).isFile()) {
      rmSync(l.path, { force: true });
    }
  }
  return notices;
}

/** `dir` is a real folder, not a link to one. */
export function isOwnFolder(dir: string): boolean {
  try {
    const stat = lstatSync(dir);
    return stat.isDirectory() && !stat.isSymbolicLink();
  } catch {
    return false;
  }
}

/** Every file under `from` is in `to` with the same content (links: the same target). Vacuously true if `from` is gone. */
export function holdsSame(from: string, to: string): boolean {
  let stat;
  try {
    stat = lstatSync(from);
  } catch {
    return true;
  }
  try {
    if (stat.isSymbolicLink()) return lstatSync(to).isSymbolicLink() && readlinkSync(from) === readlinkSync(to);
    if (stat.isDirectory()) return readdirSync(from).every((entry) => holdsSame(path.join(from, entry), path.join(to, entry)));
    return lstatSync(to).isFile() && readFileSync(from).equals(readFileSync(to));
  } catch {
    return false;
  }
}

/**
 * Copies `from` to `to` (files, folders, links as links), each file flushed to
 * disk, calling `each` after every file; with `verifyOnly`, only checks that `to`
 * holds the same and throws if not.
 */
export function copyVerified(from: string, to: string, each: () => void, verifyOnly: boolean): void {
  if (verifyOnly) {
    if (!holdsSame(from, to)) throw new UserError(`the copy of ${from} in the new output differs from it (was it written to meanwhile?); nothing was replaced`);
    return;
  }
  const stat = lstatSync(from);
  if (stat.isSymbolicLink()) {
    symlinkSync(readlinkSync(from), to);
  } else if (stat.isDirectory()) {
    mkdirSync(to);
    for (const entry of readdirSync(from)) copyVerified(path.join(from, entry), path.join(to, entry), each, false);
    syncFolder(to);
  } else {
    copyFileSync(from, to);
    syncFile(to);
    each();
  }
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename into it, a new file) to disk; where a folder cannot be opened for that, nothing is lost but the flush. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the renames are atomic all the same.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
