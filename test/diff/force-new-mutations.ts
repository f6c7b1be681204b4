/**
 * For the check of the force-new table against the provider: every attribute
 * gwlb-blueprint writes, changed to another value the provider accepts, one
 * attribute per resource instance, so that one plan of a stack answers for many
 * attributes at once (test/diff/force-new-provider.test.ts).
 */
import { mockAttribute, type MockContext } from '../../src/terraform/mock-values';

/** A leaf of a resource's configuration: `cidr_block`, `health_check.interval`. */
export type AttributePath = string;

/** Keys that are Terraform's, not the resource's. */
const META = new Set(['//', 'provider', 'depends_on', 'lifecycle', 'count', 'for_each', 'timeouts']);

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every attribute path a resource's configuration sets (a block's leaves, not the block). */
export function attributePaths(args: Record<string, any>, prefix = ''): AttributePath[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (META.has(key)) continue;
    const block = isObject(value) && key !== 'tags' && !isMap(key) ? value : Array.isArray(value) && value.length > 0 && value.every(isObject) ? value[0] : undefined;
    if (block) paths.push(...attributePaths(block, `${prefix}${key}.`));
    else paths.push(`${prefix}${key}`);
  }
  return paths;
}

/** Map-typed arguments the tool writes (a change adds a key); every other object is a block. */
function isMap(key: string): boolean {
  return key === 'tags' || key === 'dimensions';
}

/** Values the provider accepts instead of the one written, where "another string" would not validate. */
const ALTERNATIVES: Readonly<Record<string, unknown>> = {
  traffic_type: 'REJECT',
  max_aggregation_interval: 600,
  domain: 'standard',
  connectivity_type: 'private',
  vpc_endpoint_type: 'Interface',
  load_balancer_type: 'network',
  protocol: 'TCP',
  target_type: 'ip',
  ip_protocol: 'tcp',
  health_check_type: 'EC2',
  policy_type: 'StepScaling',
  comparison_operator: 'LessThanThreshold',
  statistic: 'Average',
  treat_missing_data: 'notBreaching',
  default_route_table_association: 'enable',
  default_route_table_propagation: 'enable',
  auto_accept_shared_attachments: 'enable',
  dns_support: 'disable',
  vpn_ecmp_support: 'disable',
  appliance_mode_support: 'disable',
  http_tokens: 'optional',
  http_endpoint: 'disabled',
  volume_type: 'gp2',
  content_type: 'text/html',
  server_side_encryption: 'aws:kms',
  dpd_timeout_action: 'restart',
  tunnel1_dpd_timeout_action: 'restart',
  tunnel2_dpd_timeout_action: 'restart',
  on_deregistration: 'no_rebalance',
  on_unhealthy: 'no_rebalance',
  strategy: 'Rolling',
  type: 'forward',
  predefined_metric_type: 'ASGAverageNetworkIn',
  amazon_side_asn: 64999,
  bgp_asn: '65111',
  bgp_asn_extended: '4200000111',
  port: 6081,
  from_port: 1,
  to_port: 2,
  device_index: 3,
  deregistration_delay: '30',
  tcp_idle_timeout_seconds: 120,
  retention_in_days: 30,
};

/** Values whose change the provider refuses at plan time whatever it is (a GENEVE target group listens on 6081 only). */
const FIXED: ReadonlySet<string> = new Set(['aws_lb_target_group:port', 'aws_lb_target_group:protocol', 'aws_customer_gateway:type', 'aws_vpn_connection:type']);

export function isFixed(type: string, path: AttributePath): boolean {
  return FIXED.has(`${type}:${path}`);
}

/** A copy of `args` with the attribute at `path` changed; undefined when there is no value to change it to. */
export function mutate(type: string, name: string, args: Record<string, any>, path: AttributePath, ctx: MockContext): Record<string, any> | undefined {
  const copy = JSON.parse(JSON.stringify(args)) as Record<string, any>;
  const keys = path.split('.');
  let holder: any = copy;
  for (const key of keys.slice(0, -1)) {
    holder = holder[key];
    if (Array.isArray(holder)) holder = holder[0];
    if (!isObject(holder)) return undefined;
  }
  const leaf = keys[keys.length - 1];
  const changed = another(type, name, leaf, holder[leaf], ctx);
  if (changed === undefined) return undefined;
  holder[leaf] = changed;
  return copy;
}

/** Another valid value of the same enumeration, for values whose attribute takes a fixed set. */
const SWAPS: Readonly<Record<string, string>> = {
  enable: 'disable',
  disable: 'enable',
  'cloud-watch-logs': 's3',
  s3: 'cloud-watch-logs',
  restart: 'clear',
  ikev2: 'ikev1',
  json: 'text',
  'AES256-GCM-16': 'AES128-GCM-16',
  AES256: 'AES128',
  'SHA2-256': 'SHA1',
  'SHA2-384': 'SHA1',
  'SHA2-512': 'SHA1',
  gp3: 'gp2',
  required: 'optional',
  enabled: 'disabled',
  tcp: 'udp',
  '-1': 'tcp',
  Gateway: 'Interface',
  GatewayLoadBalancer: 'Interface',
  gateway: 'network',
};

function another(type: string, name: string, key: string, value: unknown, ctx: MockContext): unknown {
  if (typeof value === 'string' && value in SWAPS && SWAPS[value] !== value) return SWAPS[value];
  if (key in ALTERNATIVES && ALTERNATIVES[key] !== value && typeof ALTERNATIVES[key] === typeof value) return ALTERNATIVES[key];
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    // The first element changed to one the list does not hold already (sets refuse duplicates).
    let first = another(type, name, key, value[0], ctx);
    for (let n = 1; typeof first === 'number' && value.includes(first) && n < 10; n++) first = (value[0] as number) + n + 1;
    if (first === undefined || value.includes(first)) return undefined;
    return [first, ...value.slice(1)];
  }
  if (isObject(value)) return { ...value, 'gwlb-changed': 'yes' };
  if (typeof value !== 'string') return undefined;
  const reference = /^\$\{(?:data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.([a-z0-9_]+)\}$/.exec(value);
  if (reference) return mockAttribute(reference[1], `${reference[2]}-changed`, reference[3], ctx);
  if (value.startsWith('${')) return expressionAlternative(key);
  const cidr = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(value);
  if (cidr) return Number(cidr[5]) === 0 ? '10.99.0.0/16' : `${Number(cidr[1]) === 10 ? 172 : 10}.${cidr[2] === '0' ? 16 : cidr[2]}.${cidr[3]}.${cidr[4]}/${cidr[5]}`.replace(/^172\.(\d+)/, (_, b) => `172.${16 + (Number(b) % 16)}`);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(value)) return '198.51.100.99';
  if (/^\d{12}$/.test(value)) return '999999999999';
  if (/^arn:/.test(value)) return value.replace(/.$/, (c) => (c === '1' ? '2' : '1'));
  if (/^\d+$/.test(value)) return String(Number(value) + 1);
  if (value === '') return 'changed';
  // Same length, last character changed: names keep within their limits.
  return value.replace(/.$/, (c) => (c === 'b' ? 'c' : 'b'));
}

/** A literal instead of an expression (a policy, user data), of a shape its attribute accepts. */
function expressionAlternative(key: string): unknown {
  if (key.endsWith('policy')) return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Principal: '*' }] });
  if (key === 'user_data') return 'Y2hhbmdlZA==';
  if (key === 'content') return 'changed';
  return undefined;
}
