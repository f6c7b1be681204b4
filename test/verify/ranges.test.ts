/** The destination ranges a proof probes, and the longest-prefix answers per range that replace address lookups. */
import fc from 'fast-check';
import { block, containsAddress, toInt, type Ipv4Block } from '../../src/blueprint/cidr';
import { RangeMap } from '../../src/verify/range-map';
import { DestinationRanges } from '../../src/verify/ranges';

const cidr = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 })).map(([base, prefix]): Ipv4Block => {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (base & mask) >>> 0, prefix };
});

describe('DestinationRanges', () => {
  it('cuts the address space at every block’s first address and just past its last', () => {
    const ranges = new DestinationRanges([block('10.0.0.0/8'), block('10.1.0.0/16'), block('8.8.8.0/24')]);
    expect(Array.from({ length: ranges.count }, (_, i) => ranges.text(i))).toEqual([
      '0.0.0.0–8.8.7.255',
      '8.8.8.0/24',
      '8.8.9.0–9.255.255.255',
      '10.0.0.0/16',
      '10.1.0.0/16',
      '10.2.0.0–10.255.255.255',
      '11.0.0.0–255.255.255.255',
    ]);
    expect(ranges.span(block('10.0.0.0/8'))).toEqual([3, 5]);
    expect(ranges.indexOf(toInt('10.1.255.255'))).toBe(4);
  });

  it('covers 0.0.0.0/0 exactly, whatever the blocks', () => {
    fc.assert(
      fc.property(fc.array(cidr, { maxLength: 20 }), (blocks) => {
        const ranges = new DestinationRanges(blocks);
        let next = 0;
        for (let i = 0; i < ranges.count; i++) {
          expect(ranges.first(i)).toBe(next);
          next = ranges.last(i) + 1;
        }
        expect(next).toBe(2 ** 32);
        for (const b of blocks) {
          const [lo, hi] = ranges.span(b);
          expect(ranges.first(lo)).toBe(b.base);
          expect(ranges.last(hi)).toBe(b.base + 2 ** (32 - b.prefix) - 1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('RangeMap', () => {
  it('gives the longest matching prefix per range, and nothing outside every prefix', () => {
    const routes = ['0.0.0.0/0', '10.0.0.0/8', '10.10.0.0/16', '10.10.4.0/24'].map((c) => ({ block: block(c), value: c }));
    const ranges = new DestinationRanges([...routes.map((r) => r.block), block('11.0.0.0/8')]);
    const map = RangeMap.build(ranges, routes);
    const at = (address: string) => map.at(ranges.indexOf(toInt(address)));
    expect(at('10.10.4.9')).toBe('10.10.4.0/24');
    expect(at('10.10.5.9')).toBe('10.10.0.0/16');
    expect(at('10.99.0.1')).toBe('10.0.0.0/8');
    expect(at('8.8.8.8')).toBe('0.0.0.0/0');
    expect(RangeMap.build(ranges, [{ block: block('10.0.0.0/8'), value: 'x' }]).at(ranges.indexOf(toInt('11.0.0.1')))).toBeUndefined();
  });

  it('keeps the first of two items with the same block (a static route before a propagation)', () => {
    const b = block('10.1.0.0/16');
    const ranges = new DestinationRanges([b]);
    expect(RangeMap.build(ranges, [{ block: b, value: 'static' }, { block: b, value: 'propagated' }]).at(ranges.span(b)[0])).toBe('static');
  });

  it('agrees with a linear longest-prefix search at every address of every range', () => {
    fc.assert(
      fc.property(fc.array(cidr, { maxLength: 30 }), fc.array(cidr, { maxLength: 10 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (blocks, others, address) => {
        const items = blocks.map((b, i) => ({ block: b, value: i }));
        const ranges = new DestinationRanges([...blocks, ...others]);
        const linear = items.filter((r) => containsAddress(r.block, address)).sort((a, b) => b.block.prefix - a.block.prefix || a.value - b.value)[0];
        const range = ranges.indexOf(address);
        const map = RangeMap.build(ranges, items);
        expect(map.at(range)).toBe(linear?.value);
        // one probe per range is enough: the range's first and last addresses get the same answer
        const probe = (a: number) => items.filter((r) => containsAddress(r.block, a)).sort((x, y) => y.block.prefix - x.block.prefix || x.value - y.value)[0]?.value;
        expect(probe(ranges.first(range))).toBe(linear?.value);
        expect(probe(ranges.last(range))).toBe(linear?.value);
      }),
      { numRuns: 500 },
    );
  });

  it('lists its pieces, clipped to the ranges asked for', () => {
    const routes = ['0.0.0.0/0', '10.0.0.0/8'].map((c) => ({ block: block(c), value: c }));
    const ranges = new DestinationRanges(routes.map((r) => r.block));
    expect([...RangeMap.build(ranges, routes).pieces(1, 2)]).toEqual([
      { lo: 1, hi: 1, value: '10.0.0.0/8' },
      { lo: 2, hi: 2, value: '0.0.0.0/0' },
    ]);
  });
});
