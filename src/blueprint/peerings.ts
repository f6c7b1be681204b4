/**
 * Which regions' TGWs are peered and which region inspects each pair, from the
 * blueprint alone: the model, the TGW route plan and the rules all need it, and
 * each must reach the same answer.
 */
import type { PeeringModel } from './model';
import type { Blueprint } from './schema';
import { compareEnglish } from '../util/compare';

export interface InterRegionPlan {
  readonly inspection: 'every-region' | 'once';
  readonly peerings: readonly PeeringModel[];
}

export function interRegionOf(bp: Blueprint): InterRegionPlan {
  const inspection = bp.interRegion?.inspection ?? 'every-region';
  const codes = Object.keys(bp.regions).sort();
  const pairs = bp.interRegion?.peerings
    ? bp.interRegion.peerings.map((p) => [...p].sort() as [string, string])
    : codes.flatMap((a, i) => codes.slice(i + 1).map((b) => [a, b] as [string, string]));
  const peerings = pairs
    .sort((x, y) => compareEnglish(x.join(' '), y.join(' ')))
    .map(([requester, accepter]) => ({ requester, accepter, inspectedBy: inspection === 'once' ? [requester] : [requester, accepter] }));
  return { inspection, peerings };
}
