import { error, type Problem } from '../problems';
import { AWS_REGIONS, classifyAz, regionAzIds } from '../regions';
import { regionsOf } from '../walk';
import type { Rule } from './rule';

/**
 * Regions and AZ IDs that exist: AWS refuses a subnet in `euw2-az99` or a provider
 * for `eu-west-9` only at apply time, after other stacks were built. The table is
 * regions.ts; a Region or AZ launched since is declared in `regionAvailabilityZones`.
 */
export const knownRegions: Rule = {
  id: 'known-regions',
  description: 'Every region is an AWS Region and every AZ ID one of its AZs (the built-in table, or the region\'s regionAvailabilityZones).',
  check(bp) {
    const problems: Problem[] = [];
    for (const [region, spec] of regionsOf(bp)) {
      const declared = spec.regionAvailabilityZones;
      const declaredPath = ['regions', region, 'regionAvailabilityZones'];
      declared?.forEach((az, i) => {
        if (classifyAz(region, az) !== 'id') problems.push(error(this.id, [...declaredPath, i], az, `is not an AZ ID of ${region}`));
        else if (declared.indexOf(az) !== i) problems.push(error(this.id, [...declaredPath, i], az, 'is listed twice'));
      });
      const known = regionAzIds(region, declared);
      if (!known) {
        problems.push(
          error(this.id, ['regions', region], region, `is not an AWS Region gwlb-blueprint knows (${Object.keys(AWS_REGIONS).length} Regions); a Region launched since this version is declared by listing its AZ IDs in regionAvailabilityZones`),
        );
        continue;
      }
      spec.availabilityZones.forEach((az, i) => {
        if (classifyAz(region, az) !== 'id' || known.includes(az)) return;
        const source = declared ? 'its regionAvailabilityZones list' : `${region} has ${known.join(', ')}`;
        problems.push(
          error(this.id, ['regions', region, 'availabilityZones', i], az, `is not an AZ of ${region} (${source}); an AZ launched since this version is declared in regionAvailabilityZones`),
        );
      });
    }
    return problems;
  },
};
