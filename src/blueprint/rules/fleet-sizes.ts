import { error, type Problem } from '../problems';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

export const fleetSizes: Rule = {
  id: 'fleet-sizes',
  description: 'Auto Scaling sizes satisfy 1 <= minSize <= desiredCapacity <= maxSize.',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      const desired = fleet.desiredCapacity ?? fleet.minSize;
      if (fleet.minSize < 1) problems.push(error(this.id, [...path, 'minSize'], fleet.minSize, 'must be at least 1: a fleet with no appliance drops every inspected packet'));
      if (fleet.maxSize < fleet.minSize) problems.push(error(this.id, [...path, 'maxSize'], fleet.maxSize, `is below minSize (${fleet.minSize})`));
      if (fleet.desiredCapacity !== undefined && (desired < fleet.minSize || desired > fleet.maxSize)) {
        problems.push(error(this.id, [...path, 'desiredCapacity'], desired, `must lie between minSize (${fleet.minSize}) and maxSize (${fleet.maxSize})`));
      }
    }
    return problems;
  },
};
