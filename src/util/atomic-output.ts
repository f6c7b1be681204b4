/**
 * Writing a whole output folder atomically: everything is built in a staging
 * folder beside the target and swapped in by rename only when complete, so a
 * failure or Ctrl-C never leaves a half-written folder, and an existing folder is
 * replaced only when the user said --force.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../util/errors';

export interface StagedOutput {
  /** Where to write. */
  readonly staging: string;
  /** Swaps the staging folder in place of the target. */
  commit(): void;
  /** Removes the staging folder; the target is untouched. */
  abort(): void;
}

export interface StageOptions {
  readonly force?: boolean;
  /** Entries of an existing target carried over into the new one (Terraform state must survive a regeneration). */
  readonly keep?: readonly string[];
}

export function isNonEmptyDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length > 0;
}

/** True when `inner` is `outer` or lies somewhere inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function stageOutput(target: string, options: StageOptions = {}): StagedOutput {
  if (existsSync(target) && !statSync(target).isDirectory()) throw new UserError(`${target} exists and is not a folder`);
  if (isWithin(process.cwd(), target)) {
    throw new UserError(`${target} is the current folder or one of its parents; the output folder is replaced as a whole, so give it a folder of its own`);
  }
  if (isNonEmptyDirectory(target) && !options.force) {
    throw new UserError(`${target} exists and is not empty; nothing was written (use --force to replace it)`);
  }
  const parent = path.dirname(path.resolve(target));
  mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(target)}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  let done = false;
  return {
    staging,
    commit() {
      if (done) return;
      if (!existsSync(target)) {
        renameSync(staging, target);
        done = true;
        return;
      }
      // The target is moved aside first, so every later step can be undone: a failure
      // leaves the old folder, its state included, exactly where it was.
      const old = path.join(parent, `.${path.basename(target)}.previous-${process.pid}`);
      renameSync(target, old);
      const carried: string[] = [];
      try {
        for (const entry of options.keep ?? []) {
          if (!existsSync(path.join(old, entry))) continue;
          rmSync(path.join(staging, entry), { recursive: true, force: true });
          renameSync(path.join(old, entry), path.join(staging, entry));
          carried.push(entry);
        }
        renameSync(staging, target);
      } catch (err) {
        for (const entry of carried) renameSync(path.join(staging, entry), path.join(old, entry));
        renameSync(old, target);
        throw err;
      }
      done = true;
      rmSync(old, { recursive: true, force: true });
    },
    abort() {
      if (done) return;
      done = true;
      rmSync(staging, { recursive: true, force: true });
    },
  };
}
