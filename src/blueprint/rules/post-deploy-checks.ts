import { error } from '../problems';
import type { Rule } from './rule';

/**
 * Reachability Analyzer analyses paths across accounts only for accounts of one
 * AWS Organization, from its management account or a delegated administrator,
 * once trusted access is enabled (docs.aws.amazon.com/vpc/latest/reachability/multi-account.html):
 * an account outside the Organization cannot run them.
 */
export const postDeployChecks: Rule = {
  id: 'post-deploy-checks',
  description: 'The account that runs the Reachability Analyzer paths is inside the Organization (not external).',
  check(bp) {
    const account = bp.postDeployChecks?.account;
    if (account === undefined || !bp.accounts[account]?.external) return [];
    return [
      error(
        this.id,
        ['postDeployChecks', 'account'],
        account,
        'is outside the Organization (external): Reachability Analyzer runs paths across accounts only from the Organization\'s management account or a delegated administrator',
      ),
    ];
  },
};
