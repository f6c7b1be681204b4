import { error, type Problem } from '../problems';
import type { Rule } from './rule';

/**
 * Every load balancer and security group name starts with `<network>-`, and AWS
 * refuses a load balancer name that begins with "internal-" (ELBv2
 * CreateLoadBalancer, Name) and a security group name that begins with "sg-"
 * (EC2 CreateSecurityGroup, GroupName): the network name must not make them so.
 */
const REFUSED_PREFIXES = [
  { prefix: 'internal-', what: 'a load balancer name (the GWLB names start with the network name)' },
  { prefix: 'sg-', what: 'a security group name (the appliance security groups\' names start with the network name)' },
] as const;

export const networkName: Rule = {
  id: 'network-name',
  description: 'The network name can prefix every AWS name (a load balancer name may not begin with "internal-", a security group name not with "sg-").',
  check(bp) {
    const problems: Problem[] = [];
    for (const { prefix, what } of REFUSED_PREFIXES) {
      if (`${bp.name}-`.startsWith(prefix)) {
        problems.push(error(this.id, ['name'], bp.name, `makes names begin with "${prefix}", which AWS refuses at the start of ${what}`));
      }
    }
    return problems;
  },
};
