/**
 * The AWS accounts the network spans, and the account questions of every other
 * part (who owns this TGW, VPC, …), which follow a renamed account.
 */
import type { AccountSpec } from '../../blueprint/schema';
import { freeAccountId } from '../defaults';
import { PENDING, unasked } from './draft';
import { NONE, optionalText } from './parse';
import { LIMITS, type Session } from './session';

export async function askAccounts(s: Session): Promise<void> {
  const baseAccounts = Object.entries(s.base.accounts);
  s.prompter.note('Accounts: every AWS account the network spans', 'heading');
  s.prompter.note('With a role to assume, one set of credentials deploys every account; without one, a stack uses the credentials it runs with.');
  const count = await s.count('accounts.count', 'How many accounts?', Math.max(1, baseAccounts.length), 1, LIMITS.accounts);
  let lastRole: string | undefined;
  for (let i = 0; i < count; i++) {
    const [baseName, baseSpec] = baseAccounts[i] ?? [undefined, undefined];
    const name = await s.entryName({
      id: `accounts[${i}].name`,
      message: `Account ${i + 1} of ${count}: name`,
      suggested: baseName ?? `account-${i + 1}`,
      parent: ['accounts'],
      duplicate: (v) => `there is already an account named ${v}`,
      set: (d, v) => void (d.accounts[v] = { id: PENDING }),
    });
    if (baseName) s.accountNames.set(baseName, name);

    const takenIds = Object.values(s.draft.accounts).map((a) => a.id);
    const id = await s.text({
      id: `accounts[${i}].id`,
      message: `${name}: 12-digit account ID`,
      default: baseSpec && !takenIds.includes(baseSpec.id) ? baseSpec.id : freeAccountId(takenIds),
      path: ['accounts', name, 'id'],
      // The console shows IDs as 1111-2222-3333.
      parse: (t) => ({ ok: true, value: t.replace(/[\s-]/g, '') }),
      set: (d, v) => void (d.accounts[name].id = v),
    });

    const role = await s.text<string | undefined>({
      id: `accounts[${i}].roleArn`,
      message: `${name}: IAM role to assume (${NONE} for the caller's own credentials)`,
      default: defaultRole(baseSpec, id, lastRole, s.fromAnswers) ?? NONE,
      path: ['accounts', name, 'roleArn'],
      parse: optionalText,
      set: (d, v) => {
        if (v) d.accounts[name].roleArn = v;
        else delete d.accounts[name].roleArn;
      },
    });
    if (role) lastRole = role;
    const account: AccountSpec = { id, ...(role ? { roleArn: role } : {}), ...unasked(baseSpec, ['id', 'roleArn']) };
    s.draft.accounts[name] = account;
  }
}

/**
 * The account a base entry's owner stands for now: with the user's own base, the
 * name that account was given; with the example, only an account the user kept
 * under the example's name (a renamed one is a new answer, and the example says
 * nothing about it).
 */
export function renamedAccount(s: Session, baseName: string | undefined): string | undefined {
  if (baseName === undefined) return undefined;
  const name = s.accountNames.get(baseName);
  if (!s.fromAnswers && name !== baseName) return undefined;
  return name && s.draft.accounts[name] ? name : undefined;
}

/** Which account owns something: asked only when there is a choice; the first of `preferred` that exists is the default. */
export async function askOwner(s: Session, id: string, message: string, preferred: (string | undefined)[]): Promise<string> {
  const names = Object.keys(s.draft.accounts);
  if (names.length === 1) return names[0];
  const fallback = preferred.find((n) => n !== undefined && names.includes(n)) ?? names[0];
  const choices = Object.entries(s.draft.accounts).map(([name, a]) => ({ value: name, name: `${name} (${a.id})`, short: name }));
  return s.prompter.select({ id, message, choices, default: fallback });
}

/**
 * The role ARN to offer. With the user's own base: that account's role (its
 * account ID replaced when the ID changed). Otherwise the role of the previous
 * account that has one, with this account's ID (one naming scheme across an
 * Organization is the rule), and for the first account the example's role.
 */
function defaultRole(baseSpec: AccountSpec | undefined, id: string, previous: string | undefined, fromAnswers: boolean): string | undefined {
  const swap = (arn: string, from: string) => arn.replace(`:iam::${from}:`, `:iam::${id}:`);
  if (fromAnswers && baseSpec) return baseSpec.roleArn ? swap(baseSpec.roleArn, baseSpec.id) : undefined;
  const match = previous && /^arn:([^:]+):iam::(\d{12}):role\/(.+)$/.exec(previous);
  if (match) return `arn:${match[1]}:iam::${id}:role/${match[3]}`;
  return baseSpec?.roleArn ? swap(baseSpec.roleArn, baseSpec.id) : undefined;
}
