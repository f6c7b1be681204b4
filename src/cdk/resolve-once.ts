/**
 * A TerraformStack that resolves each element once. cdktf 0.21 resolves every
 * element of a stack in `prepareStack` (to find cross-stack references), again
 * in `toTerraform`, and then the merged stack a third time (lib/terraform-stack.js);
 * each pass walks every value. Here `prepareStack` keeps what it resolved, and
 * `toTerraform` merges those fragments instead of resolving the elements again.
 *
 * The fragments are the same: the preparing pass differs only in registering
 * cross-stack references (tfExpression.js, Reference.resolve), and it records the
 * identifier it then returns. Elements created after a stack was prepared (the
 * outputs and remote-state data sources cross-stack references add) are not in
 * the cache and are resolved in `toTerraform` as cdktf would. Every pass uses
 * resolveFast (resolve.ts), which resolves as cdktf's resolve does.
 *
 * The cache is skipped, and cdktf's own `toTerraform` runs, when an Aspect is
 * registered on the stack, anything in it or above it (aspects run after
 * prepareStack and may change elements), and for HCL output (cdktf renders HCL
 * from other element methods). JSON is written by JsonStackSynthesizer
 * (json-synthesizer.ts). GWLB_CDKTF_STOCK=1 turns all of this off: cdktf's own
 * passes and synthesizer. cdktf 0.21 is the final release of cdktf, so these
 * internals do not move; a test proves the output byte-identical either way
 * (test/cdk/resolve-once.test.ts).
 */
import type { Construct, IConstruct } from 'constructs';
import { Aspects, TerraformElement, TerraformOutput, TerraformStack } from 'cdktf';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import util = require('cdktf/lib/util');
import { JsonStackSynthesizer } from './json-synthesizer';
import { resolveFast } from './resolve';

/** The parts of TerraformStack that its TypeScript declarations keep private. */
interface StackInternals {
  readonly rawOverrides: Record<string, unknown>;
  readonly cdktfVersion?: string;
  readonly synthesizer: { readonly hclOutput?: boolean };
}

export class ResolveOnceStack extends TerraformStack {
  /** Whether the stack's JSON goes through `finishJson` as it is written (else a caller rewrites the file). */
  readonly finishesJson: boolean;
  /** Each element's resolved fragment, from the last prepareStack; used once by toTerraform. */
  private resolvedFragments?: Map<TerraformElement, unknown>;
  private readonly stock = process.env.GWLB_CDKTF_STOCK === '1';

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.finishesJson = !this.stock && !(this as unknown as StackInternals).synthesizer.hclOutput;
    if (this.finishesJson) this.synthesizer = new JsonStackSynthesizer(this, (text) => this.finishJson(text));
  }

  /** The stack's Terraform JSON as it is written; a subclass rewrites what it must. */
  protected finishJson(text: string): string {
    return text;
  }

  prepareStack(): void {
    this.resolvedFragments = undefined;
    if (!resolveOnceApplies(this)) {
      super.prepareStack();
      return;
    }
    this.ensureBackendExists();
    const fragments = new Map<TerraformElement, unknown>();
    // A preparing resolve may add elements (cross-stack references): the list is taken first, as cdktf does.
    for (const element of terraformElements(this)) fragments.set(element, resolveFast(this, element.toTerraform(), true));
    this.resolvedFragments = fragments;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  toTerraform(): any {
    const fragments = this.resolvedFragments;
    this.resolvedFragments = undefined;
    if (!fragments || !resolveOnceApplies(this)) return super.toTerraform();
    const internals = this as unknown as StackInternals;
    // What TerraformStack.toTerraform builds, with the prepared fragments.
    const metadata: Record<string, unknown> = {
      version: internals.cdktfVersion,
      stackName: this.node.id,
      backend: 'local',
      cloud: undefined,
      ...(Object.keys(internals.rawOverrides).length > 0 ? { overrides: { stack: Object.keys(internals.rawOverrides) } } : {}),
    };
    const elements = terraformElements(this);
    for (const element of elements) util.deepMerge(metadata, resolveFast(this, element.toMetadata()));
    const outputs: Record<string, unknown> = {};
    for (const element of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      util.deepMerge(outputs, element.node.path.split('/').reduceRight<Record<string, unknown>>((inner, part) => (Object.keys(inner).length === 0 ? { [part]: element.friendlyUniqueId } : { [part]: inner }), {}));
    }
    const tf: Record<string, unknown> = { '//': { metadata, outputs } };
    for (const element of elements) util.deepMerge(tf, fragments.has(element) ? fragments.get(element) : resolveFast(this, element.toTerraform()));
    util.deepMerge(tf, internals.rawOverrides);
    return resolveFast(this, tf);
  }
}

function resolveOnceApplies(stack: ResolveOnceStack): boolean {
  if (!stack.finishesJson) return false;
  for (let scope: IConstruct | undefined = stack.node.scope; scope; scope = scope.node.scope) {
    if (Aspects.of(scope).all.length > 0) return false;
  }
  return !stack.node.findAll().some((c) => Aspects.of(c).all.length > 0);
}

/** The stack's elements in construct order, not descending into nested stacks (as terraform-stack.js collects them). */
function terraformElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (!TerraformStack.isStack(child)) terraformElements(child, into);
  }
  return into;
}
