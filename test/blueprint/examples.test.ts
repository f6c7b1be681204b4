/** Every blueprint the project ships (templates/ and examples/) loads and passes every rule. */
import { readdirSync } from 'node:fs';
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

  it.each(shipped)('%s is valid', (file) => {
    const source = readBlueprintFile(path.join(ROOT, file));
    const result = validateBlueprint(source.value);
    const errors = result.problems.filter((p) => p.severity === 'error').map((p) => formatProblem(p, file, source.locate(p.path)));
    expect(errors).toEqual([]);
    expect(result.model).toBeDefined();
  });
});
