import { error, type Problem } from '../problems';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

export const healthChecks: Rule = {
  id: 'health-checks',
  description: 'A health check path is given only for HTTP/HTTPS, and starts with a slash.',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      const check = fleet.healthCheck;
      if (!check || check.path === undefined) continue;
      const at = [...path, 'healthCheck', 'path'];
      if (check.protocol === 'TCP') problems.push(error(this.id, at, check.path, 'a TCP health check has no path; drop it or use HTTP/HTTPS'));
      else if (!check.path.startsWith('/') || check.path.length > 1024) problems.push(error(this.id, at, check.path, 'must start with "/" (at most 1024 characters)'));
    }
    return problems;
  },
};
