/** Every semantic rule, in the order problems are reported. */
import { accountIds } from './account-ids';
import { alarmTopic } from './alarm-topic';
import { accountReferences } from './account-references';
import { asns } from './asns';
import { availabilityZones } from './availability-zones';
import { azSlots } from './az-slots';
import { bootstrapSecrets } from './bootstrap-secrets';
import { cidrCanonical } from './cidr-canonical';
import { customerGateways } from './customer-gateways';
import { fleetImages } from './fleet-images';
import { fleetImdsV1 } from './fleet-imds-v1';
import { fleetInitialPolicy } from './fleet-initial-policy';
import { fleetLicensing } from './fleet-licensing';
import { fleetManagement } from './fleet-management';
import { fleetReferences } from './fleet-references';
import { fleetScaling } from './fleet-scaling';
import { fleetSizes } from './fleet-sizes';
import { healthCheckGrace } from './health-check-grace';
import { healthChecks } from './health-checks';
import { internalCidrs } from './internal-cidrs';
import { interRegion } from './inter-region';
import { knownRegions } from './known-regions';
import { listenerIdleTimeout } from './listener-idle-timeout';
import { managementCidrs } from './management-cidrs';
import { networkName } from './network-name';
import { roleArns } from './role-arns';
import type { Rule } from './rule';
import { shareWith } from './share-with';
import { stateBackend } from './state-backend';
import { tags } from './tags';
import { vpcCidrOverlap } from './vpc-cidr-overlap';
import { vpcCidrSize } from './vpc-cidr-size';
import { vpcFitsTiers } from './vpc-fits-tiers';
import { vpcReservedRanges } from './vpc-reserved-ranges';
import { vpnCidrs } from './vpn-cidrs';
import { azNamesAcrossAccounts, defaultInternalRanges, dockerBridgeRange, fleetBelowAzCount, nonPrivateCidrs, unusedFleets } from './warnings';

export type { Rule } from './rule';

export const RULES: readonly Rule[] = [
  networkName,
  accountIds,
  roleArns,
  accountReferences,
  fleetReferences,
  availabilityZones,
  knownRegions,
  azSlots,
  cidrCanonical,
  vpcCidrSize,
  vpcReservedRanges,
  vpcCidrOverlap,
  vpcFitsTiers,
  internalCidrs,
  vpnCidrs,
  interRegion,
  asns,
  customerGateways,
  fleetSizes,
  fleetImages,
  healthChecks,
  managementCidrs,
  bootstrapSecrets,
  fleetManagement,
  fleetLicensing,
  fleetInitialPolicy,
  fleetImdsV1,
  fleetScaling,
  alarmTopic,
  listenerIdleTimeout,
  healthCheckGrace,
  shareWith,
  stateBackend,
  tags,
  azNamesAcrossAccounts,
  nonPrivateCidrs,
  dockerBridgeRange,
  defaultInternalRanges,
  fleetBelowAzCount,
  unusedFleets,
];
