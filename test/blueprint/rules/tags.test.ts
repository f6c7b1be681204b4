import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateBlueprint } from '../../../src/blueprint/validate';
import { MAX_TAGS_PER_RESOURCE, TOOL_TAG_KEYS } from '../../../src/blueprint/rules/tags';
import { synthesizeNetwork } from '../../../src/synth/synthesize';
import { expectProblem, problemsOf, reference, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'tags';

function withTags(tags: Record<string, string>) {
  const bp = reference();
  bp.tags = tags;
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses the aws: prefix, in any case', () => {
    expectProblem(theProblem(withTags({ 'aws:cost': 'x' }), RULE), { path: '$.tags["aws:cost"]', shows: ['"aws:cost"', 'reserved by AWS'] });
    expectProblem(theProblem(withTags({ 'AWS:Cost': 'x' }), RULE), { path: '$.tags["AWS:Cost"]', shows: ['"AWS:Cost"'] });
  });

  it('refuses Name, which the tool sets itself', () => {
    expectProblem(theProblem(withTags({ Name: 'acme' }), RULE), { path: '$.tags.Name', shows: ['"Name"'] });
  });

  it('refuses an empty key and a key over 128 characters', () => {
    expectProblem(theProblem(withTags({ '': 'x' }), RULE), { path: '$.tags[""]', shows: ['= "":', '1 to 128'] });
    const key = 'k'.repeat(129);
    // long values are shortened in messages: the first 79 characters and an ellipsis
    expectProblem(theProblem(withTags({ [key]: 'x' }), RULE), { path: `$.tags.${key}`, shows: [`"${'k'.repeat(78)}…`] });
  });

  it('refuses a value over 256 characters', () => {
    expectProblem(theProblem(withTags({ Owner: 'v'.repeat(257) }), RULE), { path: '$.tags.Owner', shows: [`"${'v'.repeat(78)}…`, 'at most 256'] });
  });

  it('accepts keys of 128 and values of 256 characters', () => {
    expect(problemsOf(withTags({ ['k'.repeat(128)]: 'v'.repeat(256), 'cost-centre': '' }), RULE)).toEqual([]);
  });

  it('refuses gwlb-blueprint: keys, the tool\'s own namespace', () => {
    expectProblem(theProblem(withTags({ 'gwlb-blueprint:role': 'spoke' }), RULE), { path: '$.tags["gwlb-blueprint:role"]', shows: ['gwlb-blueprint\'s own'] });
  });

  it('refuses characters IAM and CloudWatch Logs refuse in tags, naming them', () => {
    expectProblem(theProblem(withTags({ Owner: 'team (network)' }), RULE), { path: '$.tags.Owner', shows: ['"team (network)"', 'contains "(", ")"', '_ . : / = + - @'] });
    expectProblem(theProblem(withTags({ 'cost$': 'x' }), RULE), { path: '$.tags.cost$', shows: ['contains "$"'] });
    expectProblem(theProblem(withTags({ Owner: '${file("/etc/hostname")}' }), RULE), { path: '$.tags.Owner', shows: ['contains "$", "{", "(", "\\"", ")", "}"'] });
    expect(theProblem(withTags({ Owner: '%{ if true }x%{ endif }' }), RULE).message).toContain('"%"');
  });

  it('accepts letters of any script, digits, spaces and _ . : / = + - @', () => {
    expect(problemsOf(withTags({ 'Équipe réseau': 'Zürich 2 / ops=on+call@acme.example_1-a', 'cost:centre': 'NET-001' }), RULE)).toEqual([]);
  });

  it('counts characters, not UTF-16 units: a key of 128 astral letters is not too long', () => {
    expect(problemsOf(withTags({ ['𝒜'.repeat(128)]: '𝒜'.repeat(256) }), RULE)).toEqual([]);
    expect(problemsOf(withTags({ ['𝒜'.repeat(129)]: 'x' }), RULE)).toHaveLength(1);
  });

  it(`refuses more than ${MAX_TAGS_PER_RESOURCE} tags on a resource, counting the ${TOOL_TAG_KEYS.length} the tool adds`, () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`team-${i}`, 'x']));
    expect(problemsOf(withTags(many(MAX_TAGS_PER_RESOURCE - TOOL_TAG_KEYS.length)), RULE)).toEqual([]);
    expectProblem(theProblem(withTags(many(MAX_TAGS_PER_RESOURCE - TOOL_TAG_KEYS.length + 1)), RULE), { path: '$.tags', shows: ['"46 tags"', 'would carry 51 tags', 'drop 1'] });
    // A blueprint tag that replaces a tool tag (ManagedBy) adds nothing.
    expect(problemsOf(withTags({ ...many(MAX_TAGS_PER_RESOURCE - TOOL_TAG_KEYS.length), ManagedBy: 'platform' }), RULE)).toEqual([]);
  });

  it('knows the largest set of tags the tool puts on any one resource (checked against a synthesis)', () => {
    const result = validateBlueprint(reference());
    const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-tags-'));
    try {
      const { folder } = synthesizeNetwork(result.model!, { outdir: dir });
      const user = new Set(Object.keys(reference().tags ?? {}));
      let largest: string[] = [];
      for (const stack of folder.stacks) {
        const defaults = Object.keys((stack.config.provider.aws?.[0]?.default_tags as { tags: object }[] | undefined)?.[0]?.tags ?? {});
        for (const byName of Object.values(stack.config.resource)) {
          for (const args of Object.values(byName)) {
            const own = [
              ...Object.keys((args.tags as object | undefined) ?? {}),
              ...((args.tag as { key: string }[] | undefined) ?? []).map((t) => t.key),
              ...((args.tag_specifications as { tags?: object }[] | undefined) ?? []).flatMap((t) => Object.keys(t.tags ?? {})),
            ];
            const keys = [...new Set([...defaults, ...own])].filter((k) => !user.has(k));
            if (keys.length > largest.length) largest = keys;
          }
        }
      }
      expect(largest.sort()).toEqual([...TOOL_TAG_KEYS].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
