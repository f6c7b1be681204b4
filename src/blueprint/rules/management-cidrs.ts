import { parseCidr } from '../cidr';
import { error, type Problem } from '../problems';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

export const managementCidrs: Rule = {
  id: 'management-cidrs',
  description: 'Appliance management ports are never open to the whole internet (0.0.0.0/0).',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      (fleet.managementCidrs ?? []).forEach((cidr, i) => {
        const parsed = parseCidr(cidr);
        if (parsed.ok && parsed.block.prefix === 0) {
          problems.push(error(this.id, [...path, 'managementCidrs', i], cidr, 'opens SSH/HTTPS management to the whole internet; list your admin ranges'));
        }
      });
    }
    return problems;
  },
};
