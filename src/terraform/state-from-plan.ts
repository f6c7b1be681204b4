/**
 * A Terraform state (format version 4) as if a configuration had been applied:
 * every resource the plan of that configuration (over an empty state) would
 * create, holding the values the plan knows. What only AWS would know (IDs,
 * ARNs) gets values of the right shape (mock-values.ts), and an attribute that
 * is one whole reference to another resource (`${aws_vpc.x.id}`) takes that
 * resource's value, so the next plan finds the references it reads unchanged.
 * A plan of another configuration over this state then says what Terraform
 * would do to the deployed network: update in place, or replace (`replace_paths`).
 */
import { randomUUID } from 'node:crypto';
import { mockArn, mockAttribute, type MockContext } from './mock-values';

/** The parts of `terraform show -json <plan>` read here. */
export interface PlanJson {
  readonly terraform_version?: string;
  readonly planned_values?: { readonly root_module?: { readonly resources?: readonly PlannedResource[] } };
  readonly resource_changes?: readonly ResourceChange[];
}

export interface PlannedResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly schema_version?: number;
  readonly values?: Record<string, unknown>;
}

export interface ResourceChange {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly change: {
    readonly actions: readonly string[];
    readonly after_unknown?: Record<string, unknown>;
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
}

const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';
/** `${type.name.attr}`, `${type.name[0].attr}`: one whole reference to a managed resource. */
const WHOLE_REFERENCE = /^\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(\d+|"[^"]*")\])?\.([a-z0-9_]+)\}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Attribute types of each resource type, as `terraform providers schema -json` gives them (`"string"`, `["list", "string"]`). */
export type AttributeTypes = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The attribute types of every resource type of a `terraform providers schema -json` document. */
export function attributeTypesOf(schema: unknown): AttributeTypes {
  const providers = (schema as { provider_schemas?: Record<string, { resource_schemas?: Record<string, { block?: { attributes?: Record<string, { type?: unknown }> } }> }> }).provider_schemas ?? {};
  const out: Record<string, Record<string, unknown>> = {};
  for (const provider of Object.values(providers)) {
    for (const [type, resource] of Object.entries(provider.resource_schemas ?? {})) {
      out[type] = Object.fromEntries(Object.entries(resource.block?.attributes ?? {}).map(([name, a]) => [name, a.type]));
    }
  }
  return out;
}

/**
 * What AWS would have set, for an attribute the plan leaves unknown: IDs and ARNs of the right shape, a
 * string of the attribute's kind, 1 for a number (a version), an empty collection. A null would not do:
 * the next plan takes a null computed attribute for one still to be computed, which replaces a resource
 * whose attribute forces replacement (a RAM share's `permission_arns`), and a string in a number fails to decode.
 */
function assigned(type: string, name: string, attribute: string, kind: unknown, ctx: MockContext): unknown {
  if (attribute === 'arn') return mockArn(type, name, ctx);
  if (kind === 'number') return 1;
  if (kind === 'bool') return false;
  if (Array.isArray(kind)) return kind[0] === 'map' || kind[0] === 'object' ? {} : [];
  return mockAttribute(type, name, attribute, ctx);
}

/**
 * The state: `config` is the Terraform JSON the plan was made of (for references
 * and provider aliases), `ctx` where the mock IDs live, `types` the provider's attribute types.
 */
export function stateFromPlan(plan: PlanJson, config: Record<string, any>, ctx: MockContext, types: AttributeTypes = {}): Record<string, unknown> {
  const planned = (plan.planned_values?.root_module?.resources ?? []).filter((r) => r.mode === 'managed');
  const unknown = new Map((plan.resource_changes ?? []).map((c) => [c.address, c.change.after_unknown ?? {}]));
  const values = new Map<string, Record<string, unknown>>();
  for (const r of planned) {
    const v: Record<string, unknown> = { ...(r.values ?? {}) };
    const u = unknown.get(r.address) ?? {};
    const configured = config.resource?.[r.type]?.[r.name] ?? {};
    // What AWS assigns (computed, not configured) gets a value of its type; a configured value the plan could not know
    // yet reads another resource, and takes that resource's value below.
    for (const [attribute, isUnknown] of Object.entries(u)) {
      if (isUnknown !== true || attribute in configured) continue;
      if (attribute === 'id' || attribute === 'arn' || attribute in (types[r.type] ?? {})) v[attribute] = assigned(r.type, r.name, attribute, types[r.type]?.[attribute] ?? 'string', ctx);
    }
    values.set(r.address, v);
  }
  // References read the values of what they name; a chain (subnet → VPC) settles in as many rounds as it is long.
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const r of planned) {
      const args = config.resource?.[r.type]?.[r.name];
      if (isObject(args)) changed = fill(values.get(r.address)!, args, values, unknown.get(r.address) ?? {}) || changed;
    }
    if (!changed) break;
  }
  const byResource = new Map<string, { type: string; name: string; provider: string; instances: Record<string, unknown>[] }>();
  for (const r of planned) {
    const key = `${r.type}.${r.name}`;
    let entry = byResource.get(key);
    if (!entry) {
      const alias = config.resource?.[r.type]?.[r.name]?.provider;
      const provider = typeof alias === 'string' && alias.startsWith('aws.') ? `${PROVIDER}.${alias.slice(4)}` : PROVIDER;
      byResource.set(key, (entry = { type: r.type, name: r.name, provider, instances: [] }));
    }
    entry.instances.push({
      ...(r.index !== undefined ? { index_key: r.index } : {}),
      schema_version: r.schema_version ?? 0,
      attributes: values.get(r.address),
      sensitive_attributes: [],
    });
  }
  return {
    version: 4,
    terraform_version: plan.terraform_version ?? '1.11.0',
    serial: 1,
    lineage: randomUUID(),
    outputs: {},
    resources: [...byResource.values()].map((e) => ({ mode: 'managed', type: e.type, name: e.name, provider: e.provider, instances: e.instances })),
    check_results: null,
  };
}

/** Sets each unknown value whose configuration is one whole reference to the value it names; true when something was set. */
function fill(target: Record<string, unknown>, args: Record<string, unknown>, values: ReadonlyMap<string, Record<string, unknown>>, unknown: Record<string, unknown>): boolean {
  let changed = false;
  for (const [key, raw] of Object.entries(args)) {
    if (key === '//' || key === 'provider' || key === 'depends_on' || key === 'lifecycle') continue;
    const u = unknown[key];
    if (u === undefined || u === false) continue;
    if (typeof raw === 'string' && u === true) {
      const value = referenced(raw, values);
      if (value !== undefined && target[key] !== value) {
        target[key] = value;
        changed = true;
      }
    } else if (Array.isArray(raw) && Array.isArray(u)) {
      // A list of references (subnet_ids): each element its own.
      const list = Array.isArray(target[key]) ? [...(target[key] as unknown[])] : raw.map(() => null);
      raw.forEach((item, i) => {
        if (u[i] !== true || typeof item !== 'string') return;
        const value = referenced(item, values);
        if (value !== undefined && list[i] !== value) {
          list[i] = value;
          changed = true;
        }
      });
      target[key] = list;
    } else if (isObject(raw) && Array.isArray(u) && isObject(u[0])) {
      // A nested block, a list of one object in the state.
      const blocks = Array.isArray(target[key]) ? (target[key] as unknown[]) : [];
      if (isObject(blocks[0])) changed = fill(blocks[0], raw, values, u[0]) || changed;
    }
  }
  return changed;
}

function referenced(expression: string, values: ReadonlyMap<string, Record<string, unknown>>): unknown {
  const m = WHOLE_REFERENCE.exec(expression);
  if (!m) return undefined;
  const [, type, name, index, attribute] = m;
  const value = values.get(`${type}.${name}${index !== undefined ? `[${index}]` : ''}`)?.[attribute];
  return value === null ? undefined : value;
}

