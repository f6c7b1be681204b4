/**
 * IPv4 CIDR arithmetic. Parsing and validation go through ipaddr.js; what is left
 * here is the integer maths the address planner and the flow verifier need
 * (containment, overlap, carving aligned blocks), kept in one small module so it
 * can be tested on its own.
 */
import * as ipaddr from 'ipaddr.js';

/** A parsed IPv4 block: `base` is the network address as an unsigned 32-bit integer. */
export interface Ipv4Block {
  readonly base: number;
  readonly prefix: number;
}

export type CidrParseResult =
  | { readonly ok: true; readonly block: Ipv4Block }
  | { readonly ok: false; readonly reason: string; readonly suggestion?: string };

const IPV4_CIDR_SHAPE = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

/**
 * Parses a canonical IPv4 CIDR. Host bits set (`10.0.0.1/16`), leading zeros or a
 * prefix over 32 are refused with a reason, and with the canonical form where one exists.
 */
export function parseCidr(text: string): CidrParseResult {
  if (typeof text !== 'string' || !IPV4_CIDR_SHAPE.test(text)) {
    return { ok: false, reason: 'is not an IPv4 CIDR (expected a.b.c.d/n)' };
  }
  // parseCIDR, then ipaddr's four-part-decimal rule (no leading zeros) on the address: what
  // isValidCIDRFourPartDecimal checks, in two parses where it and the integer took five (verify
  // parses every route's destination; each parse is a few microseconds).
  const parsed = ipv4CidrOf(text);
  if (!parsed || !ipaddr.IPv4.isValidFourPartDecimal(text.slice(0, text.indexOf('/')))) {
    return { ok: false, reason: 'is not an IPv4 CIDR (each octet 0-255 without leading zeros, prefix 0-32)' };
  }
  const [address, prefix] = parsed;
  const [a, b, c, d] = address.octets;
  const base = (((a << 24) | (b << 16) | (c << 8) | d) & maskOf(prefix)) >>> 0;
  const canonical = `${fromInt(base)}/${prefix}`;
  if (canonical !== text) {
    const hostBitsSet = fromInt(base) !== address.toString();
    return { ok: false, reason: hostBitsSet ? 'has host bits set' : 'is not in canonical form', suggestion: canonical };
  }
  return { ok: true, block: { base, prefix } };
}

function ipv4CidrOf(text: string): [ipaddr.IPv4, number] | undefined {
  try {
    return ipaddr.IPv4.parseCIDR(text);
  } catch {
    return undefined;
  }
}

/** The canonical CIDRs among `cidrs`, parsed; the others are for `cidr-canonical` to report. */
export function blocksOf(cidrs: readonly string[]): Ipv4Block[] {
  return cidrs.flatMap((c) => {
    const parsed = parseCidr(c);
    return parsed.ok ? [parsed.block] : [];
  });
}

/** Parses a CIDR the caller already knows to be canonical (validated input); throws otherwise. */
export function block(text: string): Ipv4Block {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`internal: ${text} ${parsed.reason}`);
  return parsed.block;
}

export function isIpv4Address(text: string): boolean {
  return typeof text === 'string' && ipaddr.IPv4.isValidFourPartDecimal(text);
}

export function toInt(address: string): number {
  const octets = ipaddr.IPv4.parse(address).octets;
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

export function fromInt(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function sizeOf(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function format(b: Ipv4Block): string {
  return `${fromInt(b.base)}/${b.prefix}`;
}

/** Last address of the block, as an integer. */
export function lastOf(b: Ipv4Block): number {
  return b.base + sizeOf(b.prefix) - 1;
}

export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.base <= lastOf(b) && b.base <= lastOf(a);
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.prefix >= outer.prefix && outer.base <= inner.base && lastOf(inner) <= lastOf(outer);
}

export function containsAddress(outer: Ipv4Block, address: number): boolean {
  // Same network bits; a shift by 32 would be a shift by 0 in JavaScript, hence /0 apart.
  return outer.prefix === 0 || ((address ^ outer.base) >>> (32 - outer.prefix)) === 0;
}

/** The `index`-th block of size /`prefix` counted from the start of `parent`. */
export function subnetAt(parent: Ipv4Block, prefix: number, index: number): Ipv4Block {
  if (prefix < parent.prefix) throw new Error(`internal: /${prefix} does not fit in ${format(parent)}`);
  const base = parent.base + index * sizeOf(prefix);
  const result = { base, prefix };
  if (!contains(parent, result)) throw new Error(`internal: block ${index} of /${prefix} is outside ${format(parent)}`);
  return result;
}

/** The smallest prefix length whose block holds `addresses` addresses (0 when none does). */
export function smallestPrefixHolding(addresses: number): number {
  for (let prefix = 32; prefix >= 0; prefix--) {
    if (sizeOf(prefix) >= addresses) return prefix;
  }
  return 0;
}

export const RFC1918: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
export const SHARED_ADDRESS_SPACE = '100.64.0.0/10';
