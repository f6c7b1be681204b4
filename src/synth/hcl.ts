/**
 * Finishing cdktf's HCL output so it passes `terraform fmt -check` and validates
 * without warnings: cdktf 0.21 writes references in `provider` and `depends_on`
 * as quoted strings (deprecated since Terraform 0.12) and leaves the file
 * unformatted. Policies are built with Fn.jsonencode, never JSON.stringify, which
 * cdktf renders into broken HCL when the object holds a reference
 * (hashicorp/terraform-cdk#3911).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REQUIRED_TERRAFORM } from '../stacks/network-stack';

/** `provider = "aws.network"` → `provider = aws.network`; `depends_on = ["aws_x.y"]` → `depends_on = [aws_x.y]` (and `replace_triggered_by`); `ignore_changes = ["a"]` → `[a]`. */
export function unquoteReferences(hcl: string): string {
  const reference = /"((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)"/g;
  return hcl
    .replace(/^(\s*provider\s*=\s*)"([a-z][a-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)?)"\s*$/gm, '$1$2')
    .replace(/^(\s*(?:depends_on|replace_triggered_by)\s*=\s*\[)([^\]]*)\]/gm, (_, head: string, list: string) => `${head}${list.replace(reference, '$1')}]`)
    // lifecycle { ignore_changes = ["desired_capacity"] } names attributes, which HCL wants bare too.
    .replace(/^(\s*ignore_changes\s*=\s*\[)([^\]]*)\]/gm, (_, head: string, list: string) => `${head}${list.replace(/"([a-z_][a-z0-9_]*)"/g, '$1')}]`);
}

/**
 * `"${expr}"` → `expr` wherever a quoted template is nothing but one interpolation,
 * as `terraform fmt` rewrites it since Terraform 1.x; literal text, escapes and
 * mixed templates (`"${arn}:*"`) are left as they are.
 */
export function unwrapInterpolations(hcl: string): string {
  let out = '';
  let i = 0;
  while (i < hcl.length) {
    if (hcl[i] === '"') {
      const end = templateEnd(hcl, i);
      out += rewriteTemplate(hcl.slice(i, end));
      i = end;
    } else {
      out += hcl[i++];
    }
  }
  return out;
}

/** The template `"..."` as HCL wants it: unwrapped if it is one interpolation, with nested templates rewritten too. */
function rewriteTemplate(template: string): string {
  if (template.startsWith('"${')) {
    const close = expressionEnd(template, 3);
    if (close === template.length - 2 && template.endsWith('}"')) return unwrapInterpolations(template.slice(3, close));
  }
  let out = '';
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('$${', i) || template[i] === '\\') {
      out += template.slice(i, i + (template[i] === '\\' ? 2 : 3));
      i += template[i] === '\\' ? 2 : 3;
    } else if (template.startsWith('${', i) && i > 0) {
      const close = expressionEnd(template, i + 2);
      out += `\${${unwrapInterpolations(template.slice(i + 2, close))}}`;
      i = close + 1;
    } else {
      out += template[i++];
    }
  }
  return out;
}

/** Index just past the closing quote of the template starting at `start`. */
function templateEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\') i += 2;
    else if (text.startsWith('$${', i)) i += 3;
    else if (text.startsWith('${', i)) i = expressionEnd(text, i + 2) + 1;
    else i++;
  }
  return i + 1;
}

/** Index of the `}` closing an interpolation whose expression starts at `start`. */
function expressionEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') i = templateEnd(text, i);
    else if (c === '{' || c === '(' || c === '[') {
      depth++;
      i++;
    } else if (c === ')' || c === ']') {
      depth--;
      i++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
      i++;
    } else i++;
  }
  return text.length;
}

export async function formatHcl(hcl: string): Promise<string> {
  // Loaded only for --hcl: the formatter is Terraform's own, compiled to WebAssembly.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { format } = require('@cdktf/hcl-tools') as { format: (text: string) => Promise<string> };
  return format(hcl);
}

/**
 * cdktf 0.21 renders the plain settings of the `terraform` block by their index
 * (`0 = "required_version"`: lib/hcl/render.js, renderTerraform, hands the list
 * of their names to renderSimpleAttributes): written back from their values.
 */
export function restoreTerraformSettings(hcl: string, settings: Readonly<Record<string, string>>): string {
  return hcl.replace(/^(\s*)\d+ = "([a-z_]+)"$/gm, (line, indent: string, name: string) => (name in settings ? `${indent}${name} = ${JSON.stringify(settings[name])}` : line));
}

/** Rewrites every stack's cdk.tf of a synthesized folder, in place. */
export async function finishHclStacks(outdir: string, stacks: readonly string[]): Promise<void> {
  for (const stack of stacks) {
    const file = path.join(outdir, 'stacks', stack, 'cdk.tf');
    const hcl = restoreTerraformSettings(readFileSync(file, 'utf8'), { required_version: REQUIRED_TERRAFORM });
    writeFileSync(file, await formatHcl(unwrapInterpolations(unquoteReferences(hcl))));
  }
}
