import { error, type Problem } from '../problems';
import { vpcsOf } from '../walk';
import type { Rule } from './rule';

export const fleetReferences: Rule = {
  id: 'fleet-references',
  description: 'The egress VPC and every DMZ name a fleet of their own region.',
  check(bp) {
    const problems: Problem[] = [];
    for (const vpc of vpcsOf(bp)) {
      if (vpc.fleet === undefined) continue;
      const known = Object.keys(bp.regions[vpc.region].fleets);
      if (!known.includes(vpc.fleet)) {
        problems.push(error(this.id, [...vpc.path, 'fleet'], vpc.fleet, `is not a fleet of ${vpc.region} (known: ${known.join(', ') || 'none'})`));
      }
    }
    return problems;
  },
};
