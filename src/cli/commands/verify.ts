import { UserError } from '../errors';
import type { Io } from '../io';

export function runVerify(_dir: string, _options: { json?: boolean }, _io: Io): boolean {
  throw new UserError('verify is being built');
}
