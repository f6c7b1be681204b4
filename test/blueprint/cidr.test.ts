import * as ipaddr from 'ipaddr.js';
import {
  block,
  contains,
  containsAddress,
  format,
  fromInt,
  isIpv4Address,
  lastOf,
  maskOf,
  overlaps,
  parseCidr,
  smallestPrefixHolding,
  subnetAt,
  toInt,
} from '../../src/blueprint/cidr';

describe('parseCidr', () => {
  it('accepts canonical CIDRs, from /0 to /32', () => {
    expect(parseCidr('10.0.0.0/16')).toEqual({ ok: true, block: { base: 0x0a000000, prefix: 16 } });
    expect(parseCidr('192.168.1.0/24')).toEqual({ ok: true, block: { base: 0xc0a80100, prefix: 24 } });
    expect(parseCidr('0.0.0.0/0')).toEqual({ ok: true, block: { base: 0, prefix: 0 } });
    expect(parseCidr('255.255.255.255/32')).toEqual({ ok: true, block: { base: 0xffffffff, prefix: 32 } });
  });

  it('refuses host bits and suggests the network address', () => {
    expect(parseCidr('10.0.0.1/16')).toEqual({ ok: false, reason: 'has host bits set', suggestion: '10.0.0.0/16' });
    expect(parseCidr('10.1.0.0/15')).toEqual({ ok: false, reason: 'has host bits set', suggestion: '10.0.0.0/15' });
    expect(parseCidr('10.0.0.0/0')).toMatchObject({ ok: false, suggestion: '0.0.0.0/0' });
  });

  it('refuses leading zeros in an octet', () => {
    for (const text of ['010.0.0.0/8', '10.0.00.0/16', '10.0.0.00/24']) {
      const result = parseCidr(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain('leading zeros');
    }
  });

  it('refuses a leading zero in the prefix, suggesting the plain form', () => {
    expect(parseCidr('10.0.0.0/08')).toEqual({ ok: false, reason: 'is not in canonical form', suggestion: '10.0.0.0/8' });
  });

  it('refuses a prefix over 32 and octets over 255', () => {
    expect(parseCidr('10.0.0.0/33').ok).toBe(false);
    expect(parseCidr('10.0.0.0/99').ok).toBe(false);
    expect(parseCidr('256.0.0.0/8').ok).toBe(false);
  });

  it('refuses what is not a.b.c.d/n, whitespace included', () => {
    for (const text of ['10.0.0.0', '10.0.0/8', '10.0.0.0/', '10.0.0.0/-1', ' 10.0.0.0/8', '10.0.0.0/8\n', '::/0', 'fd00::/8', '']) {
      expect(parseCidr(text)).toEqual({ ok: false, reason: 'is not an IPv4 CIDR (expected a.b.c.d/n)' });
    }
  });

  it('validates as ipaddr.js does, on random CIDR-shaped text (leading zeros, octets over 255, prefixes over 32)', () => {
    // The reference: ipaddr.js's own four-part-decimal CIDR check, as parseCidr once called it.
    const validByIpaddr = (text: string) => ipaddr.IPv4.isValidCIDRFourPartDecimal(text);
    let seed = 17;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const part = (maxDigits: number) => Array.from({ length: 1 + random(maxDigits) }, () => String(random(10) < 3 ? random(3) : random(10))).join('');
    let valid = 0;
    for (let i = 0; i < 5000; i++) {
      const text = `${[part(3), part(3), part(3), part(3)].join('.')}/${part(2)}`;
      const result = parseCidr(text);
      const expected = validByIpaddr(text);
      if (expected) valid++;
      expect({ text, valid: result.ok || result.reason !== 'is not an IPv4 CIDR (each octet 0-255 without leading zeros, prefix 0-32)' }).toEqual({ text, valid: expected });
    }
    // Both kinds were drawn.
    expect(valid).toBeGreaterThan(500);
    expect(valid).toBeLessThan(4500);
  });

  it('refuses non-strings without throwing', () => {
    expect(parseCidr(42 as unknown as string).ok).toBe(false);
    expect(parseCidr(undefined as unknown as string).ok).toBe(false);
  });
});

describe('block', () => {
  it('returns the block of a canonical CIDR and throws on anything else', () => {
    expect(block('172.16.0.0/12')).toEqual({ base: 0xac100000, prefix: 12 });
    expect(() => block('172.16.0.1/12')).toThrow('internal');
  });
});

describe('integer conversions', () => {
  it('round-trip addresses, the extremes included', () => {
    for (const address of ['0.0.0.0', '10.255.3.192', '128.0.0.1', '255.255.255.255']) expect(fromInt(toInt(address))).toBe(address);
    expect(toInt('255.255.255.255')).toBe(4294967295);
    expect(toInt('128.0.0.0')).toBe(2 ** 31); // unsigned, not negative
  });

  it('compute masks for /0, /24 and /32', () => {
    expect(maskOf(0)).toBe(0);
    expect(maskOf(24)).toBe(0xffffff00);
    expect(maskOf(32)).toBe(0xffffffff);
  });

  it('know an IPv4 address from anything else', () => {
    expect(isIpv4Address('203.0.113.10')).toBe(true);
    expect(isIpv4Address('203.0.113')).toBe(false);
    expect(isIpv4Address('203.0.113.010')).toBe(false);
    expect(isIpv4Address('2001:db8::1')).toBe(false);
  });
});

describe('overlaps', () => {
  const b = block;
  it('is true for nested, identical and partly shared blocks, in both orders', () => {
    expect(overlaps(b('10.0.0.0/8'), b('10.20.0.0/16'))).toBe(true);
    expect(overlaps(b('10.20.0.0/16'), b('10.0.0.0/8'))).toBe(true);
    expect(overlaps(b('10.0.0.0/16'), b('10.0.0.0/16'))).toBe(true);
    expect(overlaps(b('0.0.0.0/0'), b('255.255.255.255/32'))).toBe(true);
  });

  it('is false for adjacent blocks', () => {
    expect(overlaps(b('10.0.0.0/16'), b('10.1.0.0/16'))).toBe(false);
    expect(overlaps(b('10.1.0.0/16'), b('10.0.0.0/16'))).toBe(false);
    expect(overlaps(b('10.0.0.0/25'), b('10.0.0.128/25'))).toBe(false);
  });
});

describe('contains', () => {
  const b = block;
  it('is true only when the inner block lies wholly inside', () => {
    expect(contains(b('10.0.0.0/8'), b('10.255.255.0/24'))).toBe(true);
    expect(contains(b('10.0.0.0/16'), b('10.0.0.0/16'))).toBe(true);
    expect(contains(b('10.0.0.0/16'), b('10.0.0.0/8'))).toBe(false);
    expect(contains(b('10.0.0.0/16'), b('10.1.0.0/24'))).toBe(false);
    expect(contains(b('0.0.0.0/0'), b('203.0.113.0/24'))).toBe(true);
  });

  it('containsAddress checks the first and last address', () => {
    const net = b('192.168.0.0/24');
    expect(containsAddress(net, toInt('192.168.0.0'))).toBe(true);
    expect(containsAddress(net, toInt('192.168.0.255'))).toBe(true);
    expect(containsAddress(net, toInt('192.168.1.0'))).toBe(false);
    expect(lastOf(net)).toBe(toInt('192.168.0.255'));
  });
});

describe('subnetAt', () => {
  const vpc = block('10.0.0.0/16');
  it('counts aligned blocks from the start of the parent', () => {
    expect(format(subnetAt(vpc, 24, 0))).toBe('10.0.0.0/24');
    expect(format(subnetAt(vpc, 24, 255))).toBe('10.0.255.0/24');
    expect(format(subnetAt(vpc, 28, 17))).toBe('10.0.1.16/28');
    expect(format(subnetAt(vpc, 16, 0))).toBe('10.0.0.0/16');
    expect(format(subnetAt(block('255.255.255.0/24'), 28, 15))).toBe('255.255.255.240/28');
  });

  it('refuses a block outside the parent or larger than it', () => {
    expect(() => subnetAt(vpc, 24, 256)).toThrow('outside 10.0.0.0/16');
    expect(() => subnetAt(vpc, 24, -1)).toThrow('outside');
    expect(() => subnetAt(vpc, 15, 0)).toThrow('does not fit');
  });
});

describe('smallestPrefixHolding', () => {
  it('returns the longest prefix whose block is big enough', () => {
    expect(smallestPrefixHolding(1)).toBe(32);
    expect(smallestPrefixHolding(256)).toBe(24);
    expect(smallestPrefixHolding(257)).toBe(23);
    expect(smallestPrefixHolding(384)).toBe(23);
    expect(smallestPrefixHolding(2 ** 32)).toBe(0);
  });
});
