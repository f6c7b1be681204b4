import { error, formatPath, type Problem } from '../problems';
import { interRegionOf } from '../peerings';
import { accountReferencesOf, regionsOf, vpcsOf } from '../walk';
import type { Blueprint } from '../schema';
import type { Rule } from './rule';

/**
 * One set of credentials runs a deployment (BLUEPRINT.md): every provider of a
 * stack either assumes its account's roleArn or uses those credentials as they
 * are. Two accounts without a role would both use the caller's credentials; in a
 * stack acting in both (a VPC and its TGW, a peering's two TGWs) the provider
 * whose `allowed_account_ids` names the other account always refuses to run.
 *
 * A named profile per account would be the other way in, but it ties the
 * Terraform to one workstation's ~/.aws/config: the hand-off goes to another
 * team and to CI, where assuming a role works as written.
 */
export const credentials: Rule = {
  id: 'credentials',
  description: 'At most one account goes without a roleArn: one set of credentials runs the deployment and assumes a role in every other account.',
  check(bp) {
    const problems: Problem[] = [];
    // The log-archive account of central flow logs is only named (in the bucket policy of the hand-off),
    // never acted in: it needs no role unless something else lives there.
    const actedIn = new Set(accountReferencesOf(bp).filter((r) => r.path[0] !== 'centralFlowLogs').map((r) => r.account));
    const roleless = Object.entries(bp.accounts)
      .filter(([name, a]) => a.roleArn === undefined && (actedIn.has(name) || name !== bp.centralFlowLogs?.account))
      .map(([name]) => name);
    if (roleless.length < 2) return problems;
    const [first, ...others] = roleless;
    for (const name of others) {
      const shared = stackActingIn(bp, first, name);
      problems.push(
        error(
          this.id,
          ['accounts', name],
          bp.accounts[name],
          `has no roleArn, and neither has ${formatPath(['accounts', first])}: both would run on the caller's credentials, which belong to one account only` +
            (shared ? `, so in ${shared} one of the two providers would always be refused by allowed_account_ids` : '') +
            `. Give every account but one a roleArn the caller may assume`,
        ),
      );
    }
    return problems;
  },
};

/** A stack that acts in both accounts, described for the message; undefined when none does. */
function stackActingIn(bp: Blueprint, a: string, b: string): string | undefined {
  const both = (x: string, y: string) => (x === a && y === b) || (x === b && y === a);
  for (const [code, spec] of regionsOf(bp)) {
    const vpc = vpcsOf(bp).find((v) => v.region === code && both(v.account, spec.transitGateway.account));
    if (vpc) return `the stack of ${formatPath(vpc.path)} (its VPC in one, the TGW side of its attachment in the other)`;
  }
  for (const p of interRegionOf(bp).peerings) {
    const [x, y] = [bp.regions[p.requester]?.transitGateway.account, bp.regions[p.accepter]?.transitGateway.account];
    if (x && y && both(x, y)) return `the peering stack of ${p.requester} and ${p.accepter} (one TGW in each)`;
  }
  return undefined;
}
