/**
 * "Address plan": every subnet of every VPC, by tier and AZ, with what the tier
 * is for. Reviewers compare these CIDRs against their IPAM, so they are shown
 * exactly as the stacks create them.
 */
import type { Tier } from '../../blueprint/address-plan';
import type { VpcModel } from '../../blueprint/model';
import { vpcsOfRegion } from '../../blueprint/model';
import type { Section } from './context';
import { code, table } from './markdown';

export const addressPlan: Section = ({ model }) => {
  const out = ['## Address plan', '', 'Every subnet is carved from its own VPC\'s CIDR by tier and AZ position only: adding or removing another VPC never moves it.', ''];
  for (const region of model.regions) {
    for (const vpc of vpcsOfRegion(region)) {
      out.push(`**${region.code} · ${vpc.role === 'egress' ? 'egress' : `${vpc.role} ${vpc.name}`}** (${vpc.account}, ${code(vpc.cidr)})`, '');
      const tiers = [...new Set(vpc.subnets.map((s) => s.tier))];
      out.push(
        ...table(
          ['tier', ...region.azs.map((a) => a.value)],
          tiers.map((t) => [`${t} (${tierNote(vpc, t)})`, ...region.azs.map((a) => code(vpc.subnets.find((s) => s.tier === t && s.az.index === a.index)?.cidr ?? ''))]),
        ),
        '',
      );
    }
  }
  return out;
};

const TIER_NOTES: Readonly<Record<Tier, string>> = {
  tgw: 'TGW attachment',
  gwlbe: 'GWLB endpoints',
  appliance: 'GWLB and appliances',
  public: 'NAT gateways',
  app: 'applications',
  workload: 'workloads',
};

/** A DMZ's public subnets hold its load balancers, not NAT gateways as in the egress VPC. */
function tierNote(vpc: VpcModel, tier: Tier): string {
  return vpc.role === 'dmz' && tier === 'public' ? 'ALBs' : TIER_NOTES[tier];
}
