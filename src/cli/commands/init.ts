import { UserError } from '../errors';
import type { Io } from '../io';

export async function runInit(_dir: string, _options: { from?: string; yes?: boolean; force?: boolean }, _io: Io): Promise<void> {
  throw new UserError('init is being built');
}
