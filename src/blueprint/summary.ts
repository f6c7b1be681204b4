/**
 * The one-screen summary of a planned network that `validate` prints and the
 * wizard shows before it writes: accounts, and per region its VPCs with the
 * subnet size of every tier.
 */
import type { Tier } from './address-plan';
import type { NetworkModel, RegionModel, VpcModel } from './model';

const TIER_COLUMNS: readonly Tier[] = ['tgw', 'gwlbe', 'appliance', 'public', 'app', 'workload'];

export function formatPlanSummary(model: NetworkModel): string {
  const lines: string[] = [];
  const accountCount = Object.keys(model.accounts).length;
  lines.push(`${model.name}: ${accountCount} account${accountCount === 1 ? '' : 's'}, ${model.regions.length} region${model.regions.length === 1 ? '' : 's'}, state ${model.state.backend === 's3' ? `in s3://${model.state.bucket}/${model.state.keyPrefix}` : 'local'}`);
  lines.push('');
  lines.push(table(['account', 'id', 'credentials'], Object.values(model.accounts).map((a) => [a.name, a.id, a.roleArn ? `assumes ${a.roleArn.split(':role/')[1]}` : 'caller\'s own'])));
  for (const region of model.regions) lines.push('', ...regionSummary(region));
  return lines.join('\n');
}

function regionSummary(region: RegionModel): string[] {
  const lines = [
    `${region.code}: ${region.azs.length} AZs (${region.azs.map((a) => a.value).join(', ')}), TGW in ${region.transitGateway.account} ASN ${region.transitGateway.amazonSideAsn}, east-west ${region.eastWest ? 'inspected' : 'not inspected'}`,
  ];
  for (const f of region.fleets) {
    const health = `${f.healthCheck.protocol} ${f.healthCheck.port}${f.healthCheck.path ?? ''}`;
    lines.push(`  fleet ${f.name}: ${f.vendor} ${f.instanceType} x ${f.minSize}-${f.maxSize} (desired ${f.desiredCapacity}), health ${health}, endpoints in ${f.endpointAccounts.join(', ')}`);
  }
  const vpcs: VpcModel[] = [region.egress, ...region.dmzs, ...region.spokes];
  const used = TIER_COLUMNS.filter((t) => vpcs.some((v) => v.subnets.some((s) => s.tier === t)));
  const rows = vpcs.map((v) => [
    v.role === 'egress' ? 'egress' : `${v.role} ${v.name}`,
    v.account,
    v.cidr,
    ...used.map((t) => {
      const subnet = v.subnets.find((s) => s.tier === t);
      return subnet ? `/${subnet.cidr.split('/')[1]}` : '';
    }),
  ]);
  lines.push(...indent(table(['vpc', 'account', 'cidr', ...used], rows), '  '));
  lines.push(`  (one subnet per tier per AZ; internal ranges ${region.internalCidrs.join(', ')})`);
  for (const vpn of region.vpns) {
    lines.push(`  vpn ${vpn.name}: ${vpn.customerGatewayIp} ASN ${vpn.bgpAsn}, ${vpn.staticRoutesOnly ? 'static routes' : 'BGP'}${vpn.cidrs.length ? `, ${vpn.cidrs.join(', ')}` : ''}`);
  }
  return lines;
}

function indent(text: string, prefix: string): string[] {
  return text.split('\n').map((l) => prefix + l);
}

/** Plain left-aligned columns, two spaces apart. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
