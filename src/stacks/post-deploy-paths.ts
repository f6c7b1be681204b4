/**
 * Which Reachability Analyzer paths confirm a region's proof after deploy: one
 * representative flow of each class the intent lists, between resources the
 * analyzer takes as sources and destinations (TGW attachments, internet gateways,
 * with the packet's addresses filtered at the source) and through the egress VPC's
 * attachment as the intermediate component it must pass (filter_in_arns), each
 * with what verify proves of that flow (checked by verify: src/verify/post-deploy-checks.ts).
 *
 * What the analyzer accepts (docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html):
 * sources and destinations are instances, internet gateways, network interfaces,
 * TGWs, TGW attachments, virtual private gateways, VPC endpoints and endpoint
 * services, peering connections, and IP addresses as destinations; intermediate
 * components are load balancers, NAT gateways, Network Firewall, TGWs, TGW
 * attachments and peering connections (a GWLB endpoint is not one: it appears in
 * a path's components, without the GWLB and its appliances behind it). Source and
 * destination must be in one Region; a resource of another account is named by
 * its ARN (aws_ec2_network_insights_path, provider 5.100.0), and accounts outside
 * the Organization cannot take part.
 *
 * Two classes get no path: internet → DMZ needs a destination with a public
 * address in the DMZ (an ALB, an instance) that this network does not create, and
 * inter-region flows cross two Regions. The hand-off README says how to add the first.
 */
import { parseCidr, fromInt } from '../blueprint/cidr';
import type { NetworkModel, RegionModel, VpcModel } from '../blueprint/model';
import { intentOf } from '../synth/intent';
import { UserError } from '../util/errors';
import type { FlowClass } from '../verify/intent';
import { awsName, NAME_LIMITS } from '../constructs/aws-names';
import { hubStackName, regionPrefix, vpcStackName, vpnName } from './names';
import { compareEnglish } from '../util/compare';

const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** What a path's source or destination is read from: a stack's output (a TGW attachment or internet gateway ID). */
export interface PathEnd {
  readonly stack: string;
  readonly output: string;
  readonly kind: 'transit-gateway-attachment' | 'internet-gateway';
  /** The account that owns the resource: its ARN names it. */
  readonly account: string;
  /** The Name tag of the side verify knows it by (`acme-eu-west-2-spoke-app`, `internet`). */
  readonly side: string;
}

export interface PlannedPath {
  /** `spoke_internet`: the logical name of the path in the stack. */
  readonly id: string;
  readonly flowClass: FlowClass;
  readonly source: PathEnd;
  readonly destination: PathEnd;
  readonly sourceAddress: string;
  readonly destinationAddress: string;
  /** TCP port the path is analysed for. */
  readonly port: number;
  /** The egress VPC's attachment, when the flow must pass inspection. */
  readonly through?: PathEnd;
  /** What verify proves of the flow: `inspected by acme-eu-west-2-cloudguard` (fleets by GWLB name), or `direct`. */
  readonly predicted: string;
}

export interface RegionPaths {
  readonly paths: readonly PlannedPath[];
  /** Flow classes the intent lists that get no path, and why. */
  readonly skipped: readonly { readonly flowClass: FlowClass; readonly why: string }[];
}

/** An address the analyzer can take as a host of a VPC's subnet: the first after the four AWS reserves. */
function hostOf(cidr: string): string {
  const parsed = parseCidr(cidr);
  if (!parsed.ok) throw new Error(`internal: ${cidr} is not a CIDR`);
  return fromInt(parsed.block.base + 4);
}

/** A documentation address (RFC 5737 TEST-NET-2) stands for "the internet": the analyzer routes it like any public address. */
export const INTERNET_ADDRESS = '198.51.100.10';
export const PATH_PORT = 443;

/** The account the checks run from: the blueprint's `postDeployChecks.account`, or a single-account network's one account. */
export function postDeployChecksAccount(model: NetworkModel): string {
  if (model.postDeployChecks) return model.postDeployChecks.account;
  const accounts = Object.keys(model.accounts);
  if (accounts.length === 1) return accounts[0];
  throw new UserError(
    'synth --post-deploy-checks needs postDeployChecks.account in the blueprint: the account that runs Reachability Analyzer across the network\'s accounts ' +
      '(the Organization\'s management account, or a delegated administrator for Reachability Analyzer)',
  );
}

const byName = (vpcs: readonly VpcModel[]) => [...vpcs].sort((a, b) => compareEnglish(a.name, b.name));

export function regionPaths(model: NetworkModel, region: RegionModel): RegionPaths {
  const egressStack = vpcStackName(model, region, region.egress);
  const egress = region.egress;
  const fleet = egress.fleet!;
  const attachmentOf = (vpc: VpcModel): PathEnd => ({ stack: vpcStackName(model, region, vpc), output: 'tgw_attachment_id', kind: 'transit-gateway-attachment', account: vpc.account, side: vpcStackName(model, region, vpc) });
  const internet: PathEnd = { stack: egressStack, output: 'internet_gateway_id', kind: 'internet-gateway', account: egress.account, side: 'internet' };
  const through = attachmentOf(egress);
  const host = (vpc: VpcModel, tier: string) => hostOf(vpc.subnets.find((s) => s.tier === tier)!.cidr);
  const outside = (account: string) => model.accounts[account]?.external === true;
  const hubOutside = [egress.account, region.transitGateway.account].filter(outside);
  // Representatives come from inside the Organization: the analyzer cannot see into an account outside it.
  const allSpokes = byName(region.spokes);
  const allDmzs = byName(region.dmzs);
  const spokes = allSpokes.filter((v) => !outside(v.account));
  const dmzs = allDmzs.filter((v) => !outside(v.account));
  const paths: PlannedPath[] = [];
  const skipped: { flowClass: FlowClass; why: string }[] = [];
  // Fleets by their GWLB's name, as the AWS console shows it and verify reads it (a fleet name repeats across Regions).
  const lbName = (f: string) => awsName(`${regionPrefix(model, region)}-${f}`, NAME_LIMITS.loadBalancer);
  const inspectedBy = (fleets: readonly string[]) => `inspected by ${[...new Set(fleets.map(lbName))].sort().join('+')}`;
  const inspected = inspectedBy([fleet]);
  const outsideWhy = (accounts: readonly string[]) => `${list([...new Set(accounts)])} ${new Set(accounts).size === 1 ? 'is' : 'are'} outside the Organization, and the analyzer cannot see into ${new Set(accounts).size === 1 ? 'it' : 'them'}`;
  /** A path when the class has flows here and representatives inside the Organization; else why not. */
  const add = (flowClass: FlowClass, exists: boolean, make: (() => PlannedPath) | undefined, outsiders: readonly string[]) => {
    if (!exists) return;
    if (hubOutside.length > 0) skipped.push({ flowClass, why: outsideWhy(hubOutside) });
    else if (!make) skipped.push({ flowClass, why: outsideWhy(outsiders) });
    else paths.push(make());
  };
  const need = (flowClass: FlowClass, why: string) => skipped.push({ flowClass, why });
  const accountsOf = (vpcs: readonly VpcModel[]) => vpcs.map((v) => v.account).filter(outside);

  add('spoke-internet', allSpokes.length > 0, spokes.length > 0 ? () => ({ id: 'spoke_internet', flowClass: 'spoke-internet', source: attachmentOf(spokes[0]), destination: internet, sourceAddress: host(spokes[0], 'workload'), destinationAddress: INTERNET_ADDRESS, port: PATH_PORT, through, predicted: inspected }) : undefined, accountsOf(allSpokes));
  add('dmz-internet', allDmzs.length > 0, dmzs.length > 0 ? () => ({ id: 'dmz_internet', flowClass: 'dmz-internet', source: attachmentOf(dmzs[0]), destination: internet, sourceAddress: host(dmzs[0], 'app'), destinationAddress: INTERNET_ADDRESS, port: PATH_PORT, through, predicted: inspectedBy([fleet, dmzs[0].fleet!]) }) : undefined, accountsOf(allDmzs));
  if (allDmzs.length > 0) need('internet-dmz', 'the destination must be something with a public address in a DMZ public subnet (an ALB, an instance), which this network does not create');
  add(
    'spoke-spoke',
    allSpokes.length > 1,
    spokes.length > 1
      ? () => ({
          id: 'spoke_spoke',
          flowClass: 'spoke-spoke',
          source: attachmentOf(spokes[0]),
          destination: attachmentOf(spokes[1]),
          sourceAddress: host(spokes[0], 'workload'),
          destinationAddress: host(spokes[1], 'workload'),
          port: PATH_PORT,
          ...(region.eastWest ? { through } : {}),
          predicted: region.eastWest ? inspected : 'direct',
        })
      : undefined,
    accountsOf(allSpokes),
  );
  add('dmz-spoke', allDmzs.length > 0 && allSpokes.length > 0, dmzs.length > 0 && spokes.length > 0 ? () => ({ id: 'dmz_spoke', flowClass: 'dmz-spoke', source: attachmentOf(dmzs[0]), destination: attachmentOf(spokes[0]), sourceAddress: host(dmzs[0], 'app'), destinationAddress: host(spokes[0], 'workload'), port: PATH_PORT, through, predicted: inspected }) : undefined, accountsOf([...allDmzs, ...allSpokes]));
  const vpns = [...region.vpns].sort((a, b) => compareEnglish(a.name, b.name));
  add(
    'vpn-spoke',
    vpns.length > 0 && allSpokes.length > 0,
    vpns.length > 0 && spokes.length > 0
      ? () => {
          const office = vpnName(model, region, vpns[0]);
          // The office's first prefix, or the stand-in verify traces for an office that declares none (synth/intent.ts).
          const prefix = intentOf(model).regions[region.code].vpnPrefixes[office][0];
          const source: PathEnd = { stack: hubStackName(model, region), output: vpnAttachmentOutput(vpns[0].name), kind: 'transit-gateway-attachment', account: region.transitGateway.account, side: office };
          return { id: 'vpn_spoke', flowClass: 'vpn-spoke', source, destination: attachmentOf(spokes[0]), sourceAddress: hostOf(prefix), destinationAddress: host(spokes[0], 'workload'), port: PATH_PORT, through, predicted: inspected };
        }
      : undefined,
    accountsOf(allSpokes),
  );
  if (model.interRegion.peerings.some((p) => p.requester === region.code || p.accepter === region.code)) {
    need('inter-region', 'Reachability Analyzer works within one Region; verify proves these flows, and each Region\'s paths confirm its own half');
  }
  return { paths, skipped };
}

/** The hub's output that carries a VPN connection's TGW attachment ID. */
export function vpnAttachmentOutput(vpn: string): string {
  return `vpn_${vpn.replace(/-/g, '_')}_attachment_id`;
}

/** The stack of a region's Reachability Analyzer paths. */
export function postDeployChecksStackName(model: NetworkModel, region: RegionModel): string {
  return `${model.name}-${region.code}-post-deploy-checks`;
}
