import { existsSync } from 'node:fs';
import { UserError } from '../../util/errors';
import { verifyFolder } from '../../verify';
import { formatVerifyReport, verifyResultJson } from '../../verify/report';
import type { Io } from '../../util/io';

/** Where `verify` looks without a folder: a cdktf project's output first, then `synth`'s default. */
export const DEFAULT_VERIFY_DIRS = ['cdktf.out', 'generated'] as const;

/** Prints the verdict; returns whether everything passed. */
export async function runVerify(dir: string | undefined, options: { json?: boolean }, io: Io): Promise<boolean> {
  const folder = dir ?? DEFAULT_VERIFY_DIRS.find((d) => existsSync(d));
  if (folder === undefined) throw new UserError(`no folder given, and there is no ${DEFAULT_VERIFY_DIRS.join(' or ')} here: name the folder synth (or cdktf synth) wrote`);
  if (dir === undefined) io.err(`verify: reading ${folder} (no folder given)`);
  const result = await verifyFolder(folder);
  io.out(options.json ? JSON.stringify(verifyResultJson(result), null, 2) : formatVerifyReport(result));
  return result.ok;
}
