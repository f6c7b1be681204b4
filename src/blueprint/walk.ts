/**
 * Enumerations over a shape-valid blueprint that several rules and the model share,
 * each item carrying its JSON path so a rule can point at it.
 */
import type { VpcRole } from './address-plan';
import type { Blueprint, FleetSpec, RegionSpec, VpnSpec } from './schema';
import type { JsonPath } from './problems';
import { MAX_AZ_SLOTS } from './address-plan';
import { RFC1918, blocksOf, contains, parseCidr } from './cidr';
import { regionAzIds } from './regions';

export interface VpcEntry {
  readonly region: string;
  readonly role: VpcRole;
  /** `egress` for the egress VPC; the DMZ or spoke name otherwise. */
  readonly name: string;
  readonly account: string;
  readonly cidr: string;
  readonly fleet?: string;
  readonly path: JsonPath;
}

export interface CidrEntry {
  readonly cidr: string;
  readonly path: JsonPath;
}

export function regionsOf(bp: Blueprint): [string, RegionSpec][] {
  return Object.entries(bp.regions);
}

export function vpcsOf(bp: Blueprint): VpcEntry[] {
  const vpcs: VpcEntry[] = [];
  for (const [region, spec] of regionsOf(bp)) {
    const base = ['regions', region];
    vpcs.push({ region, role: 'egress', name: 'egress', account: spec.egress.account, cidr: spec.egress.cidr, fleet: spec.egress.fleet, path: [...base, 'egress'] });
    for (const [name, dmz] of Object.entries(spec.dmzs ?? {})) {
      vpcs.push({ region, role: 'dmz', name, account: dmz.account, cidr: dmz.cidr, fleet: dmz.fleet, path: [...base, 'dmzs', name] });
    }
    for (const [name, spoke] of Object.entries(spec.spokes ?? {})) {
      vpcs.push({ region, role: 'spoke', name, account: spoke.account, cidr: spoke.cidr, path: [...base, 'spokes', name] });
    }
  }
  return vpcs;
}

export function fleetsOf(bp: Blueprint): { region: string; name: string; fleet: FleetSpec; path: JsonPath }[] {
  return regionsOf(bp).flatMap(([region, spec]) =>
    Object.entries(spec.fleets).map(([name, fleet]) => ({ region, name, fleet, path: ['regions', region, 'fleets', name] })),
  );
}

export function vpnsOf(bp: Blueprint): { region: string; name: string; vpn: VpnSpec; path: JsonPath }[] {
  return regionsOf(bp).flatMap(([region, spec]) =>
    Object.entries(spec.vpnConnections ?? {}).map(([name, vpn]) => ({ region, name, vpn, path: ['regions', region, 'vpnConnections', name] })),
  );
}

/** Every CIDR-valued field of the blueprint, VPC CIDRs included. */
export function cidrFieldsOf(bp: Blueprint): CidrEntry[] {
  const fields: CidrEntry[] = vpcsOf(bp).map((v) => ({ cidr: v.cidr, path: [...v.path, 'cidr'] }));
  for (const { fleet, path } of fleetsOf(bp)) {
    (fleet.managementCidrs ?? []).forEach((cidr, i) => fields.push({ cidr, path: [...path, 'managementCidrs', i] }));
  }
  for (const [region, spec] of regionsOf(bp)) {
    (spec.internalCidrs ?? []).forEach((cidr, i) => fields.push({ cidr, path: ['regions', region, 'internalCidrs', i] }));
  }
  for (const { vpn, path } of vpnsOf(bp)) {
    (vpn.cidrs ?? []).forEach((cidr, i) => fields.push({ cidr, path: [...path, 'cidrs', i] }));
  }
  return fields;
}

/** Every place the blueprint names an account, with the path of the reference. */
export function accountReferencesOf(bp: Blueprint): { account: string; path: JsonPath }[] {
  const refs: { account: string; path: JsonPath }[] = [];
  for (const [region, spec] of regionsOf(bp)) {
    refs.push({ account: spec.transitGateway.account, path: ['regions', region, 'transitGateway', 'account'] });
  }
  for (const vpc of vpcsOf(bp)) {
    refs.push({ account: vpc.account, path: [...vpc.path, 'account'] });
  }
  for (const [region, spec] of regionsOf(bp)) {
    for (const [name, dmz] of Object.entries(spec.dmzs ?? {})) {
      (dmz.shareWith ?? []).forEach((account, i) => refs.push({ account, path: ['regions', region, 'dmzs', name, 'shareWith', i] }));
    }
  }
  if (bp.centralFlowLogs) refs.push({ account: bp.centralFlowLogs.account, path: ['centralFlowLogs', 'account'] });
  if (bp.postDeployChecks) refs.push({ account: bp.postDeployChecks.account, path: ['postDeployChecks', 'account'] });
  return refs;
}

/**
 * The ranges the egress and DMZ VPCs route back to the TGW after inspection:
 * the blueprint's `internalCidrs`, or the RFC 1918 supernets plus every VPC CIDR
 * of the blueprint outside them (DESIGN.md, "Routing").
 */
export function effectiveInternalCidrs(bp: Blueprint, region: string): string[] {
  const explicit = bp.regions[region]?.internalCidrs;
  if (explicit) return [...explicit];
  const rfc1918 = blocksOf(RFC1918);
  const extra: string[] = [];
  for (const vpc of vpcsOf(bp)) {
    const parsed = parseCidr(vpc.cidr);
    if (parsed.ok && !rfc1918.some((r) => contains(r, parsed.block)) && !extra.includes(vpc.cidr)) extra.push(vpc.cidr);
  }
  return [...RFC1918, ...extra];
}

/**
 * How many AZs every VPC of a region is laid out for: the blueprint's `azSlots`,
 * else every AZ the region has (regions.ts, or `regionAvailabilityZones`), never
 * fewer than it uses nor more than six.
 */
export function regionAzSlots(spec: RegionSpec, region: string): number {
  if (spec.azSlots !== undefined) return spec.azSlots;
  const known = regionAzIds(region, spec.regionAvailabilityZones)?.length ?? 0;
  return Math.min(MAX_AZ_SLOTS, Math.max(known, spec.availabilityZones.length));
}
