/**
 * The "Creates" list of each stack's section: what it builds, in the terms a
 * network engineer reviews (attachments, route tables, shares, routes), not
 * resource by resource; the resource counts follow it in stacks.ts.
 */
import type { RegionModel, VpcModel } from '../../blueprint/model';
import { vpcsOfRegion } from '../../blueprint/model';
import { VENDOR_PROFILES } from '../../blueprint/vendors';
import type { ReadmeContext } from './context';
import { code, list, plural } from './markdown';
import type { StackRole } from './roles';

export function createsOf(ctx: ReadmeContext, role: StackRole): string[] {
  const { model } = ctx;
  switch (role.kind) {
    case 'hub': {
      const r = role.region;
      const others = [...new Set(vpcsOfRegion(r).map((v) => v.account))].filter((a) => a !== r.transitGateway.account).sort();
      const external = others.filter((a) => model.accounts[a].external);
      return [
        `Transit Gateway (ASN ${r.transitGateway.amazonSideAsn}) with default route table association and propagation off and auto-accept of shared attachments off: every attachment is placed explicitly.`,
        `TGW route tables \`spokes\`${r.dmzs.length > 0 ? ', `dmzs`' : ''}, \`onprem\` and \`inspection\`.`,
        ...(others.length > 0
          ? [`RAM share of the TGW with ${list(others.map(ctx.accountNamed))}${external.length > 0 ? `; the invitation to ${list(external)} (outside the Organization) is accepted here` : ''}.`]
          : []),
        ...r.vpns.map(
          (v) =>
            `Site-to-Site VPN ${code(v.name)} to customer gateway ${v.customerGatewayIp} (${v.staticRoutesOnly ? `static routes ${v.cidrs.join(', ')}` : `BGP ASN ${v.bgpAsn}`}), associated with \`onprem\` and propagated to \`inspection\`; both tunnels log to CloudWatch Logs.`,
        ),
      ];
    }
    case 'vpc':
      return vpcCreates(ctx, role.region, role.vpc);
    case 'peering':
      return [
        `TGW peering attachment from ${role.requester} to ${role.accepter}, accepted in ${role.accepter}, with a route table of its own on each side.`,
        `Static routes for each region's VPC and office prefixes on the other side (peerings propagate nothing); traffic between the regions is inspected in ${list(role.inspectedBy)}.`,
      ];
    default:
      return [];
  }
}

function vpcCreates(ctx: ReadmeContext, region: RegionModel, vpc: VpcModel): string[] {
  const account = ctx.accountNamed;
  const tiers = [...new Set(vpc.subnets.map((s) => s.tier))].map(code).join(', ');
  const azs = plural(region.azs.length, 'AZ');
  const tgwAccount = region.transitGateway.account;
  const accepted = vpc.account !== tgwAccount ? `accepted in the TGW account ${account(tgwAccount)}, ` : '';
  const common = `VPC ${code(vpc.name)} ${code(vpc.cidr)} with subnets ${tiers} in ${azs}, one route table per subnet, flow logs to CloudWatch Logs, and a default security group with no rules.`;
  // With east-west inspection off, spokes reach each other through routes propagated into `spokes`.
  const propagated = region.eastWest ? '`inspection`' : '`inspection` and `spokes`';
  if (vpc.role === 'egress') {
    return [
      `${common} Internet gateway and one NAT gateway per AZ.`,
      ...region.fleets.map((f) => {
        const profile = VENDOR_PROFILES[f.vendor];
        return (
          `Fleet ${code(f.name)}: Gateway Load Balancer in the \`appliance\` subnets, GENEVE target group (UDP 6081, health check ${f.healthCheck.protocol} ${f.healthCheck.port}), ` +
          `VPC endpoint service open to ${list(f.endpointAccounts.map(account))}, launch template (${profile.displayName}, ${code(f.ami)}, ${f.instanceType}) and Auto Scaling group of ${f.minSize}–${f.maxSize}, security group, IAM role and instance profile.`
        );
      }),
      `GWLB endpoints of fleet ${code(vpc.fleet!)}, one per AZ.`,
      `TGW attachment with **appliance mode on**, ${accepted}associated with \`inspection\`; \`0.0.0.0/0\` in \`spokes\`${region.dmzs.length > 0 ? ' and `dmzs`' : ''}, and in \`onprem\` ${region.onprem.summarised ? 'the internal ranges' : 'every VPC CIDR of the region'}${region.onprem.internet ? ' and `0.0.0.0/0`' : ''}, point to it.`,
      'Routes: `tgw` subnets → GWLB endpoint of the same AZ; `gwlbe` → NAT (internet) or TGW (internal ranges); `public` → internet gateway, internal ranges back through the GWLB endpoint; `appliance` → NAT, internal ranges → TGW.',
    ];
  }
  if (vpc.role === 'dmz') {
    const fleetAccount = region.fleets.find((f) => f.name === vpc.fleet)?.account;
    return [
      `${common} Internet gateway with an **edge route table**: traffic for each \`public\` and \`app\` subnet goes to the GWLB endpoint of its AZ.`,
      `GWLB endpoints of fleet ${code(vpc.fleet!)}, one per AZ${fleetAccount && fleetAccount !== vpc.account ? ` (the endpoint service is in account ${account(fleetAccount)})` : ''}.`,
      `TGW attachment, ${accepted}associated with \`dmzs\`, propagated to \`inspection\`.`,
      'Routes: `gwlbe` → internet gateway; `public` → GWLB endpoint (internet) or TGW (internal ranges); `app` → TGW.',
      ...(vpc.s3Endpoint ? ['S3 gateway endpoint for the `app` subnets, admitting the blueprint\'s accounts and the AWS-owned buckets instances need.'] : []),
      ...(vpc.shareWith.length > 0 ? [`RAM share of the \`public\` and \`app\` subnets with ${list(vpc.shareWith.map(account))}.`] : []),
    ];
  }
  return [common, `TGW attachment, ${accepted}associated with \`spokes\`, propagated to ${propagated}.`, 'Routes: `workload` subnets → TGW (`0.0.0.0/0`).'];
}
