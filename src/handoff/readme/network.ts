/**
 * The opening of the README: what this folder is, then the network it builds
 * (accounts, each region's fleets, VPCs and VPNs, the peerings between regions)
 * and its topology diagram. A reviewer should be able to check the network
 * against what they asked for before reading any Terraform.
 */
import type { FleetModel, RegionModel } from '../../blueprint/model';
import { vpcsOfRegion } from '../../blueprint/model';
import { VENDOR_PROFILES } from '../../blueprint/vendors';
import { vpcStackName } from '../../stacks/names';
import type { ReadmeContext, Section } from './context';
import { code, list, plural, table } from './markdown';

export const introduction: Section = ({ model, stacks }) => {
  const fleets = model.regions.flatMap((r) => r.fleets);
  const vendors = [...new Set(fleets.map((f) => VENDOR_PROFILES[f.vendor].displayName))];
  return [
    `# ${model.name}: AWS network with appliance inspection`,
    '',
    `Terraform for the ${code(model.name)} network, written by [gwlb-blueprint](https://www.npmjs.com/package/gwlb-blueprint) from its blueprint. ` +
      'Do not edit these files by hand: change the blueprint and regenerate them ([Regenerating](#regenerating)).',
    '',
    `**In short:** ${plural(model.regions.length, 'region')} (${list(model.regions.map((r) => r.code))}), ` +
      `${plural(Object.keys(model.accounts).length, 'AWS account')}, ${plural(stacks.length, 'Terraform stack')}. ` +
      `Every spoke, DMZ and office is attached to a Transit Gateway that sends its traffic through ${fleets.length === 1 ? 'an appliance fleet' : 'appliance fleets'} ` +
      `(${list(vendors)}) behind a Gateway Load Balancer before it reaches the internet, another VPC or an office; ` +
      'internet traffic to the DMZs is inspected at their internet gateway.',
    '',
  ];
};

export const network: Section = (ctx) => {
  const { model, stacks } = ctx;
  const out = ['## The network', '', '### Accounts', ''];
  out.push(
    ...table(
      ['account', 'ID', 'Terraform works in it by', 'home account of'],
      Object.values(model.accounts).map((a) => [
        `${a.name}${a.external ? ' (outside the Organization)' : ''}`,
        a.id,
        a.roleArn ? `assuming ${code(a.roleArn)}` : 'the credentials Terraform runs with (no role)',
        stacks
          .filter((s) => ctx.homeOf(s)?.accountId === a.id)
          .map((s) => code(s.name))
          .join(', '),
      ]),
    ),
    '',
  );
  for (const region of model.regions) out.push(...regionLines(ctx, region));
  const peerings = model.interRegion?.peerings ?? [];
  if (peerings.length > 0) {
    out.push('### Between regions', '');
    out.push(
      model.interRegion.inspection === 'once'
        ? 'Each region pair is inspected once, by the first region of the pair in alphabetical order: its fleet sees both directions of every flow between the two, and the other region routes that traffic straight to and from the peering. A stateful appliance never sees only half of a conversation.'
        : 'Every region inspects what leaves or enters it: a flow between two regions passes both regions\' fleets, each of which sees both directions. A stateful appliance never sees only half of a conversation.',
      '',
    );
    for (const p of peerings) out.push(`- TGW peering ${p.requester} ↔ ${p.accepter}; traffic between them is inspected in ${list(p.inspectedBy)}.`);
    out.push('');
  }
  return out;
};

function regionLines(ctx: ReadmeContext, region: RegionModel): string[] {
  const { model } = ctx;
  const kind = region.azs[0]?.kind === 'id' ? 'AZ IDs, the same physical zones in every account' : 'AZ names';
  const out = [
    `### Region ${region.code}`,
    '',
    `- **Availability Zones:** ${region.azs.map((a) => code(a.value)).join(', ')} (${kind}).`,
    `- **Transit Gateway:** in account ${ctx.accountNamed(region.transitGateway.account)}, Amazon-side ASN ${region.transitGateway.amazonSideAsn}; route tables ${code('spokes')} (spokes)${region.dmzs.length > 0 ? `, ${code('dmzs')} (DMZs)` : ''}, ${code('onprem')} (VPNs; what the offices learn) and ${code('inspection')} (the egress VPC).`,
    `- **East-west traffic** (spoke ↔ spoke): ${region.eastWest ? 'inspected' : '**not inspected** (direct through the TGW; `inspection.eastWest` is false)'}${region.dmzs.length > 0 ? '; DMZ ↔ spoke is always inspected' : ''}.`,
    `- **Internal ranges** (sent back to the TGW after inspection, never out through NAT): ${region.internalCidrs.map(code).join(', ')}.`,
    '',
  ];
  out.push(
    ...table(
      ['fleet', 'appliance', 'AMI', 'instances', 'health check', 'inspects'],
      region.fleets.map((f) => [
        f.name,
        VENDOR_PROFILES[f.vendor].displayName,
        code(f.ami),
        `${f.instanceType} × ${f.minSize}–${f.maxSize} (desired ${f.desiredCapacity})`,
        `${f.healthCheck.protocol} ${f.healthCheck.port}${f.healthCheck.path ?? ''}`,
        inspectedBy(region, f).join(', '),
      ]),
    ),
    '',
  );
  out.push(
    ...table(
      ['VPC', 'kind', 'account', 'CIDR', 'inspected by fleet', 'stack'],
      vpcsOfRegion(region).map((v) => [
        v.name,
        v.role === 'dmz' && v.shareWith.length > 0 ? `DMZ, subnets shared with ${v.shareWith.join(', ')}` : v.role === 'dmz' ? 'DMZ' : v.role,
        ctx.accountNamed(v.account),
        code(v.cidr),
        // Spokes have no endpoints of their own: their traffic is inspected on its way through the egress VPC.
        v.role === 'spoke' ? `${region.egress.fleet} (at the egress VPC)` : (v.fleet ?? ''),
        code(vpcStackName(model, region, v)),
      ]),
    ),
    '',
  );
  if (region.vpns.length > 0) {
    out.push(
      ...table(
        ['VPN', 'customer gateway', 'routing', 'on-premises prefixes'],
        region.vpns.map((v) => [v.name, code(v.customerGatewayIp), v.staticRoutesOnly ? 'static routes' : `BGP, customer ASN ${v.bgpAsn}`, v.cidrs.map(code).join(', ') || 'learned over BGP']),
      ),
      '',
    );
  }
  return out;
}

/** The egress VPC's fleet is the one east-west and VPN paths run through when they are inspected, so it is listed for them too. */
function inspectedBy(region: RegionModel, fleet: FleetModel): string[] {
  const inspected: string[] = [];
  if (region.egress.fleet === fleet.name) inspected.push('egress and east-west', ...(region.vpns.length > 0 ? ['VPNs'] : []));
  for (const d of region.dmzs) if (d.fleet === fleet.name) inspected.push(`DMZ ${d.name}`);
  return inspected;
}

export const topology: Section = ({ diagram, diagramFile }) => [
  '## Topology',
  '',
  '```mermaid',
  diagram.trimEnd(),
  '```',
  '',
  'Thick red arrows: inspected paths. Red dotted arrows: GENEVE (UDP 6081) between GWLB endpoints and the fleet\'s Gateway Load Balancer. ' +
    'Grey dashed arrow: inspected traffic for internal destinations going back to the TGW, whose `inspection` table routes it to the right attachment.' +
    (diagramFile
      ? ` The same diagram is in ${code(diagramFile)}; \`gwlb-blueprint diagram -b <blueprint> -o diagram.svg\` draws it as SVG where Chromium is installed.`
      : ''),
  '',
];
