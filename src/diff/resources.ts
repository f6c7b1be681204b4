/**
 * Two synthesized folders compared stack by stack and resource by resource, as
 * Terraform would see them: the instances each stack creates (src/synth-folder),
 * their arguments compared leaf by leaf with attribute paths (`tags.Name`,
 * `health_check.interval`), cdktf's `//` metadata ignored, and a block written
 * as `{...}` the same as `[{...}]`. Which changes replace a resource is
 * replacement.ts's to say.
 */
import { instancesOf, type SynthFolder, type SynthStack } from '../synth-folder';
import type { Attributes } from '../synth-folder/stack-config';
import { compareEnglish } from '../util/compare';

export interface AttributeChange {
  /** `cidr_block`, `tags.Name`, `subnet_ids[1]`. */
  readonly path: string;
  /** Absent when the attribute is new. */
  readonly before?: unknown;
  /** Absent when the attribute is gone. */
  readonly after?: unknown;
}

export interface ResourceDiff {
  readonly stack: string;
  readonly type: string;
  /** The instance name: `name`, `name[0]`, `name["key"]`. */
  readonly name: string;
  readonly kind: 'added' | 'destroyed' | 'changed';
  readonly changes: readonly AttributeChange[];
  /** Set when Terraform replaces the resource (destroys it and creates it again): why, one reason per cause. */
  replacedBecause?: string[];
}

export interface StackDiff {
  readonly name: string;
  readonly kind: 'added' | 'destroyed' | 'changed' | 'unchanged';
  /** Resources Terraform would create in the stack before and after. */
  readonly resourcesBefore: number;
  readonly resourcesAfter: number;
  readonly resources: readonly ResourceDiff[];
  /** Changes of the AWS provider configurations, by alias (`aws`, `aws.network`). */
  readonly providers: readonly AttributeChange[];
  /** Output names added, removed or with another value (what other stacks and people read). */
  readonly outputs: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
}

/** Keys that are cdktf's comments, never configuration. */
const COMMENT = '//';

const isObject = (v: unknown): v is Attributes => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Arguments that name a provider or resources, written `aws.x` in JSON and parsed as `${aws.x}` from HCL. */
const REFERENCE_ARGUMENTS = new Set(['provider', 'depends_on', 'ignore_changes', 'replace_triggered_by']);

/**
 * The value Terraform reads: comments dropped, a one-element list of a block the block itself, an
 * expression without the spaces a formatter puts outside its string literals (JSON and HCL of one
 * synthesis compare equal).
 */
export function normalize(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    if (value.length === 1 && isObject(value[0])) return normalize(value[0]);
    return value.map((v) => normalize(v, key));
  }
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== COMMENT)
        .sort(([a], [b]) => compareEnglish(a, b))
        .map(([k, v]) => [k, normalize(v, k)]),
    );
  }
  if (typeof value === 'string' && value.includes('${')) {
    const bare = /^\$\{([A-Za-z0-9_.\-[\]"]+)\}$/.exec(value);
    if (bare && key && REFERENCE_ARGUMENTS.has(key)) return bare[1];
    return compactExpression(value);
  }
  return value;
}

/** An expression's text without whitespace outside its string literals. */
function compactExpression(text: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (depth === 0) {
      out += c;
      if (c === '$' && text[i + 1] === '{' && text[i - 1] !== '$') {
        out += '{';
        i++;
        depth = 1;
      }
      continue;
    }
    if (quoted) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') quoted = false;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === '"') quoted = true;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    out += c;
  }
  return out;
}

/** Every leaf that differs between two normalized values. */
export function attributeChanges(before: unknown, after: unknown, prefix = ''): AttributeChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      const path = prefix ? `${prefix}.${k}` : k;
      if (!(k in after)) return [{ path, before: before[k] }];
      if (!(k in before)) return [{ path, after: after[k] }];
      return attributeChanges(before[k], after[k], path);
    });
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => attributeChanges(b, after[i], `${prefix}[${i}]`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: prefix, before, after }];
}

function resourcesOf(stack: SynthStack): Map<string, { type: string; name: string; args: Attributes }> {
  const found = new Map<string, { type: string; name: string; args: Attributes }>();
  for (const [type, byName] of Object.entries(instancesOf(stack.config, stack.file).resource)) {
    for (const [name, args] of Object.entries(byName)) found.set(`${type}.${name}`, { type, name, args: normalize(args) as Attributes });
  }
  return found;
}

function providersOf(stack: SynthStack): Attributes {
  const out: Attributes = {};
  for (const [type, blocks] of Object.entries(stack.config.provider)) {
    for (const block of blocks) out[typeof block.alias === 'string' ? `${type}.${block.alias}` : type] = normalize(block);
  }
  return out;
}

export function diffStacks(before: SynthFolder, after: SynthFolder): StackDiff[] {
  const old = new Map(before.stacks.map((s) => [s.name, s]));
  const next = new Map(after.stacks.map((s) => [s.name, s]));
  const names = [...after.stacks.map((s) => s.name), ...before.stacks.map((s) => s.name).filter((n) => !next.has(n))];
  return names.map((name) => diffStack(name, old.get(name), next.get(name)));
}

function diffStack(name: string, before: SynthStack | undefined, after: SynthStack | undefined): StackDiff {
  const a = before ? resourcesOf(before) : new Map<string, { type: string; name: string; args: Attributes }>();
  const b = after ? resourcesOf(after) : new Map<string, { type: string; name: string; args: Attributes }>();
  const resources: ResourceDiff[] = [];
  for (const [address, r] of b) {
    const was = a.get(address);
    if (!was) resources.push({ stack: name, type: r.type, name: r.name, kind: 'added', changes: [] });
    else {
      const changes = attributeChanges(was.args, r.args);
      if (changes.length > 0) resources.push({ stack: name, type: r.type, name: r.name, kind: 'changed', changes });
    }
  }
  for (const [address, r] of a) if (!b.has(address)) resources.push({ stack: name, type: r.type, name: r.name, kind: 'destroyed', changes: [] });
  const providers = before && after ? attributeChanges(providersOf(before), providersOf(after)) : [];
  const outputsBefore = Object.keys(before?.config.output ?? {});
  const outputsAfter = Object.keys(after?.config.output ?? {});
  const valueOf = (stack: SynthStack | undefined, o: string) => JSON.stringify(normalize((stack?.config.output[o] as Attributes | undefined)?.value));
  const outputs = {
    added: outputsAfter.filter((o) => !outputsBefore.includes(o)),
    removed: outputsBefore.filter((o) => !outputsAfter.includes(o)),
    changed: outputsAfter.filter((o) => outputsBefore.includes(o) && valueOf(before, o) !== valueOf(after, o)),
  };
  const changed = resources.length > 0 || providers.length > 0 || outputs.added.length > 0 || outputs.removed.length > 0 || outputs.changed.length > 0;
  const kind = !before ? 'added' : !after ? 'destroyed' : changed ? 'changed' : 'unchanged';
  return { name, kind, resourcesBefore: a.size, resourcesAfter: b.size, resources, providers, outputs };
}
