/**
 * Paths as the file system sees them. Every guard on an output folder compares
 * real paths: as text, `alias/blueprint.json` is not inside `p` even when
 * `alias` is a link to `p`, and `-o link` would replace the link instead of the
 * folder it points to.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from './errors';

/**
 * The real path of `target`, which need not exist: the longest existing
 * ancestor is resolved (symbolic links and all) and the rest appended.
 * A symbolic link that leads nowhere is refused rather than replaced.
 */
export function realPathOf(target: string): string {
  const absolute = path.resolve(target);
  const rest: string[] = [];
  let at = absolute;
  for (;;) {
    try {
      return path.join(realpathSync.native(at), ...rest);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw err;
      if (isSymbolicLink(at)) throw new UserError(`${target}: ${at} is a symbolic link to ${safeReadLink(at)}, which does not exist; nothing was written`);
    }
    const parent = path.dirname(at);
    if (parent === at) return absolute;
    rest.unshift(path.basename(at));
    at = parent;
  }
}

/** True when `inner` is `outer` or lies somewhere inside it (both already real, or both as given). */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * True when the file `file` lies inside `folder`, by its real path or by the
 * real path of the folder that holds it (a link to a file elsewhere is still
 * deleted with the folder that holds the link).
 */
export function fileIsWithin(file: string, folder: string): boolean {
  const viaParent = path.join(realPathOf(path.dirname(file)), path.basename(file));
  return isWithin(viaParent, folder) || isWithin(realPathOf(file), folder);
}

function isSymbolicLink(at: string): boolean {
  try {
    return lstatSync(at).isSymbolicLink();
  } catch {
    return false;
  }
}

function safeReadLink(at: string): string {
  try {
    return readlinkSync(at);
  } catch {
    return 'a missing path';
  }
}
