import { error, type Problem } from '../problems';
import type { Rule } from './rule';

// Tags reserved for the tool: it writes Name itself on every resource.
const RESERVED = new Set(['Name']);

export const tags: Rule = {
  id: 'tags',
  description: 'Tag keys are 1-128 characters, not aws: or Name; values at most 256 characters.',
  check(bp) {
    const problems: Problem[] = [];
    for (const [key, value] of Object.entries(bp.tags ?? {})) {
      const path = ['tags', key];
      if (key.length < 1 || key.length > 128) problems.push(error(this.id, path, key, 'a tag key is 1 to 128 characters'));
      else if (key.toLowerCase().startsWith('aws:')) problems.push(error(this.id, path, key, 'the aws: prefix is reserved by AWS'));
      else if (RESERVED.has(key)) problems.push(error(this.id, path, key, 'Name is set per resource from the blueprint name'));
      if (value.length > 256) problems.push(error(this.id, path, value, 'a tag value is at most 256 characters'));
    }
    return problems;
  },
};
