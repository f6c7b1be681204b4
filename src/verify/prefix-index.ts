import type { Ipv4Block } from '../blueprint/cidr';

/**
 * Longest-prefix match over many routes (a TGW table learns every spoke): one map
 * per prefix length, probed from the longest length down.
 */
export class PrefixIndex<R extends { readonly destination: Ipv4Block }> {
  private readonly byLength: { readonly prefix: number; readonly routes: Map<number, R> }[] = [];

  /** `routes` in priority order: for equal destinations the first one wins. */
  constructor(routes: readonly R[]) {
    const lengths = new Map<number, Map<number, R>>();
    for (const route of routes) {
      let bucket = lengths.get(route.destination.prefix);
      if (!bucket) lengths.set(route.destination.prefix, (bucket = new Map()));
      if (!bucket.has(route.destination.base)) bucket.set(route.destination.base, route);
    }
    for (const [prefix, bucket] of [...lengths].sort((a, b) => b[0] - a[0])) this.byLength.push({ prefix, routes: bucket });
  }

  lookup(address: number): R | undefined {
    for (const { prefix, routes } of this.byLength) {
      const route = routes.get((prefix === 0 ? 0 : address & (0xffffffff << (32 - prefix))) >>> 0);
      if (route) return route;
    }
    return undefined;
  }
}
