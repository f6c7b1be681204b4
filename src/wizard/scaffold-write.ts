/**
 * Writing the scaffold: every file is first written to a staging folder on the
 * same file system, then renamed into place, so an interrupted `init` leaves
 * nothing half-written. Only the scaffold's own files are ever written; nothing
 * else in the folder is touched (local Terraform state in `cdktf.out/state`
 * above all).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../util/errors';
import { isProcessAlive } from '../util/output-lock';
import { realPathOf } from '../util/real-path';
import type { ScaffoldFile } from './scaffold';

/** Refuses a target that is a file, or a non-empty folder without --force. */
export function checkTarget(dir: string, force: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new UserError(`${dir} exists and is not a folder; nothing was written`);
  if (!force && readdirSync(dir).length > 0) {
    const edit = existsSync(path.join(dir, 'blueprint.json')) ? `; to change its network, run init ${dir} --from ${path.join(dir, 'blueprint.json')} --force` : '';
    throw new UserError(`${dir} exists and is not empty; nothing was written (--force writes the project files into it and leaves other files alone${edit})`);
  }
}

export interface WriteResult {
  readonly written: readonly string[];
  /** Files that existed and were replaced (only with --force). */
  readonly replaced: readonly string[];
}

/** Writes the files into `dir` all together, or not at all. */
export function writeProject(dir: string, files: readonly ScaffoldFile[], options: { force?: boolean } = {}): WriteResult {
  checkTarget(dir, options.force ?? false);
  // The folder a link points to, not the link: every write below lands inside it.
  const target = realPathOf(dir);
  removeStaleStaging(target);
  const fresh = !existsSync(target);
  // A new folder is staged beside it and renamed into place in one step; files for an
  // existing folder are staged inside it (same file system) and renamed one by one.
  if (fresh) mkdirSync(path.dirname(target), { recursive: true });
  const staging = fresh ? path.join(path.dirname(target), `.${path.basename(target)}.init-${process.pid}`) : path.join(target, `.gwlb-blueprint-init-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging);
    for (const file of files) {
      const at = path.join(staging, file.path);
      mkdirSync(path.dirname(at), { recursive: true });
      writeFileSync(at, file.content);
    }
    const replaced = fresh ? [] : files.filter((f) => existsSync(path.join(target, f.path))).map((f) => f.path);
    if (fresh) {
      renameSync(staging, target);
    } else {
      for (const file of files) {
        // A file in a subfolder (vendor/) may be the first one there.
        mkdirSync(path.dirname(path.join(target, file.path)), { recursive: true });
        renameSync(path.join(staging, file.path), path.join(target, file.path));
      }
      rmSync(staging, { recursive: true, force: true });
    }
    return { written: files.map((f) => f.path), replaced };
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Staging folders of an init that was killed (its PID is gone): beside a new folder, or inside an existing one. */
function removeStaleStaging(target: string): void {
  const name = path.basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const places: [string, RegExp][] = [
    [path.dirname(target), new RegExp(`^\\.${name}\\.init-(\\d+)$`)],
    [target, /^\.gwlb-blueprint-init-(\d+)$/],
  ];
  for (const [dir, pattern] of places) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const entry of readdirSync(dir)) {
      const pid = Number(pattern.exec(entry)?.[1]);
      if (pid && !isProcessAlive(pid)) rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}

/**
 * Generator tarballs in `dir`'s vendor/ that the written files no longer use (an
 * older version's, after init of a newer one): left in place, as everything not
 * written is, but worth telling the user about.
 */
export function unusedTarballs(dir: string, files: readonly ScaffoldFile[], vendorDir: string): string[] {
  const folder = path.join(dir, vendorDir);
  if (!existsSync(folder)) return [];
  const used = new Set(files.map((f) => f.path));
  return readdirSync(folder)
    .filter((name) => /^gwlb-blueprint-.*\.tgz$/.test(name))
    .map((name) => `${vendorDir}/${name}`)
    .filter((file) => !used.has(file))
    .sort();
}
