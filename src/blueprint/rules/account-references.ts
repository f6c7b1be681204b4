import { error, type Problem } from '../problems';
import { accountReferencesOf } from '../walk';
import type { Rule } from './rule';

export const accountReferences: Rule = {
  id: 'account-references',
  description: 'Every account a region, VPC, shareWith, centralFlowLogs or postDeployChecks names is defined under accounts.',
  check(bp) {
    const known = Object.keys(bp.accounts);
    const problems: Problem[] = [];
    for (const { account, path } of accountReferencesOf(bp)) {
      if (!known.includes(account)) {
        problems.push(error(this.id, path, account, `is not an account of this blueprint (known: ${known.join(', ') || 'none'})`));
      }
    }
    return problems;
  },
};
