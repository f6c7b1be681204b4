/** The `Name` tag, the one tag every resource gets besides the provider's default tags. */
export function nameTag(name: string): { Name: string } {
  return { Name: name };
}
