/**
 * A script run by a fresh node on the build, for what jest's own module registry hides
 * (its require.cache is not node's): the script prints one JSON value, returned parsed.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/** The built library (`npm run build`). */
export const DIST = path.join(__dirname, '..', '..', 'dist');

export function inNode(script: string): unknown {
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: path.join(DIST, '..') }));
}
