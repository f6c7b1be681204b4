import { error, type Problem } from '../problems';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

/** CloudWatch namespaces: 1-255 characters, not in the reserved AWS/ space. */
const NAMESPACE = /^(?!AWS\/)[A-Za-z0-9.\-_/#:]{1,255}$/;

export const fleetScaling: Rule = {
  id: 'fleet-scaling',
  description: 'scaling tracks CPU (1-100 %) or, for Palo Alto, active sessions (a positive target); namespace only with sessions and outside AWS/.',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      const scaling = fleet.scaling;
      if (!scaling) continue;
      const at = (field: string) => [...path, 'scaling', field];
      const metric = scaling.metric ?? (fleet.vendor === 'paloalto' ? 'sessions' : 'cpu');
      if (metric === 'sessions' && fleet.vendor !== 'paloalto') {
        problems.push(error(this.id, at('metric'), metric, `${fleet.vendor} appliances publish no session metric; track cpu`));
      }
      const target = scaling.targetValue;
      if (target !== undefined) {
        if (metric === 'cpu' && !(target > 0 && target <= 100)) problems.push(error(this.id, at('targetValue'), target, 'a CPU target is a percentage above 0 and at most 100'));
        if (metric === 'sessions' && !(target > 0)) problems.push(error(this.id, at('targetValue'), target, 'a session target must be above 0'));
      }
      if (scaling.namespace !== undefined) {
        if (metric !== 'sessions') problems.push(error(this.id, at('namespace'), scaling.namespace, 'only the sessions metric reads a namespace'));
        else if (!NAMESPACE.test(scaling.namespace)) problems.push(error(this.id, at('namespace'), scaling.namespace, 'must be a CloudWatch namespace (1-255 characters, not starting with AWS/)'));
      }
    }
    return problems;
  },
};
