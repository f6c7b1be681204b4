import { error, type Problem } from '../problems';
import { VENDOR_PROFILES } from '../vendors';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

export const fleetInitialPolicy: Rule = {
  id: 'fleet-initial-policy',
  description: 'initialPolicy is one the vendor\'s bootstrap can express; deny-until-managed needs the vendor\'s management plane, or the fleet would never pass traffic.',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      const policy = fleet.initialPolicy;
      if (policy === undefined) continue;
      const profile = VENDOR_PROFILES[fleet.vendor];
      const at = [...path, 'initialPolicy'];
      if (!profile.initialPolicies.includes(policy)) {
        problems.push(error(this.id, at, policy, `${fleet.vendor} appliances only ${profile.initialPolicies.join(' or ')}`));
      } else if (policy === 'deny-until-managed' && (!profile.management || fleet.management?.[profile.management] === undefined)) {
        problems.push(error(this.id, at, policy, `needs management.${profile.management}: nothing would ever replace the deny, so the fleet would drop every inspected packet`));
      }
    }
    return problems;
  },
};
