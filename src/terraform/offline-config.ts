/**
 * A synthesized stack rewritten so that the real AWS provider plans (and tries
 * to apply) it with no AWS account and no network: what a mocked provider
 * cannot show, because mocks never run the provider's own code, is then checked
 * by the provider itself (its plan-time validation and CustomizeDiff, and on
 * apply everything it does before its first API call).
 *
 *   - every AWS provider configuration: static fake keys, no assume_role, the
 *     skip_* settings that make configuring it call nothing, every endpoint on a
 *     closed loopback port and one attempt per call, so that a call fails at once
 *     with "connection refused" instead of reaching AWS or retrying for minutes;
 *   - no backend (local state in the scratch copy);
 *   - every read of another stack's state and every data source replaced by the
 *     literal values the mocked proof uses (mock-values.ts, remote-state.ts), and
 *     the data blocks removed, so that a plan makes no call either.
 */
import { hclValue } from './hcl-literal';
import { contextOf, dataDefaults, mockAttribute, type MockContext } from './mock-values';
import { REMOTE_STATE, remoteStateOverrides } from './remote-state';
import { defaultProvider, providerBlocks, type StackTerraform } from './synthesis';

/** Where every endpoint points: port 9 (discard) on loopback, closed on any machine that runs no discard service. */
export const CLOSED_ENDPOINT = 'http://127.0.0.1:9';

/** Services whose endpoints the stacks' resources call, each pointed at CLOSED_ENDPOINT. */
const SERVICES = ['autoscaling', 'cloudwatchlogs', 'ec2', 'elbv2', 'iam', 'logs', 'ram', 's3', 'secretsmanager', 'ssm', 'sts'] as const;

export interface OfflineConfigOptions {
  /** Keep only resources of these types (and drop the outputs): an apply of just those. @default every resource */
  readonly onlyTypes?: readonly string[];
}

export interface OfflineConfig {
  /** The rewritten Terraform JSON. */
  readonly json: Record<string, unknown>;
  /** References the rewrite could not satisfy (a stack or output that does not exist). */
  readonly problems: readonly string[];
}

export function offlineConfig(stack: StackTerraform, all: ReadonlyMap<string, StackTerraform>, options: OfflineConfigOptions = {}): OfflineConfig {
  const json = JSON.parse(stack.text) as Record<string, any>;
  const home = contextOf(defaultProvider(stack.json));
  json.provider = { aws: providerBlocks(stack.json).map((block) => offlineProvider(block as Record<string, unknown>)) };
  if (json.terraform) delete json.terraform.backend;

  const { overrides, problems } = remoteStateOverrides(stack, all, home);
  const literals = new Map<string, unknown>();
  for (const { dataName, outputs } of overrides) {
    for (const [name, value] of Object.entries(outputs)) literals.set(`data.${REMOTE_STATE}.${dataName}.outputs.${name}`, value);
  }
  const dataContexts = new Map<string, MockContext>();
  for (const [type, byName] of Object.entries((json.data ?? {}) as Record<string, Record<string, unknown>>)) {
    if (type === REMOTE_STATE) continue;
    for (const name of Object.keys(byName)) dataContexts.set(`${type}.${name}`, home);
  }
  delete json.data;

  if (options.onlyTypes) {
    json.resource = Object.fromEntries(Object.entries(json.resource ?? {}).filter(([type]) => options.onlyTypes!.includes(type)));
    delete json.output;
  }
  const rewritten = replaceReads(json, literals, dataContexts) as Record<string, unknown>;
  return { json: rewritten, problems };
}

function offlineProvider(block: Record<string, unknown>): Record<string, unknown> {
  return {
    ...(block.alias ? { alias: block.alias } : {}),
    region: block.region ?? 'us-east-1',
    ...(block.default_tags ? { default_tags: block.default_tags } : {}),
    access_key: 'AKIAOFFLINE000000000',
    secret_key: 'offline-secret-key-for-a-plan-without-aws',
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    max_retries: 1,
    endpoints: [Object.fromEntries(SERVICES.map((s) => [s, CLOSED_ENDPOINT]))],
  };
}

/** Every string of the configuration with its remote-state and data source reads replaced by literals. */
function replaceReads(value: unknown, literals: ReadonlyMap<string, unknown>, data: ReadonlyMap<string, MockContext>): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceReads(v, literals, data));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceReads(v, literals, data)]));
  }
  if (typeof value !== 'string' || !value.includes('data.')) return value;
  const literalOf = (ref: string): { found: boolean; value?: unknown } => {
    if (literals.has(ref)) return { found: true, value: literals.get(ref) };
    const m = /^data\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)$/.exec(ref);
    const ctx = m ? data.get(`${m[1]}.${m[2]}`) : undefined;
    if (!m || !ctx) return { found: false };
    return { found: true, value: dataDefaults(m[1], ctx)[m[3]] ?? mockAttribute(m[1], m[2], m[3], ctx) };
  };
  const whole = /^\$\{(data\.[A-Za-z0-9_.-]+)\}$/.exec(value);
  if (whole) {
    const literal = literalOf(whole[1]);
    if (literal.found) return literal.value;
  }
  // Inside a larger expression the read becomes an HCL literal of the same value.
  return value.replace(/data\.[a-z0-9_]+\.[A-Za-z0-9_-]+\.(?:outputs\.)?[A-Za-z0-9_]+/g, (ref) => {
    const literal = literalOf(ref);
    return literal.found ? hclValue(literal.value).replace(/\n\s*/g, ' ') : ref;
  });
}
