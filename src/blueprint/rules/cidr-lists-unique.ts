import { error, type Problem } from '../problems';
import { fleetsOf, regionsOf } from '../walk';
import type { Rule } from './rule';

/**
 * A CIDR listed twice in one list is a typo, never an intent, and it would write
 * the same route or security group rule twice (AWS refuses the duplicate:
 * RouteAlreadyExists, InvalidPermission.Duplicate). VPN prefixes have their own
 * overlap rule (vpn-cidrs), which refuses a repeat already.
 */
export const cidrListsUnique: Rule = {
  id: 'cidr-lists-unique',
  description: 'managementCidrs and internalCidrs name each CIDR once.',
  check(bp) {
    const problems: Problem[] = [];
    const lists: { path: (string | number)[]; cidrs: readonly string[] }[] = [
      ...fleetsOf(bp).map(({ fleet, path }) => ({ path: [...path, 'managementCidrs'], cidrs: fleet.managementCidrs ?? [] })),
      ...regionsOf(bp).map(([region, spec]) => ({ path: ['regions', region, 'internalCidrs'], cidrs: spec.internalCidrs ?? [] })),
    ];
    for (const { path, cidrs } of lists) {
      cidrs.forEach((cidr, i) => {
        const first = cidrs.indexOf(cidr);
        if (first !== i) problems.push(error(this.id, [...path, i], cidr, `repeats ${path[path.length - 1]}[${first}]`));
      });
    }
    return problems;
  },
};
