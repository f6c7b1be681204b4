/**
 * Writing a whole output folder so that nothing is ever lost: Terraform state in
 * `<out>/state` is the only record of deployed infrastructure.
 *
 * A run claims the folder (its real path: links resolved before every guard),
 * takes a lock beside it for the whole run (output-lock.ts), repairs what an
 * earlier run killed mid-commit left behind (output-recovery.ts), and builds the
 * new content in a staging folder beside the target. The commit then, in steps
 * that a crash may interrupt anywhere:
 *
 *   copy-kept        copies the entries to keep (state/) into staging, to disk
 *   verify-kept      compares each copy with its original
 *   move-aside       renames the target to `.<name>.previous-<pid>`
 *   swap-in          renames staging to the target
 *   remove-previous  deletes the previous folder (in release(), so that a run
 *                    reports before it spends time deleting what it replaced)
 *
 * Until swap-in the originals stay where they were; after it a verified copy is
 * in the new folder. A crash before move-aside leaves the old folder; between
 * move-aside and swap-in the next run puts the previous folder back; after
 * swap-in it deletes the previous folder once its state is proved identical to
 * the new folder's. Nothing outside the target, its staging and previous
 * folders and its lock is ever moved or deleted.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from './errors';
import { describeFsError, isErrnoError } from './fs-errors';
import { onInterrupt } from './interrupts';
import { acquireLock, type OutputLock } from './output-lock';
import { copyVerified, outputNames, recoverOutput, syncFolder } from './output-recovery';
import { fileIsWithin, isWithin, realPathOf } from './real-path';

export { isWithin } from './real-path';

export const COMMIT_STEPS = ['copy-kept', 'verify-kept', 'move-aside', 'swap-in', 'remove-previous'] as const;
export type CommitStep = (typeof COMMIT_STEPS)[number];

export interface OutputOptions {
  /** Replace a non-empty folder. */
  readonly force?: boolean;
  /** Entries of an existing target carried over into the new one (Terraform state must survive a regeneration). */
  readonly keep?: readonly string[];
  /** Paths (a blueprint) that must not lie inside the folder, which is replaced as a whole. */
  readonly outside?: readonly { readonly path: string; readonly what: string }[];
  /** Told what was repaired or taken over on the way, as it happens (also when the claim is then refused). */
  readonly onNotice?: (notice: string) => void;
  /** Called before each commit step, and after each file copied in copy-kept: where tests inject a crash. */
  readonly onStep?: (step: CommitStep) => void;
}

export interface ClaimedOutput {
  /** The target's real path. */
  readonly dir: string;
  /** What was repaired or taken over on the way, for the user to read. */
  readonly notices: readonly string[];
  /** Creates the staging folder and returns its path. */
  stage(): string;
  /** Swaps the staging folder in (see above). */
  commit(): void;
  /** Deletes the folder a commit replaced, or an uncommitted staging folder, then the lock; idempotent, and run on interrupts. */
  release(): void;
}

/** Room for `.<name>.previous-<pid>` within the 255 bytes a file name may have. */
const MAX_NAME_BYTES = 255 - '..previous-'.length - 10;

export function isNonEmptyDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length > 0;
}

export function claimOutput(target: string, options: OutputOptions = {}): ClaimedOutput {
  try {
    return claim(target, options);
  } catch (err) {
    throw asUserError(err, target);
  }
}

function claim(target: string, options: OutputOptions): ClaimedOutput {
  const dir = realPathOf(target);
  const parent = path.dirname(dir);
  const name = path.basename(dir);
  if (parent === dir) throw new UserError(`${target} is the root of the file system; give the output a folder of its own`);
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    throw new UserError(`${target}: the folder name is ${Buffer.byteLength(name)} bytes long; gwlb-blueprint keeps folders named after it beside it, so it may be at most ${MAX_NAME_BYTES}`);
  }
  if (isWithin(realPathOf(process.cwd()), dir)) {
    throw new UserError(`${target} is the current folder or one of its parents; the output folder is replaced as a whole, so give it a folder of its own`);
  }
  for (const { path: inner, what } of options.outside ?? []) {
    if (fileIsWithin(inner, dir)) {
      throw new UserError(`${what} ${inner} lies inside ${target}, which synth replaces as a whole; write the output elsewhere`);
    }
  }
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UserError(`${target} exists and is not a folder`);

  mkdirSync(parent, { recursive: true });
  const names = outputNames(parent, name);
  const { lock, notices: lockNotices } = acquireLock(names.lock, target);
  const notices: string[] = [];
  const notice = (text: string) => {
    notices.push(text);
    options.onNotice?.(text);
  };
  lockNotices.forEach(notice);
  let staging: string | undefined;
  let committed = false;
  let replaced: string | undefined;
  const unregister = onInterrupt(() => release());
  function release(): void {
    if (staging && !committed) rmSync(staging, { recursive: true, force: true });
    staging = undefined;
    if (replaced) {
      const previous = replaced;
      replaced = undefined;
      options.onStep?.('remove-previous');
      try {
        rmSync(previous, { recursive: true, force: true });
      } catch {
        // The new folder is in place; the next run deletes what is left of the old one (output-recovery.ts).
      }
    }
    lock.release();
    unregister();
  }
  try {
    recoverOutput(names, dir, options.keep ?? []).forEach(notice);
    if (isNonEmptyDirectory(dir) && !options.force) {
      throw new UserError(`${target} exists and is not empty; nothing was written (use --force to replace it)`);
    }
  } catch (err) {
    release();
    throw err;
  }

  return {
    dir,
    notices,
    stage() {
      if (staging) return staging;
      staging = names.staging(process.pid);
      rmSync(staging, { recursive: true, force: true });
      try {
        mkdirSync(staging);
      } catch (err) {
        throw asUserError(err, target);
      }
      return staging;
    },
    commit() {
      if (!staging) throw new Error('internal: commit() before stage()');
      if (committed) return;
      try {
        if (commitSteps(dir, staging, names.previous(process.pid), options, lock, target)) replaced = names.previous(process.pid);
      } catch (err) {
        throw asUserError(err, target);
      }
      committed = true;
    },
    release,
  };
}

/** The commit up to swap-in; true when a previous folder was moved aside (release() deletes it). */
function commitSteps(dir: string, staging: string, previous: string, options: OutputOptions, lock: OutputLock, target: string): boolean {
  const step = (name: CommitStep) => options.onStep?.(name);
  if (!lock.held()) throw new UserError(`the lock of ${target} was removed while this run held it; nothing was written`);
  const exists = existsSync(dir);
  const kept = exists ? (options.keep ?? []).filter((entry) => existsSync(path.join(dir, entry))) : [];
  step('copy-kept');
  for (const entry of kept) {
    rmSync(path.join(staging, entry), { recursive: true, force: true });
    copyVerified(path.join(dir, entry), path.join(staging, entry), () => step('copy-kept'), false);
  }
  syncFolder(staging);
  step('verify-kept');
  for (const entry of kept) copyVerified(path.join(dir, entry), path.join(staging, entry), () => undefined, true);
  if (exists) {
    step('move-aside');
    renameSync(dir, previous);
    syncFolder(path.dirname(dir));
  }
  step('swap-in');
  try {
    renameSync(staging, dir);
  } catch (err) {
    if (exists) {
      try {
        renameSync(previous, dir);
      } catch {
        throw new UserError(`${describeSwapError(err)}; the previous ${target} is at ${previous}, and the next synth puts it back`);
      }
    }
    throw err;
  }
  syncFolder(path.dirname(dir));
  return exists;
}

function describeSwapError(err: unknown): string {
  return isErrnoError(err) ? describeFsError(err) : String(err);
}

function asUserError(err: unknown, target: string): unknown {
  if (err instanceof UserError || !isErrnoError(err)) return err;
  return new UserError(`${describeFsError(err)}; nothing was written, and ${path.basename(target)} was left as it was`);
}
