/**
 * The network model: a validated blueprint with every default applied and every
 * subnet planned. Constructs, stacks, the README and the diagram read this and
 * never the raw blueprint, so a default lives in exactly one place.
 */
import { planVpc, type Tier, type VpcRole } from './address-plan';
import { classifyAz, type AzKind } from './regions';
import type { Blueprint, FleetSpec, HealthCheckSpec, InitialPolicy, LicensingModel, ScalingMetric, Vendor } from './schema';
import { fleetManagementPorts, VENDOR_PROFILES } from './vendors';
import { interRegionOf } from './peerings';
import { regionRoutePlan, type OnpremPlan } from './tgw-routes';
import { effectiveInternalCidrs, regionAzSlots, regionsOf } from './walk';

export interface AccountModel {
  readonly name: string;
  readonly id: string;
  readonly roleArn?: string;
  /** Outside the TGW owner's Organization: accepts RAM shares by invitation. */
  readonly external: boolean;
}

export interface AvailabilityZone {
  readonly index: number;
  /** As the blueprint gives it: an AZ ID (`euw2-az1`) or name (`eu-west-2a`). */
  readonly value: string;
  readonly kind: AzKind;
  /** Short, stable suffix for names and logical IDs: `az1`, or `a` for AZ names. */
  readonly label: string;
}

export interface SubnetModel {
  readonly tier: Tier;
  readonly az: AvailabilityZone;
  readonly cidr: string;
}

export interface VpcModel {
  readonly role: VpcRole;
  /** `egress`, or the DMZ/spoke name. */
  readonly name: string;
  readonly account: string;
  readonly cidr: string;
  /** The fleet that inspects this VPC (egress and DMZs). */
  readonly fleet?: string;
  readonly shareWith: readonly string[];
  readonly subnets: readonly SubnetModel[];
  /**
   * DMZs: the S3 gateway endpoint of the app subnets, with the buckets outside the
   * blueprint's accounts it also admits; absent when the blueprint drops it.
   */
  readonly s3Endpoint?: { readonly buckets: readonly string[] };
}

export interface FleetModel {
  readonly name: string;
  readonly vendor: Vendor;
  readonly ami: string;
  readonly instanceType: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly healthCheck: Required<Pick<HealthCheckSpec, 'protocol' | 'port'>> & { readonly path?: string };
  readonly crossZone: boolean;
  readonly managementCidrs: readonly string[];
  readonly managementPorts: readonly number[];
  /** Seconds an appliance may take to boot and load policy before ELB health checks count. */
  readonly healthCheckGracePeriod: number;
  readonly bootstrapSecret?: string;
  readonly bootstrapBucket?: string;
  /** The vendor's management plane, when the blueprint names one. */
  readonly management?: FleetManagement;
  readonly licensing: { readonly model: LicensingModel; /** FortiGate: the license object's key in the bucket. */ readonly object?: string };
  readonly initialPolicy: InitialPolicy;
  /** Why this fleet accepts IMDSv1 (an explicit exception to EC2.8); absent: IMDSv2 required. */
  readonly imdsV1Exception?: string;
  readonly scaling: { readonly metric: ScalingMetric; readonly targetValue: number; readonly namespace: string };
  readonly alarmTopicArn?: string;
  /** GWLB listener TCP idle timeout, seconds. */
  readonly listenerIdleTimeout: number;
  /** Owner of the egress VPC, and so of the fleet. */
  readonly account: string;
  /** Every account hosting an endpoint of this fleet's service, sorted. */
  readonly endpointAccounts: readonly string[];
}

export type FleetManagement =
  | { readonly kind: 'cme'; readonly server: string; readonly template: string; readonly provisionAddress: 'private' | 'public' }
  | { readonly kind: 'panorama'; readonly servers: readonly string[]; readonly templateStack: string; readonly deviceGroup: string }
  | { readonly kind: 'fortiManager'; readonly address: string; readonly serialNumber?: string };

/** The management entry that belongs to the fleet's vendor (a rule refuses the others). */
export function fleetManagementOf(f: FleetSpec): FleetManagement | undefined {
  const m = f.management;
  if (f.vendor === 'checkpoint' && m?.cme) return { kind: 'cme', server: m.cme.server, template: m.cme.template, provisionAddress: m.cme.provisionAddress ?? 'private' };
  if (f.vendor === 'paloalto' && m?.panorama) return { kind: 'panorama', servers: [...m.panorama.servers], templateStack: m.panorama.templateStack, deviceGroup: m.panorama.deviceGroup };
  if (f.vendor === 'fortinet' && m?.fortiManager) return { kind: 'fortiManager', address: m.fortiManager.address, ...(m.fortiManager.serialNumber ? { serialNumber: m.fortiManager.serialNumber } : {}) };
  return undefined;
}

export interface VpnModel {
  readonly name: string;
  readonly customerGatewayIp: string;
  readonly bgpAsn: number;
  readonly cidrs: readonly string[];
  readonly staticRoutesOnly: boolean;
}

export interface RegionModel {
  readonly code: string;
  readonly azs: readonly AvailabilityZone[];
  /** AZs every VPC of the region is laid out for (the address planner keeps room for them). */
  readonly azSlots: number;
  readonly transitGateway: { readonly account: string; readonly amazonSideAsn: number };
  readonly fleets: readonly FleetModel[];
  readonly egress: VpcModel;
  readonly dmzs: readonly VpcModel[];
  readonly spokes: readonly VpcModel[];
  readonly vpns: readonly VpnModel[];
  readonly eastWest: boolean;
  readonly internalCidrs: readonly string[];
  /** What the TGW table `onprem` routes to the egress attachment, and so what the offices learn (tgw-routes.ts). */
  readonly onprem: OnpremPlan;
}

export type StateModel =
  | { readonly backend: 'local' }
  | { readonly backend: 's3'; readonly bucket: string; readonly region: string; readonly keyPrefix: string };

/** A TGW peering between two regions: the requester is the first in alphabetical order. */
export interface PeeringModel {
  readonly requester: string;
  readonly accepter: string;
  /**
   * The regions whose fleets inspect traffic between the two: both (every-region),
   * or, with `once`, the requester alone (deterministic, so the choice never flips).
   */
  readonly inspectedBy: readonly string[];
}

/** Central flow logs: where every VPC and TGW flow log is delivered. */
export interface CentralFlowLogsModel {
  /** The log-archive account (its name) that owns the bucket. */
  readonly account: string;
  readonly bucket: string;
  /** A folder in the bucket, without slashes at either end; absent: the bucket root. */
  readonly prefix?: string;
}

export interface NetworkModel {
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly accounts: Readonly<Record<string, AccountModel>>;
  readonly regions: readonly RegionModel[];
  readonly state: StateModel;
  readonly interRegion: { readonly inspection: 'every-region' | 'once'; readonly peerings: readonly PeeringModel[] };
  readonly centralFlowLogs?: CentralFlowLogsModel;
  /** The account of the Reachability Analyzer stacks (`synth --post-deploy-checks`), when the blueprint names one. */
  readonly postDeployChecks?: { readonly account: string };
}

/** Builds the model of a blueprint that passed every rule. */
export function buildModel(bp: Blueprint): NetworkModel {
  const accounts: Record<string, AccountModel> = {};
  for (const [name, a] of Object.entries(bp.accounts)) accounts[name] = { name, id: a.id, ...(a.roleArn ? { roleArn: a.roleArn } : {}), external: a.external ?? false };
  return {
    name: bp.name,
    tags: { ...(bp.tags ?? {}) },
    accounts,
    regions: regionsOf(bp).map(([code]) => buildRegion(bp, code)),
    interRegion: interRegionOf(bp),
    ...(bp.centralFlowLogs
      ? { centralFlowLogs: { account: bp.centralFlowLogs.account, bucket: bp.centralFlowLogs.bucket, ...(bp.centralFlowLogs.prefix ? { prefix: bp.centralFlowLogs.prefix } : {}) } }
      : {}),
    ...(bp.postDeployChecks ? { postDeployChecks: { account: bp.postDeployChecks.account } } : {}),
    state:
      bp.state?.backend === 's3'
        ? { backend: 's3', bucket: bp.state.bucket!, region: bp.state.region!, keyPrefix: bp.state.keyPrefix ?? bp.name }
        : { backend: 'local' },
  };
}

/** The peerings of one region, each with the region at the other end. */
export function peeringsOf(model: NetworkModel, region: string): { peering: PeeringModel; peer: string }[] {
  return model.interRegion.peerings
    .filter((p) => p.requester === region || p.accepter === region)
    .map((peering) => ({ peering, peer: peering.requester === region ? peering.accepter : peering.requester }));
}

function buildRegion(bp: Blueprint, code: string): RegionModel {
  const spec = bp.regions[code];
  const azs: AvailabilityZone[] = spec.availabilityZones.map((value, index) => {
    const kind = classifyAz(code, value) ?? 'name';
    return { index, value, kind, label: kind === 'id' ? value.slice(value.lastIndexOf('-') + 1) : value.slice(code.length) };
  });
  const azSlots = regionAzSlots(spec, code);
  const vpc = (role: VpcRole, name: string, account: string, cidr: string, fleet?: string, shareWith: readonly string[] = [], extra: Partial<VpcModel> = {}): VpcModel => {
    const planned = planVpc(cidr, role, azs.length, azSlots);
    if (!planned.ok) throw new Error(`internal: ${cidr} passed validation but cannot be planned: ${planned.reason}`);
    return {
      role,
      name,
      account,
      cidr,
      ...(fleet ? { fleet } : {}),
      shareWith: [...shareWith],
      subnets: planned.plan.subnets.map((s) => ({ tier: s.tier, az: azs[s.azIndex], cidr: s.cidr })),
      ...extra,
    };
  };
  const egress = vpc('egress', 'egress', spec.egress.account, spec.egress.cidr, spec.egress.fleet);
  const dmzs = Object.entries(spec.dmzs ?? {}).map(([name, d]) =>
    vpc('dmz', name, d.account, d.cidr, d.fleet, d.shareWith, d.s3Endpoint?.enabled === false ? {} : { s3Endpoint: { buckets: [...(d.s3Endpoint?.buckets ?? [])] } }),
  );
  const spokes = Object.entries(spec.spokes ?? {}).map(([name, s]) => vpc('spoke', name, s.account, s.cidr));
  const fleets: FleetModel[] = Object.entries(spec.fleets).map(([name, f]) => {
    const profile = VENDOR_PROFILES[f.vendor];
    const management = fleetManagementOf(f);
    const consumers = [egress, ...dmzs].filter((v) => v.fleet === name).map((v) => v.account);
    return {
      name,
      vendor: f.vendor,
      ami: f.ami,
      instanceType: f.instanceType,
      minSize: f.minSize,
      maxSize: f.maxSize,
      desiredCapacity: f.desiredCapacity ?? f.minSize,
      healthCheck: f.healthCheck ? { ...f.healthCheck } : { ...profile.healthCheck },
      crossZone: f.crossZone ?? true,
      managementCidrs: [...(f.managementCidrs ?? [])],
      managementPorts: fleetManagementPorts(f.vendor, management?.kind === 'fortiManager'),
      healthCheckGracePeriod: f.healthCheckGracePeriod ?? profile.healthCheckGracePeriod,
      ...(f.bootstrapSecret ? { bootstrapSecret: f.bootstrapSecret } : {}),
      ...(f.bootstrapBucket ? { bootstrapBucket: f.bootstrapBucket } : {}),
      ...(management ? { management } : {}),
      licensing: licensingOf(name, f),
      initialPolicy: f.initialPolicy ?? 'pass-and-log',
      ...(f.allowImdsV1 ? { imdsV1Exception: f.allowImdsV1 } : {}),
      scaling: {
        metric: f.scaling?.metric ?? profile.scaling.metric,
        targetValue: f.scaling?.targetValue ?? (f.scaling?.metric && f.scaling.metric !== profile.scaling.metric ? SCALING_TARGETS[f.scaling.metric] : profile.scaling.targetValue),
        namespace: f.scaling?.namespace ?? profile.metricNamespace,
      },
      ...(f.alarmTopicArn ? { alarmTopicArn: f.alarmTopicArn } : {}),
      listenerIdleTimeout: f.listenerIdleTimeout ?? profile.listenerIdleTimeout,
      account: spec.egress.account,
      endpointAccounts: [...new Set(consumers)].sort(),
    };
  });
  return {
    code,
    azs,
    azSlots,
    transitGateway: { ...spec.transitGateway },
    fleets,
    egress,
    dmzs,
    spokes,
    vpns: Object.entries(spec.vpnConnections ?? {}).map(([name, v]) => ({
      name,
      customerGatewayIp: v.customerGatewayIp,
      bgpAsn: v.bgpAsn,
      cidrs: [...(v.cidrs ?? [])],
      staticRoutesOnly: v.staticRoutesOnly ?? false,
    })),
    eastWest: spec.inspection?.eastWest ?? true,
    internalCidrs: effectiveInternalCidrs(bp, code),
    onprem: regionRoutePlan(bp, code).onprem,
  };
}

/** The target of a scaling metric a blueprint picks without a value (the vendor's own metric has its own default). */
const SCALING_TARGETS: Readonly<Record<ScalingMetric, number>> = { cpu: 70, sessions: 75 };

function licensingOf(fleet: string, f: FleetSpec): FleetModel['licensing'] {
  const model = f.licensing?.model ?? 'payg';
  const needsObject = f.vendor === 'fortinet' && model !== 'payg';
  return { model, ...(needsObject ? { object: f.licensing?.object ?? `license/${fleet}.lic` } : {}) };
}

/** Every VPC of a region: egress first, then DMZs, then spokes. */
export function vpcsOfRegion(region: RegionModel): VpcModel[] {
  return [region.egress, ...region.dmzs, ...region.spokes];
}

export function subnetsOf(vpc: VpcModel, tier: Tier): SubnetModel[] {
  return vpc.subnets.filter((s) => s.tier === tier);
}

/**
 * What other regions route to this one over a peering: every VPC CIDR and every
 * declared office prefix (peerings carry static routes only).
 */
export function rangesOf(region: RegionModel): string[] {
  return [...vpcsOfRegion(region).map((v) => v.cidr), ...region.vpns.flatMap((v) => v.cidrs)];
}
