import { error, formatPath, type Problem } from '../problems';
import type { Rule } from './rule';

export const accountIds: Rule = {
  id: 'account-ids',
  description: 'Account IDs are 12 digits and no two accounts share one.',
  check(bp) {
    const problems: Problem[] = [];
    const owners = new Map<string, string>();
    for (const [name, account] of Object.entries(bp.accounts)) {
      const path = ['accounts', name, 'id'];
      if (!/^\d{12}$/.test(account.id)) {
        problems.push(error(this.id, path, account.id, 'an AWS account ID is exactly 12 digits (quote it in YAML so leading zeros survive)'));
        continue;
      }
      const owner = owners.get(account.id);
      if (owner) problems.push(error(this.id, path, account.id, `is also the ID of ${formatPath(['accounts', owner])}`));
      else owners.set(account.id, name);
    }
    return problems;
  },
};
