import { error, type Problem } from '../problems';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;
// family + generation + options, a dot, a size: c5.xlarge, c6in.2xlarge, m7g.metal-48xl, u-6tb1.metal
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z0-9-]+$/;

export const fleetImages: Rule = {
  id: 'fleet-images',
  description: 'A fleet\'s AMI is ami- and 8 or 17 hex digits; its instance type looks like c5.xlarge.',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      if (!AMI_ID.test(fleet.ami)) problems.push(error(this.id, [...path, 'ami'], fleet.ami, 'is not an AMI ID (ami- and 8 or 17 lowercase hex digits)'));
      if (!INSTANCE_TYPE.test(fleet.instanceType)) problems.push(error(this.id, [...path, 'instanceType'], fleet.instanceType, 'is not an EC2 instance type (like c5.xlarge)'));
    }
    return problems;
  },
};
