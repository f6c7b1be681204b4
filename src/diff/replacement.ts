/**
 * Which changes make Terraform replace a resource (destroy it and create it
 * again), from the force-new table (force-new.ts) and the references between
 * resources:
 *
 *   - a changed attribute that the provider cannot update in place;
 *   - an attribute that reads a resource that is replaced (its ID, its ARN): the
 *     value changes at apply, and if the attribute forces replacement, so does
 *     the reader. Within a stack Terraform plans that at once; across stacks
 *     (a remote-state output) the reader's next plan does, after its producer
 *     was applied; either way the reader is replaced;
 *   - a stack whose provider moves to another account or Region: Terraform finds
 *     none of its resources there, creates them all anew, and leaves the old
 *     ones behind, unmanaged.
 */
import { resourceKey, type TerraformSet } from '../verify/terraform-json';
import { forcesReplacement } from './force-new';
import type { ResourceDiff, StackDiff } from './resources';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every `${...}` reference of a value, with the attribute path that holds it. */
function referencesOf(value: unknown, path = ''): { path: string; expression: string }[] {
  if (typeof value === 'string') {
    const refs: { path: string; expression: string }[] = [];
    for (const m of value.matchAll(/(data\.terraform_remote_state\.[A-Za-z0-9_-]+\.outputs\.[A-Za-z0-9_-]+|(?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[(?:\d+|"[^"]*")\])?\.[a-z0-9_]+)/g)) {
      refs.push({ path, expression: `\${${m[1]}}` });
    }
    return value.includes('${') ? refs : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => referencesOf(v, `${path}[${i}]`));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => (k === '//' || k === 'depends_on' ? [] : referencesOf(v, path ? `${path}.${k}` : k)));
  return [];
}

/** The changed paths of `diff` that force its replacement by themselves. */
function ownReasons(diff: ResourceDiff): string[] {
  const forcing = diff.changes.filter((c) => forcesReplacement(diff.type, c.path));
  const attributes = [...new Set(forcing.map((c) => c.path.replace(/\[\d+\]/g, '')))];
  return attributes.map((a) => `${a} changes`);
}

/**
 * Marks every replaced resource of `stacks` (`replacedBecause`), and adds a diff
 * for each resource that is replaced without a change of its own.
 */
export function markReplacements(stacks: StackDiff[], before: TerraformSet, after: TerraformSet): void {
  const diffs = new Map<string, ResourceDiff>();
  for (const stack of stacks) for (const r of stack.resources) diffs.set(resourceKey(r), r);
  const replaced = new Map<string, string[]>();
  const replace = (key: string, reason: string) => {
    const reasons = replaced.get(key) ?? [];
    if (reasons.includes(reason)) return false;
    replaced.set(key, [...reasons, reason]);
    return true;
  };
  for (const r of diffs.values()) if (r.kind === 'changed') for (const reason of ownReasons(r)) replace(resourceKey(r), reason);
  for (const stack of stacks) {
    for (const move of providerMoves(stack)) {
      for (const r of resourcesOfStack(after, stack.name)) {
        if (before.resource(r.key) && aliasOf(r.args) === move.alias) replace(r.key, move.reason);
      }
    }
  }
  // What reads a replaced resource follows it, as far as the chain goes (subnet → VPC → ...).
  const readers = readersOf(after);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [key, reasons] of [...replaced]) {
      if (reasons.length === 0) continue;
      for (const reader of readers.get(key) ?? []) {
        if (!before.resource(reader.key) || !forcesReplacement(reader.type, reader.path)) continue;
        const why = `${reader.path.replace(/\[\d+\]/g, '')} follows ${key.slice(key.indexOf('/') + 1)}${key.split('/')[0] === reader.key.split('/')[0] ? '' : ` of ${key.split('/')[0]}`} (replaced)`;
        if (replace(reader.key, why)) changed = true;
      }
    }
  }
  for (const [key, reasons] of replaced) {
    const existing = diffs.get(key);
    if (existing) {
      if (existing.kind !== 'added' && existing.kind !== 'destroyed') existing.replacedBecause = reasons;
      continue;
    }
    const slash = key.indexOf('/');
    const dot = key.indexOf('.', slash);
    const stack = stacks.find((s) => s.name === key.slice(0, slash));
    if (!stack) continue;
    const diff: ResourceDiff = { stack: stack.name, type: key.slice(slash + 1, dot), name: key.slice(dot + 1), kind: 'changed', changes: [], replacedBecause: reasons };
    (stack.resources as ResourceDiff[]).push(diff);
    if (stack.kind === 'unchanged') (stack as { kind: StackDiff['kind'] }).kind = 'changed';
  }
}

interface Reader {
  readonly key: string;
  readonly type: string;
  readonly path: string;
}

/** For every resource, who reads it and at which attribute path (across stacks, through remote state). */
function readersOf(set: TerraformSet): Map<string, Reader[]> {
  const readers = new Map<string, Reader[]>();
  for (const stack of set.stacks.values()) {
    for (const [type, byName] of Object.entries(stack.resource)) {
      for (const [name, args] of Object.entries(byName)) {
        const key = resourceKey({ stack: stack.name, type, name });
        for (const { path, expression } of referencesOf(args)) {
          if (path.startsWith('provider') || path.startsWith('lifecycle')) continue;
          const ref = set.resolve(stack.name, expression);
          if (!ref || ref.type.startsWith('data.')) continue;
          const target = resourceKey(ref);
          if (target === key) continue;
          const list = readers.get(target) ?? [];
          list.push({ key, type, path });
          readers.set(target, list);
        }
      }
    }
  }
  return readers;
}

function resourcesOfStack(set: TerraformSet, stack: string): { key: string; args: Record<string, unknown> }[] {
  const s = set.stacks.get(stack);
  if (!s) return [];
  return Object.entries(s.resource).flatMap(([type, byName]) => Object.entries(byName).map(([name, args]) => ({ key: resourceKey({ stack, type, name }), args })));
}

function aliasOf(args: Record<string, unknown>): string {
  return typeof args.provider === 'string' ? args.provider : 'aws';
}

/** Provider configurations of a stack that now act in another account or Region. */
function providerMoves(stack: StackDiff): { alias: string; reason: string }[] {
  const moves = new Map<string, string[]>();
  for (const change of stack.providers) {
    const m = /^(aws(?:\.[A-Za-z0-9_-]+)?)\.(region|allowed_account_ids)(\[\d+\])?$/.exec(change.path);
    if (!m || change.before === undefined || change.after === undefined) continue;
    const what = m[2] === 'region' ? 'Region' : 'account';
    moves.set(m[1], [...(moves.get(m[1]) ?? []), `its provider ${m[1]} moves to ${what} ${String(change.after)} (from ${String(change.before)}): created there anew, the old one left behind`]);
  }
  return [...moves].flatMap(([alias, reasons]) => reasons.map((reason) => ({ alias, reason })));
}
