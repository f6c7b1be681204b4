/**
 * "Inspected flows": the intent file's flows in words, each with the path it
 * takes. The policies come from intentOf, the same source `verify` checks, so
 * the README cannot promise inspection that verify does not prove.
 */
import type { RegionModel } from '../../blueprint/model';
import { peeringsOf } from '../../blueprint/model';
import { intentOf } from '../../synth/intent';
import { INTENT_FILE, type FlowPolicy } from '../../verify/intent';
import type { Section } from './context';
import { code, list, table } from './markdown';

export const flows: Section = ({ model }) => {
  const out = [
    '## Inspected flows',
    '',
    `${code(INTENT_FILE)} records this intent; ${code('npx gwlb-blueprint verify .')} traces every flow through these Terraform files, both directions and every AZ, and fails if one is not inspected as stated.`,
    '',
  ];
  const intent = intentOf(model);
  for (const region of model.regions) {
    const regionFlows = intent.regions[region.code]?.flows ?? {};
    if (model.regions.length > 1) out.push(`**${region.code}**`, '');
    out.push(
      ...table(
        ['flow', 'policy', 'path'],
        [
          // A flow class without a described path is left out rather than shown with a wrong one.
          ...Object.entries(regionFlows)
            .filter(([cls]) => FLOW_PATHS[cls] !== undefined)
            .map(([cls, policy]) => [FLOW_TITLES[cls] ?? cls, policyText(policy as FlowPolicy, cls, region), FLOW_PATHS[cls](region, policy as FlowPolicy)]),
          ...peeringsOf(model, region.code).map(({ peering, peer }) => [
            `${region.code} ↔ ${peer}`,
            `inspected in ${list(peering.inspectedBy)}`,
            `VPC or office → TGW → ${peering.inspectedBy.includes(region.code) ? 'egress VPC → appliance → ' : ''}TGW peering → ${peer} TGW → ${peering.inspectedBy.includes(peer) ? 'egress VPC → appliance → ' : ''}destination`,
          ]),
        ],
      ),
      '',
    );
  }
  return out;
};

const FLOW_TITLES: Record<string, string> = {
  'spoke-internet': 'spoke → internet',
  'dmz-internet': 'DMZ app → internet',
  'internet-dmz': 'internet → DMZ public and app subnets',
  'spoke-spoke': 'spoke ↔ spoke',
  'dmz-spoke': 'DMZ ↔ spoke',
  'vpn-spoke': 'office (VPN) ↔ spoke',
};

function policyText(policy: FlowPolicy, cls: string, region: RegionModel): string {
  if (policy === 'direct') return 'not inspected';
  // Inbound internet traffic is inspected at the DMZ's own endpoints, by its fleet; everything else at the egress VPC.
  if (cls === 'internet-dmz') return `inspected by ${[...new Set(region.dmzs.map((d) => d.fleet!))].join(', ') || 'the DMZ fleet'}`;
  return `inspected by ${region.egress.fleet}`;
}

const VIA_EGRESS = 'egress VPC (TGW attachment in appliance mode) → GWLB endpoint → appliance → GWLB endpoint';

const FLOW_PATHS: Record<string, (region: RegionModel, policy: FlowPolicy) => string> = {
  'spoke-internet': () => `workload subnet → TGW \`spokes\` table → ${VIA_EGRESS} → NAT gateway → internet; replies come back through the same AZ's endpoint`,
  'dmz-internet': () => `app subnet → TGW \`dmzs\` table → ${VIA_EGRESS} → NAT gateway → internet`,
  'internet-dmz': () =>
    'internet → DMZ internet gateway (edge route table, a route for every public and app subnet) → GWLB endpoint of the same AZ → appliance → public subnet (ALB); replies leave through the same endpoint. An app subnet is reached only through the endpoint too',
  'spoke-spoke': (_r, p) => (p === 'direct' ? 'workload subnet → TGW `spokes` table (propagated routes) → other spoke' : `workload subnet → TGW \`spokes\` table → ${VIA_EGRESS} → TGW \`inspection\` table → other spoke`),
  'dmz-spoke': (_r, p) =>
    p === 'direct'
      ? 'app subnet → TGW `spokes` table (propagated routes) → spoke'
      : `app subnet → TGW \`dmzs\` table (its only route leads to inspection) → ${VIA_EGRESS} → TGW \`inspection\` table → spoke; the spoke answers through the \`spokes\` table and the same appliance`,
  'vpn-spoke': (r) =>
    r.vpns.length === 0
      ? 'no VPN in this region'
      : `office → VPN → TGW \`onprem\` table (a route per VPC CIDR) → ${VIA_EGRESS} → TGW \`inspection\` table → spoke; replies through the \`spokes\` table and the same appliance path`,
};
