import { contains, parseCidr } from '../cidr';
import { error, warning, type Problem } from '../problems';
import { effectiveInternalCidrs, vpcsOf } from '../walk';
import type { Rule } from './rule';

/**
 * A VPC route table holds 50 non-propagated routes by default, adjustable up to
 * 1,000 (docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html, "Route
 * tables": "Routes per route table (non-propagated routes)"). The egress and DMZ
 * tables carry one route per internal range besides their default (DESIGN.md,
 * routing), so a long internalCidrs list (the default names every VPC outside
 * RFC 1918) fails the first apply unless the quota is raised first.
 */
export const ROUTES_PER_TABLE = { default: 50, max: 1000 } as const;

/** Routes of the fullest table of a VPC: the default, one per internal range outside the VPC, and the DMZ app tier's S3 endpoint route. */
export function routesOfFullestTable(role: 'egress' | 'dmz' | 'spoke', ownCidr: string, internal: readonly string[]): number {
  if (role === 'spoke') return 1;
  const own = parseCidr(ownCidr);
  const outside = internal.filter((c) => {
    const parsed = parseCidr(c);
    return !(own.ok && parsed.ok && contains(own.block, parsed.block));
  }).length;
  return 1 + outside + (role === 'dmz' ? 1 : 0);
}

export const routeTableRoutes: Rule = {
  id: 'route-table-routes',
  description: `Each VPC route table stays within the ${ROUTES_PER_TABLE.default} routes a table holds by default (warning: raise the quota first) and the ${ROUTES_PER_TABLE.max} it may be raised to (error).`,
  check(bp) {
    const problems: Problem[] = [];
    // Once per region: the default list names every VPC, so per VPC it would cost VPCs² CIDR parses.
    const internalOf = new Map<string, string[]>();
    for (const vpc of vpcsOf(bp)) {
      if (vpc.role === 'spoke' || !parseCidr(vpc.cidr).ok) continue;
      let internal = internalOf.get(vpc.region);
      if (!internal) internalOf.set(vpc.region, (internal = effectiveInternalCidrs(bp, vpc.region)));
      const routes = routesOfFullestTable(vpc.role, vpc.cidr, internal);
      if (routes <= ROUTES_PER_TABLE.default) continue;
      const path = bp.regions[vpc.region].internalCidrs ? ['regions', vpc.region, 'internalCidrs'] : [...vpc.path, 'cidr'];
      const why = `routes in the fullest route table of ${vpc.role} ${vpc.name} (one per internal range, ${internal.length} in ${vpc.region}, and its default)`;
      problems.push(
        routes > ROUTES_PER_TABLE.max
          ? error(this.id, path, routes, `${why}; a route table holds at most ${ROUTES_PER_TABLE.max}: summarise internalCidrs into fewer, larger ranges`)
          : warning(this.id, path, routes, `${why}; a route table holds ${ROUTES_PER_TABLE.default} by default: raise "Routes per route table" in Service Quotas for account ${vpc.account} before applying, or summarise internalCidrs`),
      );
    }
    return problems;
  },
};
