/** Every file under a folder, by relative path (`/`-separated), with its text: what two folders are compared by. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export function filesUnder(folder: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(folder).sort()) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) Object.assign(out, filesUnder(full, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(full, 'utf8');
  }
  return out;
}
