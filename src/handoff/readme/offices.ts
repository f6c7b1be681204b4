/**
 * "What the offices and the DMZs see": the routes each office learns from the
 * TGW (the `onprem` table: DESIGN.md, tgw-routes.ts), and how closed each DMZ is
 * (its own TGW table, an edge route for every public and app subnet, an S3
 * endpoint limited to the blueprint's accounts). These changed the day the
 * network stopped advertising a default route to the offices, so they are said
 * where the network team reads first.
 */
import type { NetworkModel, RegionModel } from '../../blueprint/model';
import { peeringsOf, rangesOf } from '../../blueprint/model';
import { AWS_OWNED_BUCKETS_SUMMARY } from '../../blueprint/s3-endpoint-policy';
import type { Section } from './context';
import { code, list, plural } from './markdown';

export const offices: Section = ({ model }) => {
  const out: string[] = [];
  const withVpns = model.regions.filter((r) => r.vpns.length > 0);
  if (withVpns.length > 0) {
    out.push('## What the offices learn', '');
    out.push(
      'Every VPN of a region is associated with the TGW route table `onprem`, and the TGW advertises that table to each BGP office. ' +
        '**The offices no longer learn a default route** unless the blueprint sets `officeInternetThroughAws` for their region: their internet traffic stays local, and only traffic for AWS crosses the VPN.',
      '',
    );
    for (const region of withVpns) out.push(...regionLines(model, region));
    const statics = withVpns.flatMap((r) => r.vpns.filter((v) => v.staticRoutesOnly).map((v) => code(v.name)));
    if (statics.length > 0) {
      out.push(`A static-routes office (${list(statics)}) learns nothing over BGP: configure its router with the same prefixes (and \`0.0.0.0/0\` only where listed above).`, '');
    }
    out.push('What arrives from an office for any other destination is dropped at the TGW.', '');
  }
  const dmzs = model.regions.flatMap((r) => r.dmzs.map((d) => ({ region: r, dmz: d })));
  if (dmzs.length > 0) {
    out.push('## How closed the DMZs are', '');
    out.push(
      '- **Own TGW table:** each DMZ is associated with the `dmzs` table, whose only route (`0.0.0.0/0`) leads to the egress VPC, and no other table learns a DMZ: DMZ ↔ spoke traffic is inspected whatever `inspection.eastWest` says.',
      '- **Inbound from the internet:** the internet gateway\'s edge route table sends every `public` **and `app`** subnet to its AZ\'s GWLB endpoint. An app instance given a public address is reached only through the appliances; it answers through the hub, so publish services through the load balancers of the public subnets.',
    );
    const withEndpoint = dmzs.filter(({ dmz }) => dmz.s3Endpoint);
    if (withEndpoint.length > 0) {
      const extra = withEndpoint.filter(({ dmz }) => dmz.s3Endpoint!.buckets.length > 0);
      out.push(
        `- **S3 gateway endpoint** (app subnets of ${list(withEndpoint.map(({ dmz }) => code(dmz.name)))}): its policy admits requests by principals of the blueprint's ${plural(Object.keys(model.accounts).length, 'account')} to buckets those accounts own, ` +
          `read access to the AWS-owned buckets instances need in the region (${AWS_OWNED_BUCKETS_SUMMARY})` +
          (extra.length > 0 ? `, and reads of ${list(extra.flatMap(({ dmz }) => dmz.s3Endpoint!.buckets.map(code)))}` : '') +
          '. Any other bucket is refused through the endpoint: list it in `dmzs.<name>.s3Endpoint.buckets`, or set `enabled: false` to route S3 through the hub like any other traffic.',
      );
    }
    const without = dmzs.filter(({ dmz }) => !dmz.s3Endpoint);
    if (without.length > 0) out.push(`- **No S3 endpoint** in ${list(without.map(({ dmz }) => code(dmz.name)))} (\`s3Endpoint.enabled: false\`): S3 traffic leaves through the hub and the appliances.`);
    out.push('');
  }
  return out;
};

function regionLines(model: NetworkModel, region: RegionModel): string[] {
  const own = [region.egress, ...region.dmzs, ...region.spokes].map((v) => v.cidr);
  const peered = peeringsOf(model, region.code).map(({ peering, peer }) => ({
    peer,
    ranges: rangesOf(model.regions.find((r) => r.code === peer)!),
    // Where this region inspects the pair, the summary (when there is one) already carries them.
    covered: region.onprem.summarised && peering.inspectedBy.includes(region.code),
  }));
  const learned = region.onprem.summarised
    ? `the region's internal ranges ${list(region.onprem.toEgress.filter((c) => c !== '0.0.0.0/0').map(code))} (one route per VPC would pass the 1,000 routes a VPN connection may be advertised)`
    : `one route per VPC CIDR: ${list(own.map(code))}`;
  const lines = [`- **${region.code}** (${list(region.vpns.map((v) => code(v.name)))}): ${learned}`];
  for (const { peer, ranges, covered } of peered) {
    if (ranges.length > 0 && !covered) lines.push(`  - and, from ${peer} across the TGW peering: ${list(ranges.map(code))}`);
  }
  lines.push(region.onprem.internet ? '  - and `0.0.0.0/0`: the offices\' internet traffic leaves through this region\'s appliances and NAT gateways (`officeInternetThroughAws`).' : '  - no default route.');
  return [...lines, ''];
}
