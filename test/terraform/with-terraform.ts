/**
 * Tests that need Terraform on the PATH. With CI=true a missing terraform fails
 * the run (CI must prove the stacks); elsewhere the tests are skipped with one line.
 */
import { findOnPath } from '../../src/terraform/command';

export function withTerraform(file: string, what: string, body: (terraform: string) => void): void {
  const terraform = findOnPath('terraform');
  if (terraform) {
    body(terraform);
    return;
  }
  if (process.env.CI === 'true' || process.env.CI === '1') {
    test('terraform is on the PATH', () => {
      throw new Error(`terraform is required in CI (CI=true): ${what} cannot be checked without it`);
    });
  } else {
    process.stderr.write(`SKIPPED ${file}: terraform is not on the PATH, so ${what} is not checked (with CI=true this fails)\n`);
    test.skip(`${what} (terraform not on PATH)`, () => undefined);
  }
}
