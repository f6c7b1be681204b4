import type { Ipv4Block } from '../blueprint/cidr';
import type { DestinationRanges } from './ranges';

/**
 * A route table's longest-prefix answer for every destination range, as pieces:
 * runs of ranges with the same answer. CIDR blocks are nested or disjoint, so one
 * sweep over them (outer blocks first) yields the pieces, and a lookup is a binary
 * search over a table's pieces (a handful for a subnet's table, a few per spoke for
 * a TGW table that learns every spoke).
 */
export class RangeMap<T> {
  private constructor(
    private readonly starts: Int32Array,
    private readonly values: readonly (T | undefined)[],
    private readonly count: number,
  ) {}

  /** `items` in priority order: of two items with the same block, the first wins. */
  static build<T>(ranges: DestinationRanges, items: readonly { readonly block: Ipv4Block; readonly value: T }[]): RangeMap<T> {
    const spans = items.map((item, order) => {
      const [lo, hi] = ranges.span(item.block);
      return { lo, hi, order, value: item.value };
    });
    spans.sort((a, b) => a.lo - b.lo || b.hi - a.hi || a.order - b.order);
    const starts: number[] = [0];
    const values: (T | undefined)[] = [undefined];
    const emit = (at: number, value: T | undefined) => {
      if (starts[starts.length - 1] === at) values[values.length - 1] = value;
      else if (values[values.length - 1] !== value) {
        starts.push(at);
        values.push(value);
      }
    };
    const open: typeof spans = [];
    const close = (before: number) => {
      while (open.length > 0 && open[open.length - 1].hi < before) {
        const done = open.pop()!;
        if (done.hi + 1 < ranges.count) emit(done.hi + 1, open[open.length - 1]?.value);
      }
    };
    for (const span of spans) {
      close(span.lo);
      const top = open[open.length - 1];
      if (top && top.lo === span.lo && top.hi === span.hi) continue;
      open.push(span);
      emit(span.lo, span.value);
    }
    close(ranges.count);
    return new RangeMap(Int32Array.from(starts), values, ranges.count);
  }

  at(range: number): T | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= range) lo = mid;
      else hi = mid - 1;
    }
    return this.values[lo];
  }

  /** The pieces that overlap ranges `from`..`to`, clipped to them. */
  *pieces(from = 0, to = this.count - 1): Generator<{ lo: number; hi: number; value: T | undefined }> {
    for (let i = 0; i < this.starts.length; i++) {
      const lo = Math.max(from, this.starts[i]);
      const hi = Math.min(to, i + 1 < this.starts.length ? this.starts[i + 1] - 1 : this.count - 1);
      if (lo <= hi) yield { lo, hi, value: this.values[i] };
    }
  }
}
