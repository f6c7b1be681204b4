/**
 * File system errors that are the environment's, not the tool's: a read-only or
 * full disk, a folder without permission, a name too long. They end a command
 * with exit 1 and one line naming the operation and the path, never a trace.
 */
import { UserError } from './errors';

export type ErrnoError = NodeJS.ErrnoException & { code: string; dest?: string };

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  ENAMETOOLONG: 'the name is too long',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'is a folder',
  EEXIST: 'already exists',
  ENOENT: 'no such file or folder',
  ENOTEMPTY: 'the folder is not empty',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EXDEV: 'not on the same file system',
  EBUSY: 'in use',
};

/** Codes that always mean the environment (ENOENT and the like may be a defect, outside the output folder). */
const ENVIRONMENT_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EFBIG', 'ENAMETOOLONG', 'EIO', 'EMFILE', 'ENFILE']);

const VERBS: Readonly<Record<string, string>> = {
  mkdir: 'create',
  open: 'open',
  write: 'write',
  read: 'read',
  rename: 'move',
  unlink: 'remove',
  rmdir: 'remove',
  rm: 'remove',
  copyfile: 'copy',
  link: 'create',
  symlink: 'create',
  lstat: 'look at',
  stat: 'look at',
  realpath: 'resolve',
  scandir: 'list',
  fsync: 'save',
};

/** By shape, not class: errors of Node's own modules may come from another realm (a vm context, jest). */
export function isErrnoError(err: unknown): err is ErrnoError {
  return typeof err === 'object' && err !== null && typeof (err as NodeJS.ErrnoException).code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

export function isEnvironmentError(err: unknown): err is ErrnoError {
  return isErrnoError(err) && ENVIRONMENT_CODES.has(err.code);
}

/** `cannot create /ro/.out.staging-12: read-only file system (EROFS)` */
export function describeFsError(err: ErrnoError): string {
  const verb = VERBS[err.syscall ?? ''] ?? err.syscall ?? 'use';
  const where = err.path ? ` ${err.path}${err.dest ? ` to ${err.dest}` : ''}` : '';
  return `cannot ${verb}${where}: ${fsErrorReason(err)}`;
}

/** `no space left on the device (ENOSPC)` */
export function fsErrorReason(err: ErrnoError): string {
  return `${REASONS[err.code] ?? err.message} (${err.code})`;
}

/**
 * What a failed write to the user's output (a folder, a file) becomes: any
 * file system error there is the environment's or the path's, never a defect.
 */
export function outputWriteError(err: unknown): unknown {
  if (err instanceof UserError || !isErrnoError(err)) return err;
  return new UserError(`${describeFsError(err)}; nothing was written`);
}
