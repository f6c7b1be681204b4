/**
 * Every user string is data (issue: Terraform template injection). Each string
 * field of the blueprint is given template syntax: validation refuses it, or it
 * reaches the synthesized Terraform, JSON and HCL, as a literal that Terraform
 * reads back as exactly the typed text. test/terraform/user-strings.test.ts has
 * Terraform itself confirm the same.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NetworkModel } from '../../src/blueprint/model';
import { formatPath, type JsonPath } from '../../src/blueprint/problems';
import { validateBlueprint } from '../../src/blueprint/validate';
import { synthesizeNetwork, synthesizeNetworkHcl } from '../../src/synth/synthesize';
import { isExpression, literalText, type SynthFolder } from '../../src/synth-folder';
import { everyStringField, hostileModel, modelOf, QUOTING, TEMPLATE_INJECTIONS } from '../helpers/hostile';

/** Every string leaf of a value, and every key of an object, with its path. */
function stringsOf(value: unknown, at: JsonPath = []): { path: JsonPath; key: boolean }[] {
  if (typeof value === 'string') return [{ path: at, key: false }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, [...at, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [{ path: [...at, k], key: true }, ...stringsOf(v, [...at, k])]);
  }
  return [];
}

function withString(bp: unknown, at: JsonPath, text: string, key: boolean): unknown {
  const copy = JSON.parse(JSON.stringify(bp));
  let parent = copy;
  for (const segment of at.slice(0, -1)) parent = parent[segment];
  const last = at[at.length - 1];
  if (key) {
    const entries = Object.entries(parent).map(([k, v]) => (k === last ? [text, v] : [k, v]));
    for (const k of Object.keys(parent)) delete parent[k];
    for (const [k, v] of entries) parent[k as string] = v;
  } else parent[last] = text;
  return copy;
}

async function synthesizeBoth(model: NetworkModel, body: (folder: SynthFolder) => void): Promise<void> {
  for (const hcl of [false, true]) {
    const dir = mkdtempSync(path.join(tmpdir(), `gwlb-strings-${hcl ? 'hcl' : 'json'}-`));
    try {
      body((hcl ? await synthesizeNetworkHcl(model, { outdir: dir }) : synthesizeNetwork(model, { outdir: dir })).folder);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Every string anywhere in the stacks' configuration, keys included. */
function configStrings(folder: SynthFolder): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) out.push(k), walk(x);
  };
  for (const stack of folder.stacks) walk(stack.config);
  return out;
}

function egressOf(folder: SynthFolder) {
  return folder.stacks.find((s) => s.name === 'acme-eu-west-2-egress')!.config;
}

function labTargetGroupPath(folder: SynthFolder): unknown {
  const group = egressOf(folder).resource.aws_lb_target_group.fleet_lab_target_group as { health_check: { path: unknown }[] | { path: unknown } };
  return (Array.isArray(group.health_check) ? group.health_check[0] : group.health_check).path;
}

describe('user strings with Terraform template syntax', () => {
  const base = everyStringField();
  const fields = stringsOf(base);

  it('are refused by validation in every field but the health-check path (and $schema, which is never written)', () => {
    const accepted: string[] = [];
    for (const { path: at, key } of fields) {
      for (const injection of TEMPLATE_INJECTIONS) {
        for (const text of [injection, `/${injection}`]) {
          const result = validateBlueprint(withString(base, at, text, key));
          if (result.model) accepted.push(`${key ? 'key of ' : ''}${formatPath(at)}`);
        }
      }
    }
    expect(fields.length).toBeGreaterThan(60);
    expect([...new Set(accepted)].sort()).toEqual(['$.$schema', '$.regions["eu-west-2"].fleets.lab.healthCheck.path']);
  });

  it('reach the Terraform of an accepted field as the literal typed text, in JSON and in HCL', async () => {
    for (const injection of TEMPLATE_INJECTIONS) {
      const typed = `/${injection}`;
      const model = modelOf(withString(base, ['regions', 'eu-west-2', 'fleets', 'lab', 'healthCheck', 'path'], typed, false));
      await synthesizeBoth(model, (folder) => {
        expect(isExpression(labTargetGroupPath(folder))).toBe(false);
        expect(literalText(labTargetGroupPath(folder))).toBe(typed);
      });
    }
  });
});

describe('constructs write every user string as data, whatever validation lets through', () => {
  it('tags (keys and values) in provider default_tags, launch templates and Auto Scaling groups, and the health-check path', async () => {
    const { model, tags, path: typedPath } = hostileModel([...TEMPLATE_INJECTIONS, QUOTING]);
    await synthesizeBoth(model, (folder) => {
      // Nothing anywhere that carries the injections is an expression.
      const carrying = configStrings(folder).filter((s) => s.includes('file(') || s.includes('if true') || s.includes('say'));
      expect(carrying.length).toBeGreaterThan(0);
      for (const s of carrying) expect(isExpression(s)).toBe(false);

      const decoded = (map: Record<string, unknown>) => Object.fromEntries(Object.entries(map).map(([k, v]) => [literalText(k), literalText(v)]));
      for (const stack of folder.stacks) {
        const provider = stack.config.provider.aws.find((p) => !p.alias) as { default_tags: { tags: Record<string, unknown> }[] };
        expect(decoded(provider.default_tags[0].tags)).toEqual({ ManagedBy: 'gwlb-blueprint', 'gwlb-blueprint:network': 'acme', ...tags });
      }
      const egress = egressOf(folder);
      const template = egress.resource.aws_launch_template.fleet_lab_launch_template as { tag_specifications: { tags: Record<string, unknown> }[] };
      for (const spec of template.tag_specifications) expect(decoded(spec.tags)).toMatchObject(tags);
      const group = egress.resource.aws_autoscaling_group.fleet_lab_asg as { tag: { key: string; value: string }[] };
      expect(decoded(Object.fromEntries(group.tag.map((t) => [t.key, t.value])))).toMatchObject(tags);
      expect(literalText(labTargetGroupPath(folder))).toBe(typedPath);
    });
  });

  it('a __proto__ tag key, which cdktf would drop, reaches every place tags go', async () => {
    const tags = JSON.parse('{"__proto__": "kept", "constructor": "also kept"}') as Record<string, string>;
    const model = { ...modelOf(everyStringField()), tags };
    await synthesizeBoth(model, (folder) => {
      for (const stack of folder.stacks) {
        const provider = stack.config.provider.aws.find((p) => !p.alias) as { default_tags: { tags: Record<string, unknown> }[] };
        expect(Object.getOwnPropertyDescriptor(provider.default_tags[0].tags, '__proto__')?.value).toBe('kept');
        expect(provider.default_tags[0].tags.constructor).toBe('also kept');
      }
      const egress = egressOf(folder);
      const template = egress.resource.aws_launch_template.fleet_lab_launch_template as { tag_specifications: { tags: Record<string, unknown> }[] };
      expect(Object.getOwnPropertyDescriptor(template.tag_specifications[0].tags, '__proto__')?.value).toBe('kept');
      const group = egress.resource.aws_autoscaling_group.fleet_lab_asg as { tag: { key: string; value: string }[] };
      expect(group.tag).toContainEqual(expect.objectContaining({ key: '__proto__', value: 'kept' }));
    });
  });
});
