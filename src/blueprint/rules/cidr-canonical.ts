import { parseCidr } from '../cidr';
import { error, type Problem } from '../problems';
import { cidrFieldsOf } from '../walk';
import type { Rule } from './rule';

export const cidrCanonical: Rule = {
  id: 'cidr-canonical',
  description: 'Every CIDR is a canonical IPv4 CIDR (no host bits set).',
  check(bp) {
    const problems: Problem[] = [];
    for (const { cidr, path } of cidrFieldsOf(bp)) {
      const parsed = parseCidr(cidr);
      if (!parsed.ok) {
        const hint = parsed.suggestion ? `; did you mean "${parsed.suggestion}"?` : '';
        problems.push(error(this.id, path, cidr, `${parsed.reason}${hint}`));
      }
    }
    return problems;
  },
};
