/** Every blueprint the project ships (templates/ and examples/) loads and passes every rule. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import { formatProblem } from '../../src/blueprint/problems';
import { validateBlueprint } from '../../src/blueprint/validate';
import { ROOT } from '../helpers/blueprints';

const shipped = ['templates', 'examples'].flatMap((folder) =>
  readdirSync(path.join(ROOT, folder))
    .filter((f) => /\.blueprint\.(json|ya?ml)$/.test(f))
    .map((f) => path.join(folder, f)),
);

describe('shipped blueprints', () => {
  it('include the reference blueprint', () => {
    expect(shipped).toContain(path.join('templates', 'reference.blueprint.json'));
  });

  it('embed the canonical reference blueprint of BLUEPRINT.md unchanged (the wizard pre-fills it, npm start synthesizes it)', () => {
    // The sha-256 of examples/reference.blueprint.json as the spec ships it: a new optional field
    // belongs in the examples, never in the canonical input.
    const digest = createHash('sha256').update(readFileSync(path.join(ROOT, 'templates', 'reference.blueprint.json'))).digest('hex');
    expect(digest).toBe('14bf581b965f999807ced2d984ebd2886984713538c5e3cc0603f94f56f1fee7');
  });

  it.each(shipped)('%s is valid', (file) => {
    const source = readBlueprintFile(path.join(ROOT, file));
    const result = validateBlueprint(source.value);
    const errors = result.problems.filter((p) => p.severity === 'error').map((p) => formatProblem(p, file, source.locate(p.path)));
    expect(errors).toEqual([]);
    expect(result.model).toBeDefined();
  });
});
