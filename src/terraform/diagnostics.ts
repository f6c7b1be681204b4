/**
 * What a person is shown of a failed command. Terraform's output for one
 * broken stack can run to thousands of lines (a failed apply repeats itself
 * while the test tears down, then lists every resource it "left in state"):
 * the proof's report keeps the part that says what is wrong, and bounds it.
 */
import type { ProofStep } from './proof-result';

/**
 * The diagnostics of a failed step, each once, without the list of resources
 * "left in state" (there is no real state: the provider is mocked), and for
 * `terraform test` which runs failed.
 */
export function failureText(step: ProofStep, stdout: string, stderr: string): string {
  const text = stderr.trim() || stdout.trim();
  const blocks: string[] = [];
  for (const block of text.replace(/\r/g, '').split(/\n\s*\n/)) {
    const trimmed = block.replace(/\s+$/, '');
    if (!trimmed.trim()) continue;
    if (/^\s*Terraform (left the following resources in state|encountered an error destroying resources)/.test(trimmed)) continue;
    if (/^(\s*- \S+\n?)+$/.test(trimmed)) continue;
    if (blocks.includes(trimmed)) continue;
    blocks.push(trimmed);
  }
  const body = blocks.join('\n\n');
  if (step !== 'test') return body;
  const runs = stdout
    .split('\n')
    .filter((l) => /\b(fail|error|skip)\b/i.test(l) && /run "|tftest\.hcl/.test(l))
    .map((l) => l.trim());
  return [runs.join('\n'), body].filter(Boolean).join('\n');
}

/** Blank runs squeezed, long lines cut, then at most `maxLines` lines and `maxChars` characters. */
export function excerpt(text: string, maxLines = 60, maxChars = 6000, maxLineChars = 300): string {
  const lines = text
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .map((l) => (l.length > maxLineChars ? `${l.slice(0, maxLineChars)}…` : l))
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
  let out = lines.slice(0, maxLines).join('\n');
  if (lines.length > maxLines) out += `\n… (${lines.length - maxLines} more lines)`;
  return out.length > maxChars ? `${out.slice(0, maxChars)}…` : out;
}
