/**
 * Values that stand in for what AWS would return, for the computed attributes
 * the AWS provider validates when another resource reads them: a mock provider
 * otherwise fills them with random strings, and "dmyrzgxu is an invalid ARN"
 * fails the apply run. Each value has the shape AWS gives it (`tgw-` and 17 hex
 * digits, an ARN in the right partition, service and account) and is derived
 * from a seed, so a stack's test file is the same on every run.
 */
import { createHash } from 'node:crypto';
import type { ProviderBlock } from './synthesis';

export interface MockContext {
  readonly region: string;
  readonly account: string;
}

/** The account mocks live in when a provider configuration does not pin one. */
const MOCK_ACCOUNT = '123456789012';

/** Terraform's `resource "type" "name"` prefixes of an AWS ID, for `<type>.<name>.id`. */
const ID_PREFIX: Readonly<Record<string, string>> = {
  aws_ami: 'ami',
  aws_customer_gateway: 'cgw',
  aws_default_security_group: 'sg',
  aws_ec2_transit_gateway: 'tgw',
  aws_ec2_transit_gateway_route_table: 'tgw-rtb',
  aws_ec2_transit_gateway_vpc_attachment: 'tgw-attach',
  aws_ec2_transit_gateway_vpc_attachment_accepter: 'tgw-attach',
  aws_ec2_transit_gateway_peering_attachment: 'tgw-attach',
  aws_ec2_transit_gateway_peering_attachment_accepter: 'tgw-attach',
  aws_eip: 'eipalloc',
  aws_flow_log: 'fl',
  aws_instance: 'i',
  aws_internet_gateway: 'igw',
  aws_launch_template: 'lt',
  aws_nat_gateway: 'nat',
  aws_network_interface: 'eni',
  aws_route_table: 'rtb',
  aws_security_group: 'sg',
  aws_subnet: 'subnet',
  aws_vpc: 'vpc',
  aws_vpc_endpoint: 'vpce',
  aws_vpc_endpoint_service: 'vpce-svc',
  aws_vpn_connection: 'vpn',
  aws_vpc_security_group_egress_rule: 'sgr',
  aws_vpc_security_group_ingress_rule: 'sgr',
};

/** Resources whose ID is their ARN. */
const ARN_IDS = new Set(['aws_lb', 'aws_lb_target_group', 'aws_lb_listener', 'aws_ram_resource_share']);

/** `<name>_id` attributes that hold the ID of another resource type. */
const ID_ATTRIBUTE_TYPE: Readonly<Record<string, string>> = {
  transit_gateway_id: 'aws_ec2_transit_gateway',
  transit_gateway_route_table_id: 'aws_ec2_transit_gateway_route_table',
  transit_gateway_attachment_id: 'aws_ec2_transit_gateway_vpc_attachment',
  vpc_id: 'aws_vpc',
  subnet_id: 'aws_subnet',
  route_table_id: 'aws_route_table',
  vpc_endpoint_id: 'aws_vpc_endpoint',
  nat_gateway_id: 'aws_nat_gateway',
  gateway_id: 'aws_internet_gateway',
  security_group_id: 'aws_security_group',
  network_interface_id: 'aws_network_interface',
  image_id: 'aws_ami',
  customer_gateway_id: 'aws_customer_gateway',
  allocation_id: 'aws_eip',
};

/** Services in ARNs, by resource type prefix (longest first wins); EC2 otherwise. */
const ARN_SERVICE: readonly (readonly [string, string])[] = [
  ['aws_autoscaling_', 'autoscaling'],
  ['aws_cloudwatch_log_', 'logs'],
  ['aws_iam_', 'iam'],
  ['aws_lb', 'elasticloadbalancing'],
  ['aws_ram_', 'ram'],
  ['aws_s3_', 's3'],
  ['aws_sns_', 'sns'],
  ['aws_kms_', 'kms'],
];

/** Where a provider configuration's mocks live: its own region and account, else `fallback`'s. */
export function contextOf(block: ProviderBlock, fallback?: MockContext): MockContext {
  return {
    region: block.region ?? fallback?.region ?? 'us-east-1',
    account: block.allowed_account_ids?.[0] ?? fallback?.account ?? MOCK_ACCOUNT,
  };
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

/** 17 hex digits derived from `seed`: AWS-looking, and the same on every run. */
export function mockHex(seed: string, length = 17): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

/** `<prefix>-<17 hex digits>`, the shape of an ID of `type` (one with an ID_PREFIX). */
function prefixedId(type: string, seed: string): string {
  return `${ID_PREFIX[type]}-${mockHex(seed)}`;
}

/** The ID of `<type>.<name>` in the shape AWS gives that type; undefined when the shape is not known. */
function shapedId(type: string, name: string, ctx: MockContext): string | undefined {
  if (ARN_IDS.has(type)) return mockArn(type, name, ctx);
  if (ID_PREFIX[type]) return prefixedId(type, `${type}.${name}`);
  return undefined;
}

/** An ARN of `type` in `ctx`'s partition and account (IAM's have no region), with the resource part AWS gives that type. */
export function mockArn(type: string, seed: string, ctx: MockContext): string {
  const service = ARN_SERVICE.find(([prefix]) => type.startsWith(prefix))?.[1] ?? 'ec2';
  const hex = mockHex(`${type}.${seed}`, 16);
  const region = service === 'iam' ? '' : ctx.region;
  const short = type.replace(/^aws_(ec2_)?/, '').replace(/_/g, '-');
  const special: Readonly<Record<string, string>> = {
    aws_lb: `loadbalancer/gwy/mock-${hex.slice(0, 8)}/${hex}`,
    aws_lb_target_group: `targetgroup/mock-${hex.slice(0, 8)}/${hex}`,
    aws_lb_listener: `listener/gwy/mock-${hex.slice(0, 8)}/${hex}/${mockHex(`${seed}.listener`, 16)}`,
    aws_ram_resource_share: `resource-share/${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-0000-000000000000`,
    aws_autoscaling_group: `autoScalingGroup:${hex}:autoScalingGroupName/mock-${hex.slice(0, 8)}`,
    aws_cloudwatch_log_group: `log-group:/mock/${hex.slice(0, 8)}`,
  };
  const resource = special[type] ?? `${short}/${ID_PREFIX[type] ?? 'mock'}-${mockHex(`${type}.${seed}`)}`;
  return `arn:${partitionOf(ctx.region)}:${service}:${region}:${ctx.account}:${resource}`;
}

/** A plausible value for `<type>.<name>.<attribute>` (strings only: what cross-stack outputs carry). */
export function mockAttribute(type: string, name: string, attribute: string, ctx: MockContext): string {
  const seed = `${name}.${attribute}`;
  if (attribute === 'arn' || attribute.endsWith('_arn')) return mockArn(attribute === 'arn' ? type : attributeType(attribute, '_arn', type), seed, ctx);
  if (attribute === 'id') return shapedId(type, name, ctx) ?? `mock-${mockHex(`${type}.${name}`, 12)}`;
  if (attribute === 'service_name') return `com.amazonaws.vpce.${ctx.region}.vpce-svc-${mockHex(`${type}.${name}`)}`;
  if (attribute === 'owner_id' || attribute.endsWith('account_id')) return ctx.account;
  if (attribute === 'private_ip') return '10.0.0.10';
  if (attribute.endsWith('_id')) {
    const target = ID_ATTRIBUTE_TYPE[attribute];
    if (target) return prefixedId(target, seed);
  }
  if (attribute === 'name' || attribute.endsWith('_name')) return `mock-${name.replace(/_/g, '-')}`.slice(0, 32);
  return `mock-${attribute.replace(/_/g, '-')}-${mockHex(seed, 8)}`;
}

function attributeType(attribute: string, suffix: string, fallback: string): string {
  const base = attribute.slice(0, -suffix.length);
  return Object.keys(ID_PREFIX).find((t) => t === `aws_${base}`) ?? (base === 'iam_instance_profile' ? 'aws_iam_instance_profile' : fallback);
}

/**
 * Defaults for computed attributes of a resource type, per provider: the ARN
 * (the provider validates ARNs where other resources take them; a default for an
 * attribute a type does not have is ignored by Terraform), and the few others
 * that are read back and validated or parsed.
 */
export function resourceDefaults(type: string, ctx: MockContext): Record<string, string> {
  const defaults: Record<string, string> = { arn: mockArn(type, 'default', ctx) };
  // Some IDs are checked where they are used ("launch_template.0.id must begin with 'lt-'").
  const id = shapedId(type, 'default', ctx);
  if (id) defaults.id = id;
  if (type === 'aws_vpc_endpoint_service') defaults.service_name = mockAttribute(type, 'default', 'service_name', ctx);
  if (type === 'aws_lb') defaults.arn_suffix = defaults.arn.replace(/^.*:loadbalancer\//, '');
  if (type === 'aws_lb_target_group') defaults.arn_suffix = defaults.arn.replace(/^.*:/, '');
  return defaults;
}

/** Defaults for data sources whose random mock values would not survive where they are used. */
export function dataDefaults(type: string, ctx: MockContext): Record<string, string> {
  switch (type) {
    case 'aws_ami':
      // A block device mapping names the root device: a random string is not a device.
      return { id: `ami-${mockHex('ami')}`, image_id: `ami-${mockHex('ami')}`, root_device_name: '/dev/xvda', root_device_type: 'ebs', architecture: 'x86_64', owner_id: ctx.account };
    case 'aws_network_interface':
      return { id: `eni-${mockHex('eni')}`, private_ip: '10.0.0.10', subnet_id: `subnet-${mockHex('subnet')}`, owner_id: ctx.account };
    default:
      return { arn: mockArn(type, 'data', ctx) };
  }
}

/** A mock of an output's value, in its shape: strings from the expression, maps and lists recursively. */
export function mockOutputValue(value: unknown, ctx: MockContext, seed: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => mockOutputValue(v, ctx, `${seed}.${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mockOutputValue(v, ctx, `${seed}.${k}`)]));
  }
  if (typeof value !== 'string') return value;
  const ref = /^\$\{(?:data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.([a-z0-9_]+)\}$/.exec(value);
  if (ref) return mockAttribute(ref[1], ref[2], ref[3], ctx);
  if (!value.includes('${')) return value;
  return `mock-${mockHex(seed, 12)}`;
}

/** A guess from an output's name alone, for outputs whose producer is unknown. */
export function mockFromName(name: string, ctx: MockContext): string {
  const type = Object.keys(ID_PREFIX)
    .sort((a, b) => b.length - a.length)
    .find((t) => name.includes(t));
  if (name.endsWith('_arn')) return mockArn(type ?? 'aws_mock', name, ctx);
  if (name.endsWith('_service_name')) return mockAttribute('aws_vpc_endpoint_service', name, 'service_name', ctx);
  if (name.endsWith('_id') && type) return prefixedId(type, name);
  return `mock-${mockHex(name, 12)}`;
}
