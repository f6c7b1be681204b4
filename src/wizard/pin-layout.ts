/**
 * The AZ slots of every region, written into the blueprint init writes. Every
 * subnet CIDR depends on them, and without `azSlots` they come from the table of
 * regions in this version (regions.ts): a later version that knows of one more
 * AZ would re-plan, and so replace, every subnet. Written down, they never change
 * unless someone changes them (synth also refuses to re-plan a folder whose
 * manifest recorded other slots: src/synth/recorded-layout.ts).
 */
import type { NetworkModel } from '../blueprint/model';
import type { Blueprint, RegionSpec } from '../blueprint/schema';

/** `blueprint` with `azSlots` set in every region that does not state it, right after `availabilityZones`. */
export function pinAzSlots(blueprint: Blueprint, model: NetworkModel): Blueprint {
  const regions: Record<string, RegionSpec> = {};
  for (const [code, spec] of Object.entries(blueprint.regions)) {
    const slots = spec.azSlots ?? model.regions.find((r) => r.code === code)?.azSlots;
    const rest: Partial<RegionSpec> = { ...spec };
    delete rest.availabilityZones;
    delete rest.azSlots;
    regions[code] = { availabilityZones: spec.availabilityZones, ...(slots !== undefined ? { azSlots: slots } : {}), ...rest } as RegionSpec;
  }
  return { ...blueprint, regions };
}
