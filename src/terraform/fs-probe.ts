/**
 * Looking at paths that may not exist or may not be readable (a PATH entry, a
 * candidate mirror folder): the answer is "no", never an exception.
 */
import { readdirSync, statSync } from 'node:fs';

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The names in `dir`; none when it cannot be read. */
export function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
