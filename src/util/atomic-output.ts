/**
 * Writing a whole output folder atomically: everything is built in a staging
 * folder beside the target and swapped in by rename only when complete, so a
 * failure or Ctrl-C never leaves a half-written folder, and an existing folder is
 * replaced only when the user said --force.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../cli/errors';

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

export function stageOutput(target: string, options: StageOptions = {}): StagedOutput {
  if (existsSync(target) && !statSync(target).isDirectory()) throw new UserError(`${target} exists and is not a folder`);
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
      done = true;
      const old = path.join(parent, `.${path.basename(target)}.previous-${process.pid}`);
      if (existsSync(target)) {
        for (const entry of options.keep ?? []) {
          const from = path.join(target, entry);
          if (existsSync(from)) {
            rmSync(path.join(staging, entry), { recursive: true, force: true });
            renameSync(from, path.join(staging, entry));
          }
        }
        renameSync(target, old);
      }
      renameSync(staging, target);
      rmSync(old, { recursive: true, force: true });
    },
    abort() {
      if (done) return;
      done = true;
      rmSync(staging, { recursive: true, force: true });
    },
  };
}
