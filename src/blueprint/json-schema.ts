/**
 * The published JSON Schema of a blueprint (`blueprint.schema.json`, written by
 * `npm run schema`), generated from the zod schema so editors and the validator
 * agree on the shape. It checks the shape only; the rules in `rules/` still apply.
 */
import './deferred-zod-locales';
import { z } from 'zod';
import { blueprintSchema } from './schema';

/** Where the published package serves the file (it is in package.json "files"). */
export const BLUEPRINT_SCHEMA_ID = 'https://unpkg.com/gwlb-blueprint/blueprint.schema.json';
export const BLUEPRINT_SCHEMA_TITLE = 'gwlb-blueprint blueprint';

export function blueprintJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(blueprintSchema) as Record<string, unknown>;
  return { $schema, $id: BLUEPRINT_SCHEMA_ID, title: BLUEPRINT_SCHEMA_TITLE, ...rest };
}

/** The file's exact text: two-space indented, with a trailing newline. */
export function blueprintJsonSchemaText(): string {
  return `${JSON.stringify(blueprintJsonSchema(), null, 2)}\n`;
}
