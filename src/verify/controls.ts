/**
 * The security baseline, as AWS Security Hub (FSBP) controls, checked on the
 * synthesized resources. Each failure names the resource that breaks it.
 */
import type { NetworkGraph } from './network-graph';
import { resourceKey, type Attributes } from './terraform-json';

export interface ControlResult {
  readonly id: string;
  readonly title: string;
  readonly ok: boolean;
  /** Resources checked. */
  readonly checked: number;
  /** `resource: why`, for each failing resource. */
  readonly failures: readonly string[];
  /** `resource: reason`, for each resource the blueprint exempts by name: it passes, and is reported. */
  readonly exceptions: readonly string[];
}

/**
 * The launch template tag that records a fleet's IMDSv1 opt-out (`allowImdsV1`),
 * with its reason: EC2.8 and AutoScaling.3 report such a template as a named
 * exception, never as a silent pass. gwlb-blueprint writes it; a template without
 * it that accepts IMDSv1 fails.
 */
export const IMDS_V1_EXCEPTION_TAG = 'gwlb-blueprint:imdsv1-exception';

interface Control {
  readonly id: string;
  readonly title: string;
  check(graph: NetworkGraph): { checked: number; failures: string[]; exceptions?: string[] };
}

const OPEN_TO_WORLD = new Set(['0.0.0.0/0', '::/0']);

/** VPCs none of whose `type` resources (those with a `vpc_id`) satisfies `has`: one pass over the resources. */
function perVpc(graph: NetworkGraph, type: string, has: (args: Attributes) => boolean): { checked: number; failures: string[] } {
  const satisfied = new Set<string>();
  for (const r of graph.set.resources(type)) {
    const ref = graph.set.resolve(r.stack, r.args.vpc_id);
    if (ref && has(r.args)) satisfied.add(resourceKey(ref));
  }
  return { checked: graph.vpcs.size, failures: [...graph.vpcs.keys()].filter((vpc) => !satisfied.has(vpc)) };
}

const launchTemplates = (graph: NetworkGraph) => [...graph.set.resources('aws_launch_template')];

const CONTROLS: readonly Control[] = [
  {
    id: 'EC2.2',
    title: 'VPC default security groups allow no traffic',
    check: (graph) => {
      const result = perVpc(graph, 'aws_default_security_group', (args) => !hasRules(args.ingress) && !hasRules(args.egress));
      return { ...result, failures: result.failures.map((vpc) => `${vpc}: default security group not managed closed`) };
    },
  },
  {
    id: 'EC2.6',
    title: 'VPC flow logging is enabled in every VPC',
    check: (graph) => {
      const result = perVpc(graph, 'aws_flow_log', (args) => args.traffic_type === 'ALL' || args.traffic_type === 'REJECT');
      return { ...result, failures: result.failures.map((vpc) => `${vpc}: no flow log`) };
    },
  },
  {
    id: 'EC2.8',
    title: 'Instances use IMDSv2 (launch templates require tokens)',
    check: (graph) => imdsv2(graph),
  },
  {
    id: 'AutoScaling.3',
    title: 'Auto Scaling launch templates require IMDSv2',
    check: (graph) => imdsv2(graph),
  },
  {
    id: 'EC2.9',
    title: 'Appliances have no public IPv4 address',
    check: (graph) => {
      const failures: string[] = [];
      const templates = launchTemplates(graph);
      for (const lt of templates) {
        for (const eni of (lt.args.network_interfaces as Attributes[] | undefined) ?? []) {
          if (String(eni.associate_public_ip_address) === 'true') failures.push(`${lt.key}: network interface ${String(eni.device_index)} gets a public IP`);
        }
      }
      for (const subnet of graph.set.resources('aws_subnet')) {
        if (subnet.args.map_public_ip_on_launch === true) failures.push(`${subnet.key}: maps public IPs on launch`);
      }
      return { checked: templates.length, failures };
    },
  },
  {
    id: 'EC2.18',
    title: 'Security groups allow unrestricted ingress only on authorized ports',
    check: (graph) => unrestrictedIngress(graph, () => true),
  },
  {
    id: 'EC2.19',
    title: 'Security groups do not allow unrestricted access to high-risk ports',
    check: (graph) => unrestrictedIngress(graph, (from, to) => [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300].some((p) => p >= from && p <= to)),
  },
  {
    id: 'EC2.23',
    title: 'Transit gateways do not accept shared attachments automatically',
    check: (graph) => {
      const tgws = [...graph.set.resources('aws_ec2_transit_gateway')];
      return { checked: tgws.length, failures: tgws.filter((t) => t.args.auto_accept_shared_attachments !== 'disable').map((t) => `${t.key}: auto_accept_shared_attachments is ${String(t.args.auto_accept_shared_attachments ?? 'unset')}`) };
    },
  },
  {
    id: 'AutoScaling.2',
    title: 'Auto Scaling groups span several Availability Zones',
    check: (graph) => {
      const groups = [...graph.set.resources('aws_autoscaling_group')];
      const failures: string[] = [];
      for (const asg of groups) {
        const azs = new Set(
          ((asg.args.vpc_zone_identifier as unknown[]) ?? []).map((s) => {
            const ref = graph.set.resolve(asg.stack, s);
            return ref ? graph.subnets.get(resourceKey(ref))?.az : undefined;
          }),
        );
        azs.delete(undefined);
        if (azs.size < 2) failures.push(`${asg.key}: spans ${azs.size} AZ${azs.size === 1 ? '' : 's'}`);
      }
      return { checked: groups.length, failures };
    },
  },
  {
    id: 'AutoScaling.9',
    title: 'Auto Scaling groups use launch templates',
    check: (graph) => {
      const groups = [...graph.set.resources('aws_autoscaling_group')];
      return {
        checked: groups.length,
        failures: groups.filter((g) => !g.args.launch_template && !g.args.mixed_instances_policy).map((g) => `${g.key}: no launch template`),
      };
    },
  },
];

function hasRules(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

function imdsv2(graph: NetworkGraph): { checked: number; failures: string[]; exceptions: string[] } {
  const templates = launchTemplates(graph);
  const failures: string[] = [];
  const exceptions: string[] = [];
  for (const lt of templates) {
    const options = (Array.isArray(lt.args.metadata_options) ? lt.args.metadata_options[0] : lt.args.metadata_options) as Attributes | undefined;
    if (options?.http_tokens === 'required') continue;
    const tags = lt.args.tags as Attributes | undefined;
    const reason = tags?.[IMDS_V1_EXCEPTION_TAG];
    if (typeof reason === 'string' && reason.trim() !== '') exceptions.push(`${lt.key}: accepts IMDSv1 by exception (allowImdsV1): ${reason}`);
    else failures.push(`${lt.key}: metadata_options.http_tokens is not "required"`);
  }
  return { checked: templates.length, failures, exceptions };
}

function unrestrictedIngress(graph: NetworkGraph, risky: (from: number, to: number) => boolean): { checked: number; failures: string[] } {
  const failures: string[] = [];
  let checked = 0;
  for (const rule of graph.set.resources('aws_vpc_security_group_ingress_rule')) {
    checked++;
    const cidr = String(rule.args.cidr_ipv4 ?? rule.args.cidr_ipv6 ?? '');
    const [from, to] = portRange(rule.args);
    if (OPEN_TO_WORLD.has(cidr) && risky(from, to)) failures.push(`${rule.key}: ${cidr} may reach ports ${from}-${to}`);
  }
  for (const rule of graph.set.resources('aws_security_group_rule')) {
    if (rule.args.type !== 'ingress') continue;
    checked++;
    const cidrs = [...((rule.args.cidr_blocks as string[]) ?? []), ...((rule.args.ipv6_cidr_blocks as string[]) ?? [])];
    const [from, to] = portRange(rule.args);
    if (cidrs.some((c) => OPEN_TO_WORLD.has(c)) && risky(from, to)) failures.push(`${rule.key}: ingress from anywhere to ports ${from}-${to}`);
  }
  for (const group of graph.set.resources('aws_security_group')) {
    for (const rule of (group.args.ingress as Attributes[] | undefined) ?? []) {
      checked++;
      const cidrs = [...((rule.cidr_blocks as string[]) ?? []), ...((rule.ipv6_cidr_blocks as string[]) ?? [])];
      const [from, to] = portRange(rule);
      if (cidrs.some((c) => OPEN_TO_WORLD.has(c)) && risky(from, to)) failures.push(`${group.key}: inline ingress from anywhere to ports ${from}-${to}`);
    }
  }
  return { checked, failures };
}

function portRange(args: Attributes): [number, number] {
  if (String(args.ip_protocol ?? args.protocol) === '-1') return [0, 65535];
  return [Number(args.from_port ?? 0), Number(args.to_port ?? 65535)];
}

export function checkControls(graph: NetworkGraph): ControlResult[] {
  return CONTROLS.map((control) => {
    const { checked, failures, exceptions = [] } = control.check(graph);
    return { id: control.id, title: control.title, ok: failures.length === 0, checked, failures, exceptions };
  });
}
