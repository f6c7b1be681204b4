/**
 * Defaults for what the base blueprint does not have (a fifth account, a second
 * region, one more spoke): always valid in the blueprint built so far, so that
 * Enter is a safe answer everywhere.
 */
import { planVpc, type VpcRole } from '../blueprint/address-plan';
import { blocksOf, format, overlaps, parseCidr, type Ipv4Block } from '../blueprint/cidr';
import { isPrivateAsn } from '../blueprint/rules/asns';
import type { Blueprint, Vendor } from '../blueprint/schema';
import { NAME_PATTERN } from '../blueprint/schema';
import { vpcsOf, vpnsOf } from '../blueprint/walk';

/** `base`, or `base-2`, `base-3`, … : the first that is not taken. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base) && NAME_PATTERN.test(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** 111111111111, 222222222222, …: obviously placeholders, and unique. */
export function freeAccountId(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let d = 1; d <= 9; d++) {
    const id = String(d).repeat(12);
    if (!used.has(id)) return id;
  }
  for (let n = 100000000000; ; n++) if (!used.has(String(n))) return String(n);
}

/** Every ASN the blueprint uses (TGWs and VPNs). */
export function usedAsns(bp: Blueprint): Set<number> {
  const used = new Set<number>();
  for (const spec of Object.values(bp.regions)) used.add(spec.transitGateway.amazonSideAsn);
  for (const { vpn } of vpnsOf(bp)) used.add(vpn.bgpAsn);
  return used;
}

/** The first private ASN from `start` upward that nothing uses. */
export function freeAsn(taken: ReadonlySet<number>, start: number): number {
  for (let asn = start; asn <= 65534; asn++) if (isPrivateAsn(asn) && !taken.has(asn)) return asn;
  for (let asn = 4200000000; ; asn++) if (!taken.has(asn)) return asn;
}

/** Every CIDR a new VPC must stay clear of: the VPCs and the office ranges of the blueprint. */
function occupied(bp: Blueprint): Ipv4Block[] {
  const cidrs = [...vpcsOf(bp).map((v) => v.cidr), ...vpnsOf(bp).flatMap(({ vpn }) => vpn.cidrs ?? [])];
  return blocksOf(cidrs);
}

/**
 * A free CIDR for a new VPC: a /20 for egress and DMZ VPCs counted down from
 * 10.255.0.0 (as the reference does), a /16 for spokes counted up from 10.10.0.0.
 */
export function freeVpcCidr(bp: Blueprint, role: VpcRole, azCount: number): string {
  const taken = occupied(bp);
  // Whether a plan fits depends on the AZs used only, not on the slots kept free.
  const fits = (cidr: string) => planVpc(cidr, role, Math.max(azCount, 1), azCount).ok;
  const candidates = role === 'spoke' ? spokeCandidates() : edgeCandidates();
  for (const cidr of candidates) {
    const block = parseCidr(cidr);
    if (block.ok && !taken.some((t) => overlaps(t, block.block)) && fits(cidr)) return cidr;
  }
  return role === 'spoke' ? '10.10.0.0/16' : '10.255.0.0/20';
}

function* edgeCandidates(): Generator<string> {
  for (let second = 255; second >= 0; second--) for (let third = 0; third < 256; third += 16) yield `10.${second}.${third}.0/20`;
}

function* spokeCandidates(): Generator<string> {
  for (let second = 10; second < 256; second += 10) yield `10.${second}.0.0/16`;
  for (let second = 1; second < 256; second++) yield `10.${second}.0.0/16`;
  for (let second = 16; second < 32; second++) for (let third = 0; third < 256; third += 16) yield format({ base: ((172 << 24) | (second << 16) | (third << 8)) >>> 0, prefix: 20 });
}

/** Where each vendor's AMI is found: a line of explanation and the command that lists them. */
export function amiHint(vendor: Vendor, region: string): [string, string] {
  const search = (pattern: string) => `  aws ec2 describe-images --region ${region} --owners aws-marketplace --filters 'Name=name,Values=${pattern}' --query 'Images[].[ImageId,Name]'`;
  switch (vendor) {
    case 'checkpoint':
      return ['AMIs differ per region; list Check Point\'s Marketplace images with:', search('*CloudGuard*')];
    case 'paloalto':
      return ['AMIs differ per region; list the VM-Series Marketplace images with:', search('PA-VM-AWS*')];
    case 'fortinet':
      return ['AMIs differ per region; list the FortiGate Marketplace images with:', search('FortiGate-VM64-AWS*')];
    case 'generic':
      return ['Any Linux AMI that can run gwlbtun; the latest Amazon Linux 2023 is:', `  aws ssm get-parameter --region ${region} --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64`];
  }
}
