/**
 * The outputs a stack reads from the stacks it depends on, through
 * `terraform_remote_state`. In the proof there is no state to read: each such
 * data source is overridden with mocks of exactly the outputs the stack reads,
 * shaped like its producer declares them, and a reference to a stack or output
 * that does not exist is reported as the defect it is.
 */
import { contextOf, mockFromName, mockOutputValue, type MockContext } from './mock-values';
import { defaultProvider, type StackTerraform } from './synthesis';
import { compareEnglish } from '../util/compare';

export const REMOTE_STATE = 'terraform_remote_state';

export interface RemoteStateOverride {
  /** The name of the `terraform_remote_state` data source. */
  readonly dataName: string;
  readonly outputs: Record<string, unknown>;
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

/** The outputs of `data.terraform_remote_state.<dataName>` that `text` reads. */
export function referencedOutputs(text: string, dataName: string): string[] {
  const escaped = dataName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`data\\.${REMOTE_STATE}\\.${escaped}\\.outputs(?:\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[\\\\?"([^"\\\\]+)\\\\?"\\])`, 'g');
  const names = new Set<string>();
  for (const m of text.matchAll(pattern)) names.add(m[1] ?? m[2]);
  return [...names].sort();
}

/**
 * The override of each of the stack's remote states, in name order, and what
 * cannot be satisfied. Mocks of a producer's outputs live in the producer's
 * account and region (`home` when the producer is unknown).
 */
export function remoteStateOverrides(
  stack: StackTerraform,
  all: ReadonlyMap<string, StackTerraform>,
  home: MockContext,
): { overrides: RemoteStateOverride[]; problems: string[] } {
  const overrides: RemoteStateOverride[] = [];
  const problems: string[] = [];
  const stackNames = [...all.keys()];
  for (const [dataName, body] of Object.entries(stack.json.data?.[REMOTE_STATE] ?? {}).sort(([a], [b]) => compareEnglish(a, b))) {
    const producerName = producerOf((body as { config?: unknown }).config, dataName, stackNames);
    const producer = producerName ? all.get(producerName) : undefined;
    const wanted = referencedOutputs(stack.text, dataName);
    if (!producer) problems.push(`data.${REMOTE_STATE}.${dataName} reads a stack that is not in this synthesis`);
    const producerCtx = producer ? contextOf(defaultProvider(producer.json), home) : home;
    const outputs: Record<string, unknown> = {};
    for (const name of wanted) {
      const declared = producer?.json.output?.[name];
      if (producer && !declared) problems.push(`data.${REMOTE_STATE}.${dataName}.outputs.${name}: stack ${producerName} has no output "${name}"`);
      outputs[name] = declared ? mockOutputValue(declared.value, producerCtx, `${producerName}.${name}`) : mockFromName(name, producerCtx);
    }
    overrides.push({ dataName, outputs });
  }
  return { overrides, problems };
}
