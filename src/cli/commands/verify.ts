import { verifyFolder } from '../../verify';
import { formatVerifyReport, verifyResultJson } from '../../verify/report';
import type { Io } from '../../util/io';

/** Prints the verdict; returns whether everything passed. */
export async function runVerify(dir: string, options: { json?: boolean }, io: Io): Promise<boolean> {
  const result = await verifyFolder(dir);
  io.out(options.json ? JSON.stringify(verifyResultJson(result), null, 2) : formatVerifyReport(result));
  return result.ok;
}
