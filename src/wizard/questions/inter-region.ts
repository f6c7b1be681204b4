/**
 * Between regions, once every region is answered: where inter-region traffic is
 * inspected, and which region pairs get a TGW peering. Asked only when there are
 * two regions or more; with one, the base's `interRegion` is carried over as it
 * is (less any peering that names a region no longer there).
 *
 * Defaults: the base's settings, else every-region and a full mesh, which the
 * blueprint leaves out. A base that lists its peerings keeps listing them.
 */
import { INTER_REGION_INSPECTION, type InterRegionSpec } from '../../blueprint/schema';
import { unasked } from './draft';
import { keepOrder } from './parse';
import type { Session } from './session';

type Inspection = (typeof INTER_REGION_INSPECTION)[number];
type Pair = readonly [string, string];

export async function askInterRegion(s: Session): Promise<void> {
  const codes = Object.keys(s.draft.regions);
  const base = s.base.interRegion;
  const stillThere = (pair: readonly string[]) => pair.every((code) => codes.includes(code));
  if (codes.length < 2) {
    if (base) s.draft.interRegion = base.peerings ? { ...base, peerings: base.peerings.filter(stillThere) } : base;
    return;
  }

  s.prompter.note('Between regions: a TGW peering per pair of regions', 'heading');
  s.prompter.note("every-region = each region's fleet sees both directions; once = one region per pair inspects (the first alphabetically).");
  const inspection = await s.prompter.select<Inspection>({
    id: 'interRegion.inspection',
    message: 'Where is traffic between regions inspected?',
    choices: INTER_REGION_INSPECTION.map((value) => ({ value })),
    default: base?.inspection ?? 'every-region',
  });

  const mesh = allPairs(codes);
  const listed = new Map((base?.peerings ?? []).filter((pair) => pair.length === 2 && stillThere(pair)).map((pair) => [key(pair), pair]));
  const baseCodes = Object.keys(s.base.regions);
  // A pair the base could not have listed (a region it does not have) is peered like the default mesh.
  const wanted = mesh.filter((pair) => !base?.peerings || listed.has(key(pair)) || !pair.every((code) => baseCodes.includes(code))).map(key);
  const peerAll = await s.prompter.confirm({
    id: 'interRegion.peerAll',
    message: `Peer every pair of regions (${mesh.length} TGW peering${mesh.length === 1 ? '' : 's'})?`,
    default: wanted.length === mesh.length,
  });

  // Listed in the base's order and orientation first, then the new pairs in the order of the regions.
  const written = (keys: readonly string[]): string[][] =>
    keepOrder(keys, [...listed.keys()]).map((k) => [...(listed.get(k) ?? mesh.find((pair) => key(pair) === k)!)]);
  const settings = (peerings: string[][] | undefined): InterRegionSpec => ({
    ...(inspection !== 'every-region' || base?.inspection !== undefined ? { inspection } : {}),
    ...(peerings ? { peerings } : {}),
    ...unasked(base, ['inspection', 'peerings']),
  });

  let peerings: string[][] | undefined;
  if (peerAll) {
    peerings = base?.peerings ? written(mesh.map(key)) : undefined;
  } else {
    const picked = await s.prompter.checkbox<string>({
      id: 'interRegion.peerings',
      message: 'Region pairs to peer (space toggles, Enter accepts; none leaves the regions apart)',
      choices: mesh.map((pair) => ({
        value: key(pair),
        name: `${pair[0]} ↔ ${pair[1]}${inspection === 'once' ? ` (inspected in ${[...pair].sort()[0]})` : ''}`,
        checked: wanted.includes(key(pair)),
      })),
      validate: (keys) => s.check({ path: ['interRegion'] }, (d) => void (d.interRegion = settings(written(keys)))),
    });
    peerings = written(picked);
  }
  const spec = settings(peerings);
  if (base || Object.keys(spec).length > 0) s.draft.interRegion = spec;
}

/** Every pair of regions, in the order they were answered. */
function allPairs(codes: readonly string[]): Pair[] {
  return codes.flatMap((a, i) => codes.slice(i + 1).map((b) => [a, b] as const));
}

/** The same for both orientations of a pair. */
function key(pair: readonly string[]): string {
  return [...pair].sort().join(' ');
}
