/**
 * What every README section is given: the inputs, plus the look-ups several
 * sections share, so that an account or a stack's home is described the same
 * way wherever it appears.
 */
import type { NetworkModel } from '../../blueprint/model';
import type { ProviderInfo, StackInfo } from '../stacks';

export interface ReadmeInputs {
  readonly model: NetworkModel;
  /** In apply order (stackInfosOf). */
  readonly stacks: readonly StackInfo[];
  /** Mermaid source of the topology (renderMermaid). */
  readonly diagram: string;
  /** File name of the diagram beside the README. */
  readonly diagramFile?: string;
}

export interface ReadmeContext extends ReadmeInputs {
  /** `name (id)`; a provider without an account works in whatever account the credentials belong to. */
  accountLabel(id: string | undefined): string;
  /** accountLabel of a blueprint account, by its name. */
  accountNamed(name: string): string;
  /** A stack's provider without an alias: the account and region the stack lives in. */
  homeOf(stack: StackInfo): ProviderInfo | undefined;
}

/** One or more README sections, as lines; blank lines between blocks are collapsed by renderReadme. */
export type Section = (ctx: ReadmeContext) => string[];

export function contextOf(inputs: ReadmeInputs): ReadmeContext {
  const { model } = inputs;
  // Providers know accounts only by ID (that is what the stacks record).
  const accountById = new Map(Object.values(model.accounts).map((a) => [a.id, a]));
  const accountLabel = (id: string | undefined) => {
    const account = id ? accountById.get(id) : undefined;
    return account ? `${account.name} (${account.id})` : (id ?? 'the caller\'s account');
  };
  return {
    ...inputs,
    accountLabel,
    accountNamed: (name) => accountLabel(model.accounts[name].id),
    homeOf: (s) => s.providers.find((p) => p.alias === undefined),
  };
}
