/** The lookups and sampling verify rests on, checked on their own. */
import fc from 'fast-check';
import { block, containsAddress, toInt } from '../../src/blueprint/cidr';
import { PrefixIndex } from '../../src/verify/prefix-index';
import { azPairs, pairsOf } from '../../src/verify/sampling';

describe('PrefixIndex', () => {
  const route = (cidr: string, name: string) => ({ destination: block(cidr), name });

  it('finds the longest matching prefix, and nothing outside every prefix', () => {
    const index = new PrefixIndex([route('0.0.0.0/0', 'default'), route('10.0.0.0/8', 'rfc1918'), route('10.10.0.0/16', 'spoke'), route('10.10.4.0/24', 'subnet')]);
    expect(index.lookup(toInt('10.10.4.9'))?.name).toBe('subnet');
    expect(index.lookup(toInt('10.10.5.9'))?.name).toBe('spoke');
    expect(index.lookup(toInt('10.99.0.1'))?.name).toBe('rfc1918');
    expect(index.lookup(toInt('8.8.8.8'))?.name).toBe('default');
    expect(new PrefixIndex([route('10.0.0.0/8', 'x')]).lookup(toInt('11.0.0.1'))).toBeUndefined();
  });

  it('keeps the first of two routes to the same prefix (a static route before a propagation)', () => {
    const index = new PrefixIndex([route('10.1.0.0/16', 'static'), route('10.1.0.0/16', 'propagated')]);
    expect(index.lookup(toInt('10.1.2.3'))?.name).toBe('static');
  });

  it('agrees with a linear longest-prefix search', () => {
    const cidr = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 })).map(([base, prefix]) => {
      const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
      return { base: (base & mask) >>> 0, prefix };
    });
    fc.assert(
      fc.property(fc.array(cidr, { maxLength: 30 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (blocks, address) => {
        const routes = blocks.map((destination, i) => ({ destination, name: String(i) }));
        const linear = routes.filter((r) => containsAddress(r.destination, address)).sort((a, b) => b.destination.prefix - a.destination.prefix || Number(a.name) - Number(b.name))[0];
        expect(new PrefixIndex(routes).lookup(address)?.name).toBe(linear?.name);
      }),
      { numRuns: 500 },
    );
  });
});

describe('sampling of quadratic flow classes', () => {
  const vpcs = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `vpc-${i}` }));

  it('traces every ordered pair with every AZ combination in a small class', () => {
    const pairs = pairsOf(vpcs(5), vpcs(5));
    expect(pairs).toHaveLength(20);
    expect(pairs.every((p) => p.full)).toBe(true);
  });

  it('in a large class, traces every pair, each VPC fully with its ring neighbour, and every AZ combination somewhere', () => {
    const spokes = vpcs(40);
    const pairs = pairsOf(spokes, spokes);
    const unordered = new Set(pairs.map((p) => [p.a.key, p.b.key].sort().join('|')));
    expect(unordered.size).toBe((40 * 39) / 2);
    for (const [i, spoke] of spokes.entries()) expect(pairs.some((p) => p.full && p.a === spoke && p.b === spokes[(i + 1) % 40])).toBe(true);
    const azs = ['az1', 'az2', 'az3'];
    const combos = new Set(pairs.filter((p) => !p.full).flatMap((p) => azPairs(azs, azs, false, p.turn).map(([x, y]) => `${x}>${y}`)));
    expect(combos.size).toBe(9);
  });

  it('gives every AZ combination of a pair traced in full', () => {
    expect(azPairs(['a', 'b'], ['x', 'y', 'z'], true, 0)).toHaveLength(6);
  });
});
