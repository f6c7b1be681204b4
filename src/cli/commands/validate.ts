import { formatPlanSummary } from '../../blueprint/summary';
import { RULES } from '../../blueprint/rules';
import { loadCheckedBlueprint } from '../../blueprint/checked';
import type { Io } from '../../util/io';

export function runValidate(options: { blueprint: string; rules?: boolean }, io: Io): void {
  if (options.rules) {
    const width = Math.max(...RULES.map((r) => r.id.length));
    for (const rule of RULES) io.out(`${rule.id.padEnd(width)}  ${rule.description}`);
    return;
  }
  const checked = loadCheckedBlueprint(options.blueprint, io);
  io.out(`${checked.source.file} is valid.`);
  io.out(formatPlanSummary(checked.model));
}
