/**
 * User strings are data, never expressions: Terraform reads `${...}` and `%{...}`
 * in any string of its configuration (JSON values and object keys, HCL strings)
 * as template syntax, so a health-check path of `/${file("/etc/hostname")}` would
 * be evaluated on the deploying machine. Every string that comes from a blueprint
 * goes through `terraformLiteral` on its way into a resource, a provider or a
 * template file, and reaches AWS exactly as typed (`$${` and `%%{` are
 * Terraform's escapes: developer.hashicorp.com/terraform/language/expressions/strings).
 *
 * HCL output needs more: cdktf 0.21 writes HCL strings (and quoted map keys) as
 * they are, without escaping quotes or backslashes, and skips even its own quote
 * escaping once a string holds `${` (cdktf/lib/hcl/render.js, escapeQuotes). So
 * under `synth --hcl` the string is also escaped as the body of an HCL quoted
 * string. cdktf picks the format from SYNTH_HCL_OUTPUT when a stack is
 * constructed (synth/synthesize.ts sets it for that time); so does this.
 */
export function terraformLiteral(text: string): string {
  const template = templateFileLiteral(text);
  return process.env.SYNTH_HCL_OUTPUT === 'true' ? hclQuotedBody(template) : template;
}

/** Literal text in a file that Terraform's templatefile() renders: only the template syntax is escaped. */
export function templateFileLiteral(text: string): string {
  // Replacement functions, not strings: in a replacement string `$$` itself means one `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * A user string inside the argument of a Terraform function (`Fn.jsonencode({...})`,
 * a policy). cdktf writes such a string as an HCL string literal inside the
 * expression and escapes `${` there itself (cdktf/lib/tfExpression.js,
 * escapeString), but not `%{`, quotes or backslashes; the expression is HCL in
 * JSON output too, so this does not depend on the format.
 */
export function terraformExpressionLiteral(text: string): string {
  return text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/%\{/g, () => '%%{');
}

const HCL_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` as it must appear between the quotes of an HCL string (hashicorp/hcl, hclsyntax spec: "Template Literals"). */
function hclQuotedBody(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => HCL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * What stands for a `__proto__` key on its way through cdktf, which copies maps
 * with `copy[key] = value` and so drops that one key (the assignment sets the
 * copy's prototype instead). It holds a character (`#`) that the `tags` rule
 * refuses in tag keys and values, and every other user string the tool writes
 * (names, a health-check path that starts with `/`) cannot be it either, so it
 * cannot clash with anything real; `restoreProtoKeys` turns it back into
 * `__proto__` in the written files.
 */
export const PROTO_KEY_PLACEHOLDER = 'gwlb-blueprint:#__proto__#';

/** A map of user strings (tags), keys included: in Terraform JSON an object key is a template too. */
export function terraformLiteralMap(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key === '__proto__' ? PROTO_KEY_PLACEHOLDER : terraformLiteral(key), terraformLiteral(value)]));
}

/** The synthesized text (Terraform JSON or HCL) with every placeholder back to `__proto__`. */
export function restoreProtoKeys(text: string): string {
  return text.split(`"${PROTO_KEY_PLACEHOLDER}"`).join('"__proto__"');
}
