/** The published blueprint.schema.json: generated from the zod schema, and kept in step with it. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BLUEPRINT_SCHEMA_ID, blueprintJsonSchema, blueprintJsonSchemaText } from '../../src/blueprint/json-schema';
import { ROOT } from '../helpers/blueprints';

const SCHEMA_FILE = path.join(ROOT, 'blueprint.schema.json');
/** BLUEPRINT.md: "Names: ^[a-z][a-z0-9-]{0,30}$". */
const NAMES = '^[a-z][a-z0-9-]{0,30}$';

type JsonSchema = Record<string, any>;

describe('blueprint.schema.json', () => {
  it('is the schema the code generates now (run `npm run schema` when this fails)', () => {
    if (!existsSync(SCHEMA_FILE)) throw new Error('blueprint.schema.json is missing: run `npm run schema` and commit it');
    if (readFileSync(SCHEMA_FILE, 'utf8') !== blueprintJsonSchemaText()) {
      throw new Error('blueprint.schema.json is stale: the zod schema changed. Run `npm run schema` and commit the result');
    }
  });

  it('is pretty-printed with a trailing newline', () => {
    const text = blueprintJsonSchemaText();
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "$schema": "https://json-schema.org/draft/2020-12/schema",');
  });
});

describe('blueprintJsonSchema', () => {
  const schema = blueprintJsonSchema() as JsonSchema;

  it('identifies itself', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(BLUEPRINT_SCHEMA_ID);
    expect(typeof schema.title).toBe('string');
  });

  it('refuses unknown fields at the root and in nested objects', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.accounts.additionalProperties.additionalProperties).toBe(false);
    expect(schema.properties.regions.additionalProperties.additionalProperties).toBe(false);
  });

  it('requires name, accounts and regions, and at least one region', () => {
    expect([...schema.required].sort()).toEqual(['accounts', 'name', 'regions']);
    expect(schema.properties.regions.minProperties).toBe(1);
  });

  it('gives names the BLUEPRINT.md pattern, as values and as keys', () => {
    expect(schema.properties.name.pattern).toBe(NAMES);
    expect(schema.properties.accounts.propertyNames.pattern).toBe(NAMES);
    const region = schema.properties.regions.additionalProperties;
    expect(region.properties.fleets.propertyNames.pattern).toBe(NAMES);
    expect(region.properties.spokes.propertyNames.pattern).toBe(NAMES);
    expect(region.properties.egress.properties.fleet.pattern).toBe(NAMES);
  });

  it('accepts eu-west-2 and refuses a misspelt region as a key', () => {
    const pattern = new RegExp(schema.properties.regions.propertyNames.pattern as string);
    expect(pattern.test('eu-west-2')).toBe(true);
    expect(pattern.test('us-gov-west-1')).toBe(true);
    expect(pattern.test('eu-wst-2')).toBe(false);
  });

  it('lists the vendors BLUEPRINT.md names', () => {
    const fleet = schema.properties.regions.additionalProperties.properties.fleets.additionalProperties;
    expect(fleet.properties.vendor.enum).toEqual(['checkpoint', 'paloalto', 'fortinet', 'generic']);
  });
});
