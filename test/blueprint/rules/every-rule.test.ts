/** Every rule validateBlueprint runs has its own test file here, named after its id. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../src/blueprint/rules';

describe('rule tests', () => {
  it('exist for every rule in RULES', () => {
    const missing = RULES.map((r) => r.id).filter((id) => !existsSync(path.join(__dirname, `${id}.test.ts`)));
    expect(missing).toEqual([]);
  });

  it('rule ids are unique kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
  });
});
