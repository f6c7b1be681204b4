import { error, type Problem } from '../problems';
import type { Rule } from './rule';

const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::(\d{12}):role\/[\w+=,.@\/-]{1,512}$/;

export const roleArns: Rule = {
  id: 'role-arns',
  description: 'A roleArn is an IAM role ARN in the same account as its account entry.',
  check(bp) {
    const problems: Problem[] = [];
    for (const [name, account] of Object.entries(bp.accounts)) {
      if (account.roleArn === undefined) continue;
      const path = ['accounts', name, 'roleArn'];
      const match = ROLE_ARN.exec(account.roleArn);
      if (!match) {
        problems.push(error(this.id, path, account.roleArn, 'is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)'));
      } else if (match[2] !== account.id) {
        problems.push(error(this.id, path, account.roleArn, `names account ${match[2]}, but this account's id is ${account.id}`));
      }
    }
    return problems;
  },
};
