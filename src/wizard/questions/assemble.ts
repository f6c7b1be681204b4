/** The answered draft as the blueprint: in the blueprint's own field order (as BLUEPRINT.md lists them), unasked fields kept. */
import type { Blueprint, RegionSpec } from '../../blueprint/schema';
import { unasked } from './draft';
import type { Session } from './session';

/** Fields the questions cover; any other field of the base region is carried over as it is. */
const REGION_FIELDS = ['availabilityZones', 'transitGateway', 'fleets', 'egress', 'dmzs', 'spokes', 'inspection', 'internalCidrs', 'vpnConnections'];

export function assemble(s: Session): Blueprint {
  const { draft, base } = s;
  const regions: Record<string, RegionSpec> = {};
  for (const [code, r] of Object.entries(draft.regions)) {
    const baseRegion = s.baseRegions.get(code);
    regions[code] = {
      availabilityZones: r.availabilityZones,
      transitGateway: { ...r.transitGateway, ...unasked(baseRegion?.transitGateway, ['account', 'amazonSideAsn']) },
      fleets: r.fleets,
      egress: r.egress,
      ...(r.dmzs ? { dmzs: r.dmzs } : {}),
      ...(r.spokes ? { spokes: r.spokes } : {}),
      ...(r.inspection ? { inspection: r.inspection } : {}),
      ...(r.internalCidrs ? { internalCidrs: r.internalCidrs } : {}),
      ...(r.vpnConnections ? { vpnConnections: r.vpnConnections } : {}),
      ...unasked(baseRegion, REGION_FIELDS),
    };
  }
  return {
    ...(base.$schema !== undefined ? { $schema: base.$schema } : {}),
    name: draft.name,
    ...(draft.tags ? { tags: draft.tags } : {}),
    accounts: draft.accounts,
    regions,
    ...(draft.interRegion ? { interRegion: draft.interRegion } : {}),
    // A field of a later version (or one the wizard does not ask about) survives edit mode.
    ...unasked(base, ['$schema', 'name', 'tags', 'accounts', 'regions', 'interRegion', 'state']),
    ...(draft.state ? { state: draft.state } : {}),
  };
}
