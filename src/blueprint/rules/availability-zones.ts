import { error, type Problem } from '../problems';
import { azIdPrefix, classifyAz } from '../regions';
import { regionsOf } from '../walk';
import type { Rule } from './rule';

export const AZ_COUNT = { min: 2, max: 6 } as const;

export const availabilityZones: Rule = {
  id: 'availability-zones',
  description: `Each region lists ${AZ_COUNT.min} to ${AZ_COUNT.max} distinct AZs of that region, all IDs or all names.`,
  check(bp) {
    const problems: Problem[] = [];
    for (const [region, spec] of regionsOf(bp)) {
      const path = ['regions', region, 'availabilityZones'];
      const azs = spec.availabilityZones;
      if (azs.length < AZ_COUNT.min || azs.length > AZ_COUNT.max) {
        problems.push(error(this.id, path, azs, `lists ${azs.length} AZs; a region needs ${AZ_COUNT.min} to ${AZ_COUNT.max}`));
      }
      const kinds = new Set<string>();
      azs.forEach((az, i) => {
        const kind = classifyAz(region, az);
        if (!kind) {
          problems.push(error(this.id, [...path, i], az, `is not an AZ of ${region} (expected an AZ ID like ${azIdPrefix(region) ?? '?'}-az1 or an AZ name like ${region}a)`));
          return;
        }
        kinds.add(kind);
        if (azs.indexOf(az) !== i) problems.push(error(this.id, [...path, i], az, 'is listed twice'));
      });
      if (kinds.size > 1) problems.push(error(this.id, path, azs, 'mixes AZ IDs and AZ names; use AZ IDs throughout'));
    }
    return problems;
  },
};
