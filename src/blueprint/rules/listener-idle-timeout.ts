import { error, type Problem } from '../problems';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

export const listenerIdleTimeout: Rule = {
  id: 'listener-idle-timeout',
  description: 'listenerIdleTimeout lies in 60-6000 seconds, the range a GWLB listener accepts (tcp.idle_timeout.seconds).',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      const value = fleet.listenerIdleTimeout;
      // docs.aws.amazon.com/elasticloadbalancing/latest/gateway/gateway-listeners.html: valid range 60-6000, default 350.
      if (value !== undefined && (value < 60 || value > 6000)) problems.push(error(this.id, [...path, 'listenerIdleTimeout'], value, 'must lie between 60 and 6000 seconds (the GWLB listener range)'));
    }
    return problems;
  },
};
