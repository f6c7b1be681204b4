/**
 * generated/ is the committed synthesis of the reference blueprint (stacks,
 * manifest, intent, hand-off README and diagram): the hand-off a reviewer reads
 * in the repository. This fails when it is stale; `npm run generate` refreshes it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { memoryIo } from '../../src/util/io';

const ROOT = path.join(__dirname, '..', '..');
const GOLDEN = path.join(ROOT, 'generated');
/** Left in generated/ by running Terraform there; not synthesized output. */
const NOT_OUTPUT = /(^|\/)(state|\.terraform)(\/|$)|\.terraform\.lock\.hcl$|\.tfstate/;

function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const full = path.join(at, entry);
      const relative = path.relative(dir, full);
      if (NOT_OUTPUT.test(relative)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else files[relative] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('generated/ (golden output of the reference blueprint)', () => {
  it('is what synth writes today (run `npm run generate` when this fails)', async () => {
    expect(existsSync(GOLDEN)).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-golden-'));
    try {
      const out = path.join(dir, 'generated');
      expect(await main(['synth', '-b', path.join(ROOT, 'templates', 'reference.blueprint.json'), '-o', out], memoryIo())).toBe(0);
      const fresh = filesOf(out);
      const committed = filesOf(GOLDEN);
      expect(Object.keys(committed).sort()).toEqual(Object.keys(fresh).sort());
      for (const file of Object.keys(fresh)) {
        if (committed[file] !== fresh[file]) throw new Error(`generated/${file} is stale: run \`npm run generate\` and commit the result`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
