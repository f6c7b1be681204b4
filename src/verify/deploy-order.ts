/**
 * Deploy order (DESIGN.md, verification ladder 6): on the Terraform dependency
 * graph of the synthesized network (dependency-graph.ts), every resource waits
 * for what AWS needs to exist first. A mocked plan and apply accept any order;
 * the first apply on AWS does not:
 *
 *   - a cross-account TGW attachment is `pendingAcceptance` until the TGW owner
 *     accepts it; a VPC route to the TGW, and any TGW route, association or
 *     propagation of the attachment (or of a peering), fails until then
 *     (InvalidTransitGatewayID.NotFound; terraform-provider-aws #10025, #14228);
 *   - in an account that accepts the TGW's RAM share by invitation, the TGW does
 *     not exist for the attachment until the share is accepted
 *     (terraform-aws-modules/terraform-aws-transit-gateway PR #144);
 *   - a GWLB (or interface) endpoint of an endpoint service is refused unless its
 *     account is among the service's allowed principals;
 *   - a public NAT gateway needs its VPC's internet gateway (ec2 CreateNatGateway
 *     fails with Gateway.NotAttached);
 *   - across stacks, all of this holds only if the manifest applies the stack
 *     whose state is read first.
 */
import { DependencyGraph } from './dependency-graph';
import { canonical } from './tgw-graph';
import { resourceKey, type TerraformSet } from './terraform-json';

export interface DeployOrderRule {
  readonly id: string;
  readonly title: string;
  readonly checked: number;
  /** Each names the resource that does not wait and what it must wait for. */
  readonly failures: readonly string[];
}

export interface DeployOrderResult {
  readonly ok: boolean;
  readonly rules: readonly DeployOrderRule[];
}

const VPC_ACCEPTER = 'aws_ec2_transit_gateway_vpc_attachment_accepter';
const PEERING_ACCEPTER = 'aws_ec2_transit_gateway_peering_attachment_accepter';

export function checkDeployOrder(set: TerraformSet): DeployOrderResult {
  const graph = new DependencyGraph(set);
  const key = (stack: string, expression: unknown) => {
    const ref = set.resolve(stack, expression);
    return ref ? resourceKey(ref) : undefined;
  };
  const all = (type: string) => [...set.resources(type)];
  // What accepts each attachment (VPC and peering), by the attachment's key.
  const accepters = new Map<string, string[]>();
  for (const r of [...all(VPC_ACCEPTER), ...all(PEERING_ACCEPTER)]) {
    const attachment = key(r.stack, r.args.transit_gateway_attachment_id);
    if (attachment) accepters.set(attachment, [...(accepters.get(attachment) ?? []), r.key]);
  }
  const rule = (id: string, title: string, body: (fail: (message: string) => void, count: () => void) => void): DeployOrderRule => {
    const failures: string[] = [];
    let checked = 0;
    body((m) => failures.push(m), () => checked++);
    return { id, title, checked, failures };
  };
  const waits = (from: string, to: string, why: string, fail: (m: string) => void) => {
    if (!graph.waitsFor(from, to)) fail(`${from} does not wait for ${to}: ${why}`);
  };

  const rules = [
    rule('vpc-routes-after-acceptance', 'VPC routes to a TGW wait for the acceptance of their VPC\'s attachment', (fail, count) => {
      const attachmentsByVpc = new Map<string, { key: string; tgw?: string }[]>();
      for (const a of all('aws_ec2_transit_gateway_vpc_attachment')) {
        const vpc = key(a.stack, a.args.vpc_id);
        if (vpc) attachmentsByVpc.set(vpc, [...(attachmentsByVpc.get(vpc) ?? []), { key: a.key, tgw: canonical(set, set.resolve(a.stack, a.args.transit_gateway_id)) }]);
      }
      for (const r of all('aws_route')) {
        if (!r.args.transit_gateway_id) continue;
        count();
        const table = key(r.stack, r.args.route_table_id);
        const vpc = table ? key(table.slice(0, table.indexOf('/')), set.resource(table)?.vpc_id) : undefined;
        const tgw = canonical(set, set.resolve(r.stack, r.args.transit_gateway_id));
        const attachments = (vpc ? (attachmentsByVpc.get(vpc) ?? []) : []).filter((a) => !tgw || !a.tgw || a.tgw === tgw);
        if (attachments.length === 0) fail(`${r.key} routes to a TGW, but no attachment of its VPC${vpc ? ` ${vpc}` : ''} to that TGW exists to wait for`);
        for (const a of attachments) {
          const accepted = accepters.get(a.key);
          if (!accepted) waits(r.key, a.key, 'a route to the TGW fails until the VPC is attached', fail);
          else for (const acc of accepted) waits(r.key, acc, 'the attachment is pendingAcceptance until then, and the route fails with InvalidTransitGatewayID.NotFound', fail);
        }
      }
    }),
    rule('tgw-routing-after-acceptance', 'TGW routes, associations and propagations wait for the acceptance of their attachment', (fail, count) => {
      for (const type of ['aws_ec2_transit_gateway_route', 'aws_ec2_transit_gateway_route_table_association', 'aws_ec2_transit_gateway_route_table_propagation']) {
        for (const r of all(type)) {
          const attachment = key(r.stack, r.args.transit_gateway_attachment_id);
          if (!attachment) continue;
          count();
          for (const acc of accepters.get(attachment) ?? []) waits(r.key, acc, 'an attachment cannot be routed, associated or propagated while it is pendingAcceptance', fail);
        }
      }
    }),
    rule('attachments-after-ram-acceptance', 'Attachments in an account that accepts the TGW\'s RAM share wait for the acceptance', (fail, count) => {
      for (const accepter of all('aws_ram_resource_share_accepter')) {
        const account = set.accountOf(accepter.stack, accepter.args);
        const share = key(accepter.stack, accepter.args.share_arn);
        const tgws = new Set(
          all('aws_ram_resource_association')
            .filter((a) => key(a.stack, a.args.resource_share_arn) === share)
            .map((a) => key(a.stack, a.args.resource_arn))
            .filter((k): k is string => k !== undefined && k.includes('/aws_ec2_transit_gateway.')),
        );
        for (const a of all('aws_ec2_transit_gateway_vpc_attachment')) {
          const tgw = canonical(set, set.resolve(a.stack, a.args.transit_gateway_id));
          if (!account || set.accountOf(a.stack, a.args) !== account || !tgw || !tgws.has(tgw)) continue;
          count();
          waits(a.key, accepter.key, `the TGW does not exist for account ${account} until it accepts the share (InvalidTransitGatewayID.NotFound)`, fail);
        }
      }
    }),
    rule('endpoints-after-service-permissions', 'Endpoints of an endpoint service wait for their account\'s permission on it', (fail, count) => {
      const grants = all('aws_vpc_endpoint_service_allowed_principal');
      for (const e of all('aws_vpc_endpoint')) {
        const service = key(e.stack, e.args.service_name);
        if (!service?.includes('/aws_vpc_endpoint_service.')) continue;
        count();
        const account = set.accountOf(e.stack, e.args);
        const inline = ((set.resource(service)?.allowed_principals as unknown[] | undefined) ?? []).some((p) => admits(p, account));
        if (inline) {
          waits(e.key, service, 'the service carries the permissions', fail);
          continue;
        }
        const grant = grants.filter((g) => key(g.stack, g.args.vpc_endpoint_service_id) === service && admits(g.args.principal_arn, account));
        if (grant.length === 0) fail(`${e.key} consumes ${service}, which allows no principal of its account ${account ?? '(unknown)'}: the endpoint is refused`);
        else if (!grant.some((g) => graph.waitsFor(e.key, g.key))) waits(e.key, grant[0].key, `the endpoint is refused until account ${account} is an allowed principal`, fail);
      }
    }),
    rule('nat-after-internet-gateway', 'Public NAT gateways wait for their VPC\'s internet gateway', (fail, count) => {
      const igws = all('aws_internet_gateway');
      for (const n of all('aws_nat_gateway')) {
        if (n.args.connectivity_type === 'private') continue;
        count();
        const subnet = key(n.stack, n.args.subnet_id);
        const vpc = subnet ? key(subnet.slice(0, subnet.indexOf('/')), set.resource(subnet)?.vpc_id) : undefined;
        const own = igws.filter((i) => vpc !== undefined && key(i.stack, i.args.vpc_id) === vpc);
        if (own.length === 0) fail(`${n.key} is a public NAT gateway in ${vpc ?? 'a VPC'} that has no internet gateway`);
        else if (!own.some((i) => graph.waitsFor(n.key, i.key))) waits(n.key, own[0].key, 'a public NAT gateway fails to create (Gateway.NotAttached) before its VPC has an internet gateway', fail);
      }
    }),
    rule('cross-stack-reads-ordered', 'Every read of another stack\'s state is applied after that stack (manifest dependencies)', (fail, count) => {
      for (const read of graph.remoteStateReads()) {
        count();
        if (!read.producer) fail(`${read.node} reads a state that no stack of this folder writes`);
        else if (!read.ordered) fail(`${read.node} reads the outputs of ${read.producer}, but the manifest does not apply ${read.producer} before ${read.stack}: its outputs may not exist yet`);
      }
    }),
  ];
  return { ok: rules.every((r) => r.failures.length === 0), rules };
}

/** Whether an allowed principal (`*`, an account ID, or an ARN of the account) admits `account`. */
function admits(principal: unknown, account: string | undefined): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'string' || !account) return false;
  return principal === account || new RegExp(`^arn:[^:]+:iam::${account}:`).test(principal);
}

