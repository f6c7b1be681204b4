import { error, warning, type Problem } from '../problems';
import { regionRoutePlan, TGW_ROUTES_QUOTA, VPN_ADVERTISED_ROUTES_QUOTA } from '../tgw-routes';
import { regionsOf } from '../walk';
import type { Rule } from './rule';

/** Counts what each TGW route table of a region will hold against the TGW and VPN quotas (tgw-routes.ts, with the sources). */
export const tgwRouteQuotas: Rule = {
  id: 'tgw-route-quotas',
  description: 'The TGW route tables fit the TGW route quota (10,000, adjustable) and the routes advertised to each office fit the VPN quota (1,000, fixed), summarising onprem into internalCidrs when needed.',
  check(bp) {
    const problems: Problem[] = [];
    for (const [code, spec] of regionsOf(bp)) {
      const plan = regionRoutePlan(bp, code);
      const vpns = Object.keys(spec.vpnConnections ?? {}).length;
      const path = ['regions', code, ...(vpns > 0 ? ['vpnConnections'] : [])];
      if (vpns > 0 && plan.counts.onprem > VPN_ADVERTISED_ROUTES_QUOTA) {
        problems.push(
          error(
            this.id,
            path,
            plan.counts.onprem,
            `routes would be advertised to each office even with the region's VPCs summarised into its internalCidrs; a VPN connection is advertised at most ${VPN_ADVERTISED_ROUTES_QUOTA} (not adjustable). Peer fewer regions with interRegion.peerings, or list fewer office prefixes`,
          ),
        );
      } else if (vpns > 0 && plan.onprem.summarised) {
        problems.push(
          warning(
            this.id,
            path,
            plan.onpremUnsummarised,
            `routes (one per VPC CIDR and office prefix reachable from ${code}) are more than a VPN connection may be advertised (${VPN_ADVERTISED_ROUTES_QUOTA}): the offices learn the internalCidrs ${plan.onprem.toEgress.filter((c) => c !== '0.0.0.0/0').join(', ')} instead`,
          ),
        );
      }
      if (plan.total > TGW_ROUTES_QUOTA) {
        const counts = Object.entries(plan.counts).filter(([, n]) => n > 0).map(([table, n]) => `${table} ${n}`).join(', ');
        problems.push(
          warning(
            this.id,
            ['regions', code, 'transitGateway'],
            plan.total,
            `routes across the TGW's route tables (${counts}) exceed the default quota of ${TGW_ROUTES_QUOTA} combined routes per TGW: request an increase of "Total combined routes" in Service Quotas before applying`,
          ),
        );
      }
    }
    return problems;
  },
};
