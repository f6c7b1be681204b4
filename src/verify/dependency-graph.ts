/**
 * The order Terraform creates things in, as verify reads it from the synthesized
 * configuration: a resource waits for everything its arguments reference and
 * everything its `depends_on` lists, and so, transitively, for what those wait
 * for. Across stacks, a read of another stack's state (`terraform_remote_state`)
 * waits for the output it reads and what that output waits for (its value's
 * references and its own `depends_on`), but only when the manifest orders the
 * producing stack first: `cdktf deploy` applies stacks in the manifest's
 * dependency order, and two stacks it does not order may run in any order.
 *
 * Nodes are `<stack>/<type>.<name>` for resources (as resourceKey writes them),
 * `<stack>/data.<type>.<name>` for data sources and `<stack>/output.<name>` for
 * outputs. What cannot be read (locals, variables, module calls) is not in the
 * graph; gwlb-blueprint writes none, and the folder reader refuses modules.
 */
import type { Attributes, TerraformSet, TerraformStackJson } from './terraform-json';

export const REMOTE_STATE = 'terraform_remote_state';

export interface RemoteStateRead {
  /** `<stack>/data.terraform_remote_state.<name>` */
  readonly node: string;
  readonly stack: string;
  /** The stack whose state it reads; undefined when no stack of the set writes it. */
  readonly producer?: string;
  /** Whether the manifest applies the producer first (always, for stacks read without a manifest). */
  readonly ordered: boolean;
}

export class DependencyGraph {
  private readonly direct = new Map<string, readonly string[]>();
  private readonly reached = new Map<string, ReadonlySet<string>>();
  private readonly deps = new Map<string, ReadonlySet<string>>();

  constructor(private readonly set: TerraformSet) {}

  /** Whether `from` is created only after `to` exists. */
  waitsFor(from: string, to: string): boolean {
    return this.reach(from).has(to);
  }

  /** Every read of another stack's state, and whether the manifest orders it. */
  remoteStateReads(): RemoteStateRead[] {
    const reads: RemoteStateRead[] = [];
    for (const stack of this.set.stacks.values()) {
      for (const name of Object.keys(stack.data[REMOTE_STATE] ?? {})) {
        const producer = this.set.producerOf(stack.name, name);
        reads.push({ node: `${stack.name}/data.${REMOTE_STATE}.${name}`, stack: stack.name, producer, ordered: producer !== undefined && this.ordered(stack, producer) });
      }
    }
    return reads;
  }

  private reach(node: string): ReadonlySet<string> {
    const known = this.reached.get(node);
    if (known) return known;
    // Placed first so that a cycle (which Terraform refuses anyway) ends the walk.
    const found = new Set<string>();
    this.reached.set(node, found);
    for (const next of this.edges(node)) {
      found.add(next);
      for (const further of this.reach(next)) found.add(further);
    }
    return found;
  }

  /** What `node` waits for directly. */
  edges(node: string): readonly string[] {
    let edges = this.direct.get(node);
    if (!edges) this.direct.set(node, (edges = this.computeEdges(node)));
    return edges;
  }

  private computeEdges(node: string): string[] {
    const slash = node.indexOf('/');
    const stack = this.set.stacks.get(node.slice(0, slash));
    const body = stack ? bodyOf(stack, node.slice(slash + 1)) : undefined;
    if (!stack || !body) return [];
    const out = new Set<string>();
    collect(body, (text, isDependsOn) => {
      for (const ref of referencesIn(isDependsOn && !text.includes('${') ? `\${${text}}` : text)) {
        for (const target of this.targets(stack, ref)) out.add(target);
      }
    });
    out.delete(node);
    return [...out];
  }

  /** The nodes a reference names: instances of a resource, a data source, or through a remote state the producer's output. */
  private targets(stack: TerraformStackJson, ref: string): string[] {
    const parts = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)(\[[^\]]*\])?(?:\.(.*))?$/.exec(ref);
    if (!parts) return [];
    const [, data, type, name, index, rest] = parts;
    const blocks = data ? stack.data[type] : stack.resource[type];
    if (!blocks) return [];
    const prefix = `${stack.name}/${data ? 'data.' : ''}${type}.`;
    const instances = index && `${name}${index}` in blocks ? [`${name}${index}`] : Object.keys(blocks).filter((k) => k === name || k.startsWith(`${name}[`));
    const nodes = instances.map((i) => `${prefix}${i}`);
    if (data && type === REMOTE_STATE && instances.length > 0) {
      const output = /^outputs(?:\.([A-Za-z_][\w-]*)|\[\\?"([^"\\]+)\\?"\])/.exec(rest ?? '');
      const producer = this.set.producerOf(stack.name, name);
      if (output && producer && this.ordered(stack, producer)) nodes.push(`${producer}/output.${output[1] ?? output[2]}`);
    }
    return nodes;
  }

  private ordered(consumer: TerraformStackJson, producer: string): boolean {
    if (consumer.dependencies === undefined) return true;
    return this.manifestDependencies(consumer.name).has(producer);
  }

  /** The stacks the manifest applies before `stack`, transitively. */
  private manifestDependencies(stack: string): ReadonlySet<string> {
    const known = this.deps.get(stack);
    if (known) return known;
    const found = new Set<string>();
    this.deps.set(stack, found);
    for (const d of this.set.stacks.get(stack)?.dependencies ?? []) {
      found.add(d);
      for (const further of this.manifestDependencies(d)) found.add(further);
    }
    return found;
  }
}

/** The block a node names, from its stack. */
function bodyOf(stack: TerraformStackJson, address: string): Attributes | undefined {
  if (address.startsWith('output.')) return stack.output[address.slice('output.'.length)] as Attributes | undefined;
  const data = address.startsWith('data.');
  const rest = data ? address.slice(5) : address;
  const dot = rest.indexOf('.');
  return (data ? stack.data : stack.resource)[rest.slice(0, dot)]?.[rest.slice(dot + 1)];
}

/** Calls `visit` with every string of a block body (its `depends_on` entries marked); not the comments nor the provider meta-argument. */
function collect(value: unknown, visit: (text: string, isDependsOn: boolean) => void, key = '', dependsOn = false): void {
  if (typeof value === 'string') visit(value, dependsOn);
  else if (Array.isArray(value)) value.forEach((v) => collect(v, visit, key, dependsOn));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '//' || k === 'provider') continue;
      collect(v, visit, k, dependsOn || k === 'depends_on');
    }
  }
}

/** The references (`aws_x.y`, `aws_x.y[0].id`, `data.t.n.outputs.o`) inside the `${...}` expressions of a string. */
export function referencesIn(text: string): string[] {
  const refs: string[] = [];
  for (const expression of expressionsIn(text)) {
    const pattern = /(?<![\w.\]"])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?(?:\.[A-Za-z_][\w-]*|\[\\?"[^"\\]*\\?"\])*)/g;
    // Literal text inside the expression may look like a reference (`logs.amazonaws`): the graph keeps only names the stack declares.
    for (const m of expression.matchAll(pattern)) refs.push(m[1]);
  }
  return refs;
}

/** The bodies of the `${...}` expressions of a template string (not `$${`, Terraform's escape). */
function expressionsIn(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 2)) {
    if (i > 0 && text[i - 1] === '$') continue;
    let depth = 0;
    let quoted = false;
    for (let j = i + 2; j < text.length; j++) {
      const c = text[j];
      if (quoted) {
        if (c === '\\') j++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) {
          out.push(text.slice(i + 2, j));
          i = j - 1;
          break;
        }
        depth--;
      }
    }
  }
  return out;
}
