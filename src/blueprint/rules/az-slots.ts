import { MAX_AZ_SLOTS, MIN_AZ_SLOTS } from '../address-plan';
import { error, type Problem } from '../problems';
import { regionsOf } from '../walk';
import type { Rule } from './rule';

/** The AZ slots a region's VPCs are laid out for hold every AZ it uses, and no region has more than six AZs. */
export const azSlots: Rule = {
  id: 'az-slots',
  description: `A region's azSlots is at least the number of AZs it uses, ${MIN_AZ_SLOTS} to ${MAX_AZ_SLOTS}.`,
  check(bp) {
    const problems: Problem[] = [];
    for (const [region, spec] of regionsOf(bp)) {
      if (spec.azSlots === undefined) continue;
      const used = spec.availabilityZones.length;
      const least = Math.max(MIN_AZ_SLOTS, used);
      if (spec.azSlots < least || spec.azSlots > MAX_AZ_SLOTS) {
        const why = spec.azSlots < used ? `leaves no room for the ${used} AZs the region uses` : `must be ${least} to ${MAX_AZ_SLOTS}`;
        problems.push(error(this.id, ['regions', region, 'azSlots'], spec.azSlots, why));
      }
    }
    return problems;
  },
};
