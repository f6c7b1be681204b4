/**
 * The `terraform test` file that proves one synthesized stack plans and applies
 * against a mocked AWS: a mock provider per provider configuration, the outputs
 * of the stacks it depends on as overridden `terraform_remote_state` data, and
 * defaults for the computed attributes the AWS provider validates when another
 * resource reads them (a mock provider otherwise fills them with random strings,
 * and "dmyrzgxu is an invalid ARN" fails the apply run).
 *
 * It reads only the synthesized Terraform JSON (`cdk.tf.json`), never the
 * blueprint: what is proved is exactly what is handed off.
 */
import { createHash } from 'node:crypto';
import { hclString } from './cli-config';

/** The parts of a synthesized stack's Terraform JSON that the proof reads. */
export interface TerraformJson {
  readonly terraform?: { readonly backend?: Record<string, unknown> };
  readonly provider?: Record<string, readonly ProviderBlock[] | ProviderBlock>;
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly data?: Record<string, Record<string, unknown>>;
  readonly output?: Record<string, { readonly value?: unknown }>;
}

interface ProviderBlock {
  readonly alias?: string;
  readonly region?: string;
  readonly allowed_account_ids?: readonly string[];
}

export interface StackTerraform {
  readonly name: string;
  readonly json: TerraformJson;
  /** The JSON text, searched for references. */
  readonly text: string;
}

export interface ProofTest {
  /** The `.tftest.hcl` content. */
  readonly content: string;
  /** References the proof cannot satisfy: a stack or output that does not exist. Real defects. */
  readonly problems: readonly string[];
}

export const PROOF_TEST_FILE = 'gwlb-proof.tftest.hcl';

const REMOTE_STATE = 'terraform_remote_state';
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

export interface MockContext {
  readonly region: string;
  readonly account: string;
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
  if (attribute === 'id') {
    if (ARN_IDS.has(type)) return mockArn(type, name, ctx);
    if (ID_PREFIX[type]) return `${ID_PREFIX[type]}-${mockHex(`${type}.${name}`)}`;
    return `mock-${mockHex(`${type}.${name}`, 12)}`;
  }
  if (attribute === 'service_name') return `com.amazonaws.vpce.${ctx.region}.vpce-svc-${mockHex(`${type}.${name}`)}`;
  if (attribute === 'owner_id' || attribute.endsWith('account_id')) return ctx.account;
  if (attribute === 'private_ip') return '10.0.0.10';
  if (attribute.endsWith('_id')) {
    const target = ID_ATTRIBUTE_TYPE[attribute];
    if (target) return `${ID_PREFIX[target]}-${mockHex(seed)}`;
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
  if (ARN_IDS.has(type)) defaults.id = defaults.arn;
  else if (ID_PREFIX[type]) defaults.id = `${ID_PREFIX[type]}-${mockHex(`${type}.default`)}`;
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

/** Stack name of a `terraform_remote_state` source: `<stack>.tfstate` of its local path or S3 key. */
export function producerOf(config: unknown, dataName: string, stackNames: readonly string[]): string | undefined {
  const cfg = (config ?? {}) as Record<string, unknown>;
  for (const key of ['path', 'key']) {
    const value = cfg[key];
    if (typeof value === 'string') {
      const base = value.split('/').pop()!.replace(/\.tfstate$/, '');
      if (stackNames.includes(base)) return base;
    }
  }
  // cdktf names the data source cross_stack_reference_input_<stack, non-word characters as _>.
  const suffix = dataName.replace(/^cross_stack_reference_input_/, '');
  return stackNames.find((s) => s.replace(/[^A-Za-z0-9_]/g, '_') === suffix);
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

/** The outputs of `data.terraform_remote_state.<dataName>` that `text` reads. */
export function referencedOutputs(text: string, dataName: string): string[] {
  const escaped = dataName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`data\\.${REMOTE_STATE}\\.${escaped}\\.outputs(?:\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[\\\\?"([^"\\\\]+)\\\\?"\\])`, 'g');
  const names = new Set<string>();
  for (const m of text.matchAll(pattern)) names.add(m[1] ?? m[2]);
  return [...names].sort();
}

function providerBlocks(json: TerraformJson): ProviderBlock[] {
  const aws = json.provider?.aws;
  if (!aws) return [{}];
  return Array.isArray(aws) ? [...aws] : [aws as ProviderBlock];
}

function contextOf(block: ProviderBlock, fallback?: MockContext): MockContext {
  return {
    region: block.region ?? fallback?.region ?? 'us-east-1',
    account: block.allowed_account_ids?.[0] ?? fallback?.account ?? MOCK_ACCOUNT,
  };
}

/** The proof test of `stack`, given every stack of the same synthesis (to read producers' outputs). */
export function renderProofTest(stack: StackTerraform, all: ReadonlyMap<string, StackTerraform>): ProofTest {
  const problems: string[] = [];
  const { json } = stack;
  const blocks = providerBlocks(json);
  const home = contextOf(blocks.find((b) => !b.alias) ?? {});
  const resourceTypes = Object.keys(json.resource ?? {}).sort();
  const dataTypes = Object.keys(json.data ?? {})
    .filter((t) => t !== REMOTE_STATE)
    .sort();

  const out: string[] = [
    `# Generated by gwlb-blueprint's Terraform proof for stack ${stack.name}: plan and apply`,
    '# against a mocked AWS, with the outputs of the stacks it reads overridden.',
    '',
  ];

  for (const block of [blocks.find((b) => !b.alias) ?? {}, ...blocks.filter((b) => b.alias).sort((a, b) => a.alias!.localeCompare(b.alias!))]) {
    const ctx = contextOf(block, home);
    out.push('mock_provider "aws" {');
    if (block.alias) out.push(`  alias = ${hclString(block.alias)}`);
    for (const type of resourceTypes) out.push(...defaultsBlock('mock_resource', type, resourceDefaults(type, ctx)));
    for (const type of dataTypes) out.push(...defaultsBlock('mock_data', type, dataDefaults(type, ctx)));
    out.push('}', '');
  }

  const stackNames = [...all.keys()];
  for (const [dataName, body] of Object.entries(json.data?.[REMOTE_STATE] ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const producerName = producerOf((body as { config?: unknown }).config, dataName, stackNames);
    const producer = producerName ? all.get(producerName) : undefined;
    const wanted = referencedOutputs(stack.text, dataName);
    if (!producer) problems.push(`data.${REMOTE_STATE}.${dataName} reads a stack that is not in this synthesis`);
    const producerCtx = producer ? contextOf(providerBlocks(producer.json).find((b) => !b.alias) ?? {}, home) : home;
    const outputs: Record<string, unknown> = {};
    for (const name of wanted) {
      const declared = producer?.json.output?.[name];
      if (producer && !declared) problems.push(`data.${REMOTE_STATE}.${dataName}.outputs.${name}: stack ${producerName} has no output "${name}"`);
      outputs[name] = declared ? mockOutputValue(declared.value, producerCtx, `${producerName}.${name}`) : mockFromName(name, producerCtx);
    }
    out.push('override_data {', `  target = data.${REMOTE_STATE}.${dataName}`, `  values = ${hclValue({ outputs }, 2)}`, '}', '');
  }

  out.push('run "plan" {', '  command = plan', '}', '', 'run "apply" {', '  command = apply', '}', '');
  return { content: out.join('\n'), problems };
}

/** A guess from an output's name alone, for outputs whose producer is unknown. */
function mockFromName(name: string, ctx: MockContext): string {
  const type = Object.keys(ID_PREFIX)
    .sort((a, b) => b.length - a.length)
    .find((t) => name.includes(t));
  if (name.endsWith('_arn')) return mockArn(type ?? 'aws_mock', name, ctx);
  if (name.endsWith('_service_name')) return mockAttribute('aws_vpc_endpoint_service', name, 'service_name', ctx);
  if (name.endsWith('_id') && type) return `${ID_PREFIX[type]}-${mockHex(name)}`;
  return `mock-${mockHex(name, 12)}`;
}

function defaultsBlock(kind: 'mock_resource' | 'mock_data', type: string, defaults: Record<string, string>): string[] {
  return [`  ${kind} ${hclString(type)} {`, `    defaults = ${hclValue(defaults, 4)}`, '  }'];
}

/** A JSON-like value as an HCL expression. */
export function hclValue(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${pad}  ${hclValue(v, indent + 2)}`).join(',\n')},\n${pad}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : hclString(k));
  return `{\n${entries.map(([k, v]) => `${pad}  ${key(k)} = ${hclValue(v, indent + 2)}`).join('\n')}\n${pad}}`;
}
