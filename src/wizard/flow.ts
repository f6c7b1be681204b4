/**
 * The questions of `gwlb-blueprint init`, in the order an engineer thinks about a
 * network: name and tags; accounts; then per region its AZs, Transit Gateway,
 * appliance fleets, egress VPC, DMZs, spokes and VPNs ("add another region?");
 * with several regions, how they are peered and inspected; last the Terraform
 * state backend. Each part is a file of questions/.
 *
 * Every default comes from a base blueprint, entry by entry in order: the
 * `--from` file (or the previous round's answers), and then pressing Enter
 * throughout rebuilds it exactly; or the embedded reference, an example, whose
 * names, CIDRs and fleets are offered but whose ties between entries are not:
 * owners, roles and RAM sharing follow the answers given (Session). Fields the
 * wizard does not ask about (an account's
 * `external`, a fleet's `healthCheck`, fields added after this wizard, …) are
 * carried over from the base entry they belong to. Every answer is checked
 * against the blueprint built so far with the rules of `validate`
 * (field-check.ts).
 */
import type { Blueprint } from '../blueprint/schema';
import type { Prompter } from './prompter';
import { askAccounts } from './questions/accounts';
import { assemble } from './questions/assemble';
import { askIdentity } from './questions/identity';
import { askInterRegion } from './questions/inter-region';
import { askInternalRanges } from './questions/internal-ranges';
import { askRegions } from './questions/region';
import { Session } from './questions/session';
import { askState } from './questions/state';

export { NONE } from './questions/parse';

/**
 * Asks every question once and returns the blueprint the answers describe.
 * @param fromAnswers `base` is the user's own blueprint, not the example (Session).
 */
export async function askBlueprint(prompter: Prompter, base: Blueprint, fromAnswers = true): Promise<Blueprint> {
  const s = new Session(prompter, base, fromAnswers);
  prompter.note('Enter accepts the default in parentheses (Tab puts it on the line to edit). Every answer is checked as you go; Ctrl-C quits without writing anything.', 'help');
  await askIdentity(s);
  await askAccounts(s);
  await askRegions(s);
  await askInterRegion(s);
  await askInternalRanges(s);
  await askState(s);
  return assemble(s);
}
