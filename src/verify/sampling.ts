/**
 * Which AZ combinations of a VPC pair are traced. Spoke to spoke is quadratic in
 * spokes; tracing every AZ pair and flow-hash pick of every pair does not scale to
 * hundreds of spokes, and is not needed to exercise every route table in every AZ.
 */

/** Pairs of VPCs traced with every AZ combination and flow-hash pick, when a class has at most this many. */
const FULL_PAIRS = 64;

/**
 * The VPC pairs of a quadratic flow class. Every pair is traced. Small classes
 * trace every AZ combination of every pair; large ones (hundreds of spokes) trace
 * every combination for each VPC with its ring neighbour, and one combination per
 * other pair, rotated (`turn`) so that every AZ pair and flow-hash pick still
 * occurs: each route table is then exercised in every AZ, without n² × AZ² traces.
 */
export function pairsOf<T extends { key: string }>(from: readonly T[], to: readonly T[]): { a: T; b: T; full: boolean; turn: number }[] {
  const pairs: { a: T; b: T; full: boolean; turn: number }[] = [];
  const total = from.length * to.length;
  from.forEach((a, i) => {
    to.forEach((b, j) => {
      if (a.key === b.key) return;
      const neighbour = j === (i + 1) % to.length || (from !== to && j === i % to.length);
      const full = total <= FULL_PAIRS || neighbour;
      // A sampled pair is traced both ways by one flow (forward and return), so within one
      // list each unordered pair is enough.
      if (!full && from === to && j < i) return;
      pairs.push({ a, b, full, turn: i + j });
    });
  });
  return pairs;
}

/** AZ combinations of a VPC pair: all of them, or the one its turn selects. */
export function azPairs<H>(from: readonly H[], to: readonly H[], full: boolean, turn: number): [H, H][] {
  if (full) return from.flatMap((x) => to.map((y) => [x, y] as [H, H]));
  if (from.length === 0 || to.length === 0) return [];
  return [[from[turn % from.length], to[(turn + Math.floor(turn / from.length)) % to.length]]];
}
