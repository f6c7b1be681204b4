/**
 * Hostile user strings (Terraform template syntax, quotes, backslashes, line
 * breaks) and the blueprints and models that carry them, shared by the tests
 * that prove every user string reaches Terraform as data.
 */
import type { NetworkModel } from '../../src/blueprint/model';
import type { Blueprint } from '../../src/blueprint/schema';
import { validateBlueprint } from '../../src/blueprint/validate';
import { reference, regionOf, withSecondRegion } from './blueprints';

/** What the issue names: evaluated, they read a file of the deploying machine and run a template directive. */
export const TEMPLATE_INJECTIONS = ['${file("/etc/hostname")}', '%{ if true }x%{ endif }'] as const;

/**
 * The same, but such that evaluating them fails (the file does not exist), so
 * `terraform validate` passing proves that no configuration string, provider
 * blocks included, was evaluated.
 */
export const FAILING_INJECTIONS = ['${file("/nonexistent/gwlb-blueprint")}', '%{ if file("/nonexistent/gwlb-blueprint") == "" }x%{ endif }'] as const;

/** Characters that break a quoted string in HCL or JSON unless escaped. */
export const QUOTING = 'say "hi" C:\\temp\\new\ttab\nsecond line';

/**
 * The reference network with every kind of user string the schema has: a second
 * region and a peering, a generic fleet with an HTTP health check and a
 * bootstrap secret, a Palo Alto fleet with a bootstrap bucket, office prefixes,
 * internal ranges, a declared AZ list, an S3 state backend and $schema.
 */
export function everyStringField(): Blueprint {
  const bp = withSecondRegion(reference());
  bp.$schema = './blueprint.schema.json';
  const region = regionOf(bp);
  region.fleets.lab = {
    vendor: 'generic',
    ami: 'ami-0123456789abcdef0',
    instanceType: 'c5.large',
    minSize: 3,
    maxSize: 3,
    healthCheck: { protocol: 'HTTP', port: 80, path: '/healthz' },
    managementCidrs: ['10.0.0.0/8'],
    bootstrapSecret: '/gwlb/lab/key',
  };
  region.fleets.pan = {
    vendor: 'paloalto',
    ami: 'ami-0123456789abcdef1',
    instanceType: 'm5.xlarge',
    minSize: 3,
    maxSize: 3,
    bootstrapBucket: 'acme-pan-bootstrap',
  };
  region.dmzs!['prod-dmz'].fleet = 'lab';
  region.dmzs!['partner-dmz'].fleet = 'pan';
  region.internalCidrs = ['10.0.0.0/8'];
  region.regionAvailabilityZones = ['euw2-az1', 'euw2-az2', 'euw2-az3'];
  region.vpnConnections!['london-office'].cidrs = ['10.201.0.0/16'];
  bp.interRegion = { inspection: 'once', peerings: [['eu-west-2', 'us-east-1']] };
  bp.state = { backend: 's3', bucket: 'acme-network-state', region: 'eu-west-2', keyPrefix: 'gwlb/acme' };
  return bp;
}

export function modelOf(bp: unknown): NetworkModel {
  const result = validateBlueprint(bp);
  if (!result.model) throw new Error(`the blueprint does not validate: ${JSON.stringify(result.problems.filter((p) => p.severity === 'error'))}`);
  return result.model;
}

/**
 * A model whose user strings carry what validation would refuse today (tag
 * characters AWS refuses): the constructs must still write them as data, so that
 * no later relaxation of a rule turns them into expressions.
 */
export function hostileModel(strings: readonly string[]): { model: NetworkModel; tags: Record<string, string>; path: string } {
  const base = modelOf(everyStringField());
  const tags: Record<string, string> = { Owner: 'network-team' };
  strings.forEach((s, i) => {
    tags[`value-${i}`] = s;
    tags[s] = `key-${i}`;
  });
  const path = `/${strings.join('/')}`;
  const model: NetworkModel = {
    ...base,
    tags,
    regions: base.regions.map((r) => ({
      ...r,
      fleets: r.fleets.map((f) => (f.name === 'lab' ? { ...f, healthCheck: { ...f.healthCheck, path } } : f)),
    })),
  };
  return { model, tags, path };
}
