import { diffInputs } from '../../diff';
import { diffResultJson, formatDiffMarkdown, formatDiffText } from '../../diff/report';
import { UserError } from '../../util/errors';
import type { Io } from '../../util/io';

export interface DiffCommandOptions {
  readonly json?: boolean;
  readonly markdown?: boolean;
  readonly postDeployChecks?: boolean;
}

/** Prints the diff; returns whether it is safe to apply (nothing lost, replaced or destroyed). */
export async function runDiff(oldPath: string, newPath: string, options: DiffCommandOptions, io: Io): Promise<boolean> {
  if (options.json && options.markdown) throw new UserError('--json and --markdown exclude each other: pick one output');
  const result = await diffInputs(oldPath, newPath, { postDeployChecks: options.postDeployChecks }, io);
  if (options.json) io.out(JSON.stringify(diffResultJson(result), null, 2));
  else if (options.markdown) io.out(formatDiffMarkdown(result).trimEnd());
  else io.out(formatDiffText(result));
  return result.blocking.length === 0;
}
