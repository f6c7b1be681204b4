/**
 * Appliance user data, rendered at synth time from `templates/bootstrap/<vendor>/`.
 * Templates use `{{name}}` placeholders; a placeholder without a value is a defect
 * caught here rather than an appliance that boots half-configured.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface BootstrapValues {
  readonly [key: string]: string | number;
}

const TEMPLATE_ROOT = path.join(__dirname, '..', '..', 'templates', 'bootstrap');

/** The template text of `templates/bootstrap/<vendor>/<file>`. */
export function readBootstrapTemplate(vendor: string, file = 'user-data'): string {
  return readFileSync(path.join(TEMPLATE_ROOT, vendor, file), 'utf8');
}

export function renderTemplate(template: string, values: BootstrapValues, name: string): string {
  return template.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`internal: ${name} uses {{${key}}}, which has no value`);
    return String(value);
  });
}

/** Terraform's templatefile() reads `${` and `%{` as template syntax; literal text must escape them. */
export { templateFileLiteral as escapeForTerraformTemplate } from './terraform-literal';
