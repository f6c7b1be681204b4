/**
 * What Terraform would create from a stack's configuration: every resource and
 * data source instance, with literal `count` and `for_each` honoured (`count = 0`
 * creates nothing; `count = 2` creates `name[0]` and `name[1]`). Whatever cannot
 * be evaluated without running Terraform — a `count` or `for_each` that is an
 * expression, a `dynamic` block, a module call — is refused by name, so a proof
 * never passes a configuration it did not read.
 */
import type { JsonPath } from '../blueprint/problems';
import { FolderError } from './folder-error';
import type { Attributes, TerraformConfig } from './stack-config';

export interface Instances {
  /** By type, then by instance name: `name`, `name[0]`, `name["key"]`. */
  readonly resource: Record<string, Record<string, Attributes>>;
  readonly data: Record<string, Record<string, Attributes>>;
}

const isObject = (v: unknown): v is Attributes => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `${` not preceded by the `$${` escape: the string is an expression, not a literal. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && /(^|[^$])\$\{|(^|[^%])%\{/.test(value);
}

/** The text Terraform makes of a literal string (`$${` → `${`, `%%{` → `%{`); undefined for expressions. */
export function literalText(value: unknown): string | undefined {
  if (typeof value !== 'string' || isExpression(value)) return undefined;
  return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

export function instancesOf(config: TerraformConfig, file: string): Instances {
  const names = Object.keys(config.module);
  if (names.length > 0) {
    throw new FolderError(file, ['module', names[0]], undefined, 'is a module call: verify cannot see the resources inside a module; gwlb-blueprint never writes one');
  }
  return { resource: expandKind(config.resource, 'resource', file), data: expandKind(config.data, 'data', file) };
}

function expandKind(blocks: Record<string, Record<string, Attributes>>, kind: 'resource' | 'data', file: string): Record<string, Record<string, Attributes>> {
  const out: Record<string, Record<string, Attributes>> = {};
  for (const [type, byName] of Object.entries(blocks)) {
    const instances: Record<string, Attributes> = {};
    for (const [name, args] of Object.entries(byName)) {
      const at = [kind, type, name];
      refuseDynamic(args, at, file);
      for (const [instance, instanceArgs] of expand(args, at, file)) instances[instance === '' ? name : `${name}${instance}`] = instanceArgs;
    }
    out[type] = instances;
  }
  return out;
}

function refuseDynamic(args: Attributes, at: JsonPath, file: string): void {
  const found = dynamicBlockIn(args);
  if (found) throw new FolderError(file, [...at, ...found.at], found.value, 'is a dynamic block: verify cannot tell which blocks Terraform would generate');
}

/** The first `dynamic` key among `value`'s nested blocks (outside `//` comments): its path is built only when there is one. */
function dynamicBlockIn(value: unknown): { readonly at: JsonPath; readonly value: unknown } | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = dynamicBlockIn(value[i]);
      if (found) return { at: [i, ...found.at], value: found.value };
    }
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (key === 'dynamic') return { at: [key], value: value[key] };
      if (key === '//') continue;
      const found = dynamicBlockIn(value[key]);
      if (found) return { at: [key, ...found.at], value: found.value };
    }
  }
  return undefined;
}

/** The instances of one block: `['', args]` without count/for_each, else one per index or key. */
function expand(args: Attributes, at: JsonPath, file: string): [string, Attributes][] {
  const { count, for_each: forEach, ...rest } = args;
  if (count !== undefined && forEach !== undefined) throw new FolderError(file, [...at, 'for_each'], forEach, 'is set together with count, which Terraform refuses');
  if (count !== undefined) {
    const n = literalCount(count);
    if (n === undefined) throw new FolderError(file, [...at, 'count'], count, 'is not a literal whole number: verify cannot evaluate it');
    return Array.from({ length: n }, (_, i) => [`[${i}]`, substitute(rest, { 'count.index': i }) as Attributes]);
  }
  if (forEach !== undefined) {
    if (!isObject(forEach)) {
      const why = Array.isArray(forEach) ? 'is a list; Terraform takes a map or a set of strings here' : 'is not a literal map: verify cannot evaluate it';
      throw new FolderError(file, [...at, 'for_each'], forEach, why);
    }
    return Object.entries(forEach).map(([key, value]) => {
      if (isExpression(value)) throw new FolderError(file, [...at, 'for_each', key], value, 'is an expression: verify cannot evaluate it');
      return [`[${JSON.stringify(key)}]`, substitute(rest, eachValues(key, value)) as Attributes];
    });
  }
  return [['', args]];
}

function literalCount(count: unknown): number | undefined {
  const n = typeof count === 'number' ? count : typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function eachValues(key: string, value: unknown): Record<string, string | number | boolean> {
  const values: Record<string, string | number | boolean> = { 'each.key': key };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values['each.value'] = value;
  if (isObject(value)) {
    for (const [attr, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values[`each.value.${attr}`] = v;
  }
  return values;
}

/**
 * `${count.index}` and `${each.key}` in strings become their values: a string that is
 * only the reference takes the value's type, one that embeds it gets its text.
 */
function substitute(value: unknown, values: Record<string, string | number | boolean>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([a-z._A-Z0-9]+)\}$/.exec(value);
    if (whole && whole[1] in values) return values[whole[1]];
    return value.replace(/(^|[^$])\$\{([a-z._A-Z0-9]+)\}/g, (match, before: string, ref: string) => (ref in values ? `${before}${String(values[ref])}` : match));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, values));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)]));
  return value;
}
