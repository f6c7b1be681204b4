/**
 * Writing one file atomically: the content goes to a temporary file beside the
 * target and is moved into place only when complete, so an interrupted write
 * never leaves half a file. Without `force` an existing file is never replaced,
 * even one that appears while writing (a hard link fails if the name exists).
 */
import { linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../util/errors';

export function refuseExisting(file: string): never {
  throw new UserError(`${file} exists; nothing was written (use --force to replace it)`);
}

export function writeFileAtomic(file: string, content: string, options: { readonly force?: boolean } = {}): void {
  const dir = path.dirname(path.resolve(file));
  mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}`);
  writeFileSync(temp, content);
  try {
    if (options.force) {
      renameSync(temp, file);
      return;
    }
    try {
      linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') refuseExisting(file);
      throw err;
    }
  } finally {
    rmSync(temp, { force: true });
  }
}
