/**
 * Reading the attributes verify's network graph is built from, strictly: a value
 * verify cannot evaluate (an expression, a reference to something this folder
 * does not create, a malformed value) is refused with the file, the JSON path and
 * the value, so a proof never rests on something it silently skipped or misread.
 */
import { parseCidr, type Ipv4Block } from '../blueprint/cidr';
import type { JsonPath } from '../blueprint/problems';
import { FolderError } from '../synth-folder';
import { resourceKey, type Attributes, type TerraformSet } from './terraform-json';

export interface Resource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly key: string;
  readonly args: Attributes;
}

/** Maps a resolved reference to what it really names (an accepter to its attachment, ...). */
export type Canonical = (set: TerraformSet, ref: { stack: string; type: string; name: string; attribute: string }) => string | undefined;

const isObject = (v: unknown): v is Attributes => typeof v === 'object' && v !== null && !Array.isArray(v);

export class StrictReader {
  /** Resolved references are shared (TerraformSet.resolve caches them): what each really names, once. */
  private readonly canonicalKeys = new WeakMap<object, string | undefined>();

  constructor(
    readonly set: TerraformSet,
    private readonly canonical: Canonical,
  ) {}

  *resources(type: string): Generator<Resource> {
    for (const r of this.set.resources(type)) yield { ...r, type };
  }

  refuse(r: Resource, at: JsonPath, value: unknown, reason: string): never {
    throw new FolderError(this.set.stacks.get(r.stack)?.file ?? r.stack, ['resource', r.type, r.name, ...at], value, reason);
  }

  string(r: Resource, attr: string): string;
  string(r: Resource, attr: string, optional: true): string | undefined;
  string(r: Resource, attr: string, optional = false): string | undefined {
    const value = r.args[attr];
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'string' || /(^|[^$])\$\{/.test(value)) this.refuse(r, [attr], value, 'must be a literal string: verify cannot evaluate it');
    return value;
  }

  /** A literal canonical IPv4 CIDR (at `at` inside the resource, `[attr]` by default). */
  cidr(r: Resource, attr: string, args: Attributes = r.args, at: JsonPath = [attr]): { block: Ipv4Block; text: string } {
    const value = args[attr];
    const parsed = parseCidr(value as string);
    if (!parsed.ok) {
      const why = typeof value === 'string' && /\$\{/.test(value) ? 'is an expression: verify cannot evaluate it' : `${parsed.reason}${parsed.suggestion ? ` (${parsed.suggestion})` : ''}; verify proves IPv4 flows and needs a literal CIDR`;
      this.refuse(r, at, value, why);
    }
    return { block: parsed.block, text: value as string };
  }

  /** The key of the resource a reference names, which must be one of `types` and be created by this folder. */
  ref(r: Resource, attr: string, types: readonly string[], args: Attributes = r.args, at: JsonPath = [attr]): string {
    return this.refValue(r, args[attr], types, at);
  }

  refs(r: Resource, attr: string, types: readonly string[]): string[] {
    const value = r.args[attr];
    if (!Array.isArray(value)) this.refuse(r, [attr], value, `must be a list of references to ${types.join(' or ')}`);
    return value.map((v, i) => this.refValue(r, v, types, [attr, i]));
  }

  private refValue(r: Resource, value: unknown, types: readonly string[], at: JsonPath): string {
    const expected = types.join(' or ');
    const ref = this.set.resolve(r.stack, value);
    if (!ref) {
      const remote = typeof value === 'string' && value.startsWith('${data.terraform_remote_state.');
      this.refuse(r, at, value, remote ? 'reads an output that no stack of this folder provides: verify cannot see what it names' : `is not a reference to a resource of this folder (${expected}): verify cannot evaluate it`);
    }
    let key = this.canonicalKeys.get(ref);
    if (key === undefined && !this.canonicalKeys.has(ref)) this.canonicalKeys.set(ref, (key = this.canonical(this.set, ref)));
    const own = resourceKey(ref);
    const type = key?.slice(key.indexOf('/') + 1, key.indexOf('.', key.indexOf('/')));
    if (!key) this.refuse(r, at, value, `names ${own.slice(own.indexOf('/') + 1)}, which leads to nothing this folder creates: verify cannot see what it names`);
    if (!this.exists(key)) this.refuse(r, at, value, `names ${key.slice(key.indexOf('/') + 1).replace(/#attachment$/, '')}, which this folder does not create (count = 0, a missing instance key, or no such resource)`);
    if (!types.includes(type!) && !(key.endsWith('#attachment') && types.includes('vpn-attachment'))) {
      this.refuse(r, at, value, `names a ${type}, where verify expects ${expected}`);
    }
    return key;
  }

  private exists(key: string): boolean {
    return this.set.resource(key.replace(/#attachment$/, '')) !== undefined;
  }

  tags(r: Resource): Readonly<Record<string, string>> {
    const tags = r.args.tags;
    if (tags === undefined) return {};
    if (!isObject(tags) || !Object.values(tags).every((v) => typeof v === 'string')) this.refuse(r, ['tags'], tags, 'must be an object of literal strings');
    return tags as Record<string, string>;
  }

  /** Nested blocks (`route`, `entry`) as a list, however they were written. */
  blocks(r: Resource, attr: string): Attributes[] {
    const value = r.args[attr];
    if (value === undefined) return [];
    const list = Array.isArray(value) ? value : [value];
    list.forEach((b, i) => {
      if (!isObject(b)) this.refuse(r, Array.isArray(value) ? [attr, i] : [attr], b, 'must be a block (an object)');
    });
    return list as Attributes[];
  }
}
