import { UserError } from '../errors';
import type { Io } from '../io';

export async function runDiagram(_options: { blueprint: string; out?: string; force?: boolean }, _io: Io): Promise<void> {
  throw new UserError('diagram is being built');
}
