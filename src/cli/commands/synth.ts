import { formatPlanSummary } from '../../blueprint/summary';
import { loadCheckedBlueprint } from '../blueprint-input';
import type { Io } from '../io';

export async function runSynth(options: { blueprint: string; out: string; hcl?: boolean; force?: boolean }, io: Io): Promise<void> {
  const checked = loadCheckedBlueprint(options.blueprint, io);
  io.out(formatPlanSummary(checked.model));
}
