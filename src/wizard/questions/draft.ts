/**
 * The blueprint while it is being answered. It is kept shape-valid from the
 * first question on (placeholders stand in for what is not answered yet), so
 * that every answer can be checked by running `validate` on the whole draft.
 * What the questions do not cover is carried over from the base entry.
 */
import type { JsonPath } from '../../blueprint/problems';
import type { Blueprint, FleetSpec, RegionSpec } from '../../blueprint/schema';

/** The region the draft holds until the first region code is answered (any valid code would do). */
export const PLACEHOLDER_REGION = 'us-east-1';
/** A valid name for references that are not answered yet; problems it causes are never at the asked field. */
export const PENDING = 'pending';

export function placeholderRegion(): RegionSpec {
  return {
    availabilityZones: [],
    transitGateway: { account: PENDING, amazonSideAsn: 0 },
    fleets: {},
    egress: { account: PENDING, cidr: PENDING, fleet: PENDING },
  };
}

export function placeholderFleet(): FleetSpec {
  return { vendor: 'generic', ami: PENDING, instanceType: PENDING, minSize: 1, maxSize: 1 };
}

export function getAt(draft: Blueprint, path: JsonPath): unknown {
  let target: unknown = draft;
  for (const segment of path) target = (target as Record<string | number, unknown>)[segment];
  return target;
}

export function setAt(draft: Blueprint, path: JsonPath, value: unknown): void {
  const parent = getAt(draft, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]] = value;
}

/** The fields of `base` that no question covers (an account's `external`, a field of a later version): kept as they are. */
export function unasked<T extends object>(base: T | undefined, asked: readonly string[]): Partial<T> {
  if (!base) return {};
  return Object.fromEntries(Object.entries(base).filter(([key]) => !asked.includes(key))) as Partial<T>;
}

/** An empty list written out in the base stays written out (and only then): edit mode changes nothing unasked. */
export function keptEmpty(baseList: readonly unknown[] | undefined): boolean {
  return baseList !== undefined && baseList.length === 0;
}
