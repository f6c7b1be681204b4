/**
 * Destination ranges: the address space cut at every route's first address and
 * just past its last, over every route table of the network (VPC, IGW edge, TGW,
 * the VPCs' local routes, the subnets a local route delivers to, the offices'
 * prefixes and the internal ranges). Within one range every table gives the same
 * longest-prefix answer, so one probe per range proves the whole range, and no
 * prefix, however specific, falls between two probes.
 */
import { fromInt, lastOf, type Ipv4Block } from '../blueprint/cidr';

const SPACE = 2 ** 32;

export class DestinationRanges {
  /** First address of each range, ascending; the first is 0.0.0.0. */
  private readonly starts: Float64Array;
  readonly count: number;

  constructor(blocks: Iterable<Ipv4Block>) {
    const cuts = new Set<number>([0]);
    for (const b of blocks) {
      cuts.add(b.base);
      const after = lastOf(b) + 1;
      if (after < SPACE) cuts.add(after);
    }
    this.starts = Float64Array.from([...cuts].sort((a, b) => a - b));
    this.count = this.starts.length;
  }

  /** The range holding an address. */
  indexOf(address: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= address) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The first and last range of a block (every block of the network is a whole number of ranges). */
  span(block: Ipv4Block): readonly [number, number] {
    return [this.indexOf(block.base), this.indexOf(lastOf(block))];
  }

  first(range: number): number {
    return this.starts[range];
  }

  last(range: number): number {
    return (range + 1 < this.count ? this.starts[range + 1] : SPACE) - 1;
  }

  /** `10.1.0.0/16` when the range is one CIDR block, else `first–last`. */
  text(range: number): string {
    const first = this.first(range);
    const size = this.last(range) - first + 1;
    const prefix = 32 - Math.log2(size);
    if (Number.isInteger(prefix) && first % size === 0) return `${fromInt(first)}/${prefix}`;
    return `${fromInt(first)}–${fromInt(this.last(range))}`;
  }
}
