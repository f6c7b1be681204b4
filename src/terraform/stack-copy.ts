/**
 * The scratch copy each stack is proved in. The proof writes a test file and
 * `terraform init` writes `.terraform/` and a lock file: none of that may land in
 * the user's output, and nothing a previous init or run left there may decide
 * this proof.
 */
import { copyFileSync, cpSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROOF_TEST_FILE, renderProofTest } from './mock-test';
import type { StackTerraform } from './synthesis';

/**
 * Copies `from` to `to` with the stack's proof test beside it, and `lockFile`
 * (another stack's, to reuse its provider installation) when given. Returns
 * the test's problems: references the proof cannot satisfy.
 */
export function writeStackCopy(from: string, to: string, stack: StackTerraform, all: ReadonlyMap<string, StackTerraform>, lockFile?: string): readonly string[] {
  copyStack(from, to);
  const test = renderProofTest(stack, all);
  writeFileSync(path.join(to, PROOF_TEST_FILE), test.content);
  if (lockFile) copyFileSync(lockFile, path.join(to, '.terraform.lock.hcl'));
  return test.problems;
}

/** Copies a stack folder without anything a previous init or run left there. */
function copyStack(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, {
    recursive: true,
    filter: (src) => {
      const base = path.basename(src);
      return !(base === '.terraform' || base === '.terraform.lock.hcl' || base.endsWith('.tftest.hcl') || /^terraform\.tfstate/.test(base));
    },
  });
}
