/** A proof as people read it: one row of step timings per stack, a summary line, then each failure in full. */
import type { ProofResult } from './proof-result';

export function formatProofTable(result: ProofResult): string {
  const rows = result.stacks.map((s) => [
    s.stack,
    s.ok ? 'ok' : `FAILED at ${s.failedStep}`,
    fmt(s.steps.init),
    fmt(s.steps.validate),
    fmt(s.steps.test),
    fmt(s.seconds),
  ]);
  const header = ['stack', 'result', 'init s', 'validate s', 'test s', 'total s'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const passed = result.stacks.filter((s) => s.ok).length;
  out.push(
    '',
    `${passed} of ${result.stacks.length} stacks proved in ${result.seconds.toFixed(1)} s (Terraform ${result.terraformVersion ?? '?'}, ` +
      `${result.mirror ? `provider from mirror ${result.mirror.path}` : 'provider from the registry'}, provider process ${result.provider}, concurrency ${result.concurrency})`,
  );
  for (const s of result.stacks.filter((x) => !x.ok)) out.push('', `${s.stack}: ${s.failedStep} failed`, indent(s.stderr));
  return out.join('\n');
}

function fmt(seconds: number | undefined): string {
  return seconds === undefined ? '-' : seconds.toFixed(1);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
