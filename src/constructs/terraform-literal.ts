/**
 * User strings are data, never expressions: Terraform reads `${...}` and `%{...}`
 * in any string of its configuration (JSON values and object keys, HCL strings)
 * as template syntax, so a tag value of `${file("/etc/hostname")}` would be
 * evaluated on the deploying machine. Every string that comes from a blueprint
 * goes through `terraformLiteral` on its way into a resource, a provider or a
 * template file, and reaches AWS exactly as typed (`$${` and `%%{` are
 * Terraform's escapes: developer.hashicorp.com/terraform/language/expressions/strings).
 */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/** A map of user strings (tags), keys included: in Terraform JSON an object key is a template too. */
export function terraformLiteralMap(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [terraformLiteral(key), terraformLiteral(value)]));
}
