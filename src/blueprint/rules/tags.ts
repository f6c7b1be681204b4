import { error, type Problem } from '../problems';
import type { Rule } from './rule';

/**
 * AWS tag limits, as every service the stacks tag states them: at most 50 tags
 * per resource, keys of 1-128 and values of 0-256 Unicode characters, and the
 * characters every service accepts, letters, digits, spaces and `_ . : / = + - @`
 * ("Tagging AWS resources", Tag naming limits and requirements:
 * docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html). EC2 alone
 * allows any character, but the blueprint's tags go to every resource through
 * the provider's default_tags, IAM roles and CloudWatch log groups included,
 * whose APIs enforce that set (AWS::IAM::Role Tag, pattern [\p{L}\p{Z}\p{N}_.:/=+\-@]*:
 * docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-iam-role-tag.html),
 * so a tag outside it fails halfway through the first apply.
 */
export const MAX_TAGS_PER_RESOURCE = 50;
const KEY_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const VALUE_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * The most tags the tool itself puts on one resource besides the blueprint's:
 * default_tags ManagedBy and gwlb-blueprint:network, and on a VPC Name,
 * gwlb-blueprint:role and gwlb-blueprint:vpc (constructs/tiered-vpc.ts).
 * test/blueprint/rules/tags.test.ts checks this against a synthesis.
 */
export const TOOL_TAG_KEYS: readonly string[] = ['ManagedBy', 'gwlb-blueprint:network', 'Name', 'gwlb-blueprint:role', 'gwlb-blueprint:vpc'];

/** The tool's own tag namespace: verify reads gwlb-blueprint:role and :tier back, so users may not set them. */
const TOOL_PREFIX = 'gwlb-blueprint:';

const characters = (text: string) => [...text].length;

export const tags: Rule = {
  id: 'tags',
  description: `Tag keys are 1-128 characters, not aws:, Name or gwlb-blueprint:; values at most 256; only letters, digits, spaces and _.:/=+-@; at most ${MAX_TAGS_PER_RESOURCE} on a resource with the tool's own.`,
  check(bp) {
    const problems: Problem[] = [];
    const entries = Object.entries(bp.tags ?? {});
    for (const [key, value] of entries) {
      const path = ['tags', key];
      if (characters(key) < 1 || characters(key) > 128) problems.push(error(this.id, path, key, 'a tag key is 1 to 128 characters'));
      else if (key.toLowerCase().startsWith('aws:')) problems.push(error(this.id, path, key, 'the aws: prefix is reserved by AWS'));
      else if (key === 'Name') problems.push(error(this.id, path, key, 'Name is set per resource from the blueprint name'));
      else if (key.startsWith(TOOL_PREFIX)) problems.push(error(this.id, path, key, `the ${TOOL_PREFIX} prefix is gwlb-blueprint's own (it tags roles, tiers and VPCs with it)`));
      else if (!KEY_CHARACTERS.test(key)) problems.push(error(this.id, path, key, `${badCharacters(key)}: AWS tag keys hold only letters, digits, spaces and _ . : / = + - @ (IAM and CloudWatch Logs refuse the rest)`));
      if (characters(value) > 256) problems.push(error(this.id, path, value, 'a tag value is at most 256 characters'));
      else if (!VALUE_CHARACTERS.test(value)) problems.push(error(this.id, path, value, `${badCharacters(value)}: AWS tag values hold only letters, digits, spaces and _ . : / = + - @ (IAM and CloudWatch Logs refuse the rest)`));
    }
    // A blueprint tag with a tool tag's key replaces it rather than adding one.
    const total = new Set([...TOOL_TAG_KEYS, ...entries.map(([key]) => key)]).size;
    if (total > MAX_TAGS_PER_RESOURCE) {
      problems.push(
        error(this.id, ['tags'], `${entries.length} tags`, `a VPC would carry ${total} tags with the ${TOOL_TAG_KEYS.length} gwlb-blueprint adds (${TOOL_TAG_KEYS.join(', ')}); AWS allows ${MAX_TAGS_PER_RESOURCE} per resource, so drop ${total - MAX_TAGS_PER_RESOURCE}`),
      );
    }
    return problems;
  },
};

function badCharacters(text: string): string {
  const bad = [...new Set([...text].filter((c) => !VALUE_CHARACTERS.test(c)))];
  return `contains ${bad.map((c) => JSON.stringify(c)).join(', ')}`;
}
