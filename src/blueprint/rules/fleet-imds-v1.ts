import { error, warning, type Problem } from '../problems';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

export const fleetImdsV1: Rule = {
  id: 'fleet-imds-v1',
  description: 'allowImdsV1 gives a reason (at most 256 characters, it becomes a tag); every fleet that sets it is warned, and verify reports it as an exception to EC2.8.',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      const reason = fleet.allowImdsV1;
      if (reason === undefined) continue;
      const at = [...path, 'allowImdsV1'];
      if (reason.trim() === '' || reason.length > 256) {
        problems.push(error(this.id, at, reason, 'must say why IMDSv1 stays on (1-256 characters); it is recorded on the launch template and in verify\'s report'));
        continue;
      }
      // PaloAltoNetworks/terraform-aws-vmseries-modules#203: IMDSv2 needs VM-Series plugin 3.0.0.
      const hint = fleet.vendor === 'paloalto' ? 'VM-Series plugin 3.0.0 and later (PAN-OS 10.2+) work with IMDSv2 only' : `${fleet.vendor} images work with IMDSv2 required`;
      problems.push(warning(this.id, at, reason, `the appliances accept IMDSv1 (Security Hub EC2.8 exception); ${hint}: drop the field once the image allows`));
    }
    return problems;
  },
};
