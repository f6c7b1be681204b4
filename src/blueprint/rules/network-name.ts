import { error, type Problem } from '../problems';
import type { Rule } from './rule';

export const networkName: Rule = {
  id: 'network-name',
  description: 'The network name can prefix every AWS name (load balancer names may not begin with "internal-").',
  check(bp) {
    const problems: Problem[] = [];
    if (bp.name.startsWith('internal-')) {
      problems.push(error(this.id, ['name'], bp.name, 'begins with "internal-", which AWS refuses at the start of a load balancer name (and the GWLB names start with the network name)'));
    }
    return problems;
  },
};
