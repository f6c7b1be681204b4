import { error, warning, type Problem } from '../problems';
import { VENDOR_PROFILES } from '../vendors';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

/** No vendor template waits more than 3600 s (Check Point autoscale_gwlb); past two hours a dead appliance stays in service unnoticed. */
const MAX_GRACE = 7200;

export const healthCheckGrace: Rule = {
  id: 'health-check-grace',
  description: 'healthCheckGracePeriod lies in 0-7200 seconds; one shorter than the vendor\'s boot time is warned (the ASG would replace appliances that are still booting, in a loop).',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      const value = fleet.healthCheckGracePeriod;
      if (value === undefined) continue;
      const at = [...path, 'healthCheckGracePeriod'];
      const vendor = VENDOR_PROFILES[fleet.vendor];
      if (value < 0 || value > MAX_GRACE) problems.push(error(this.id, at, value, `must lie between 0 and ${MAX_GRACE} seconds`));
      else if (value < vendor.healthCheckGracePeriod) {
        problems.push(warning(this.id, at, value, `is shorter than the ${vendor.healthCheckGracePeriod} s ${vendor.displayName} takes to boot and load policy: the group may replace appliances before they come up`));
      }
    }
    return problems;
  },
};
