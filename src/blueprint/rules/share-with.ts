import { error, type Problem } from '../problems';
import { regionsOf } from '../walk';
import type { Rule } from './rule';

export const shareWith: Rule = {
  id: 'share-with',
  description: 'A DMZ is shared only with other accounts of its Organization (VPC sharing requires one), each named once.',
  check(bp) {
    const problems: Problem[] = [];
    for (const [region, spec] of regionsOf(bp)) {
      for (const [name, dmz] of Object.entries(spec.dmzs ?? {})) {
        (dmz.shareWith ?? []).forEach((account, i) => {
          const path = ['regions', region, 'dmzs', name, 'shareWith', i];
          if (account === dmz.account) problems.push(error(this.id, path, account, 'is the DMZ\'s own account; it needs no share'));
          else if (dmz.shareWith!.indexOf(account) !== i) problems.push(error(this.id, path, account, 'is listed twice'));
          else if (bp.accounts[account]?.external) problems.push(error(this.id, path, account, 'is an external account; subnets can be shared only within the AWS Organization'));
        });
      }
    }
    return problems;
  },
};
