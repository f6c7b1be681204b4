/** Every semantic rule, in the order problems are reported. */
import { accountIds } from './account-ids';
import { alarmTopic } from './alarm-topic';
import { accountReferences } from './account-references';
import { asns } from './asns';
import { availabilityZones } from './availability-zones';
import { azNamesAcrossAccounts } from './az-names-across-accounts';
import { azSlots } from './az-slots';
import { bootstrapSecrets } from './bootstrap-secrets';
import { centralFlowLogs } from './central-flow-logs';
import { cidrCanonical } from './cidr-canonical';
import { cidrListsUnique } from './cidr-lists-unique';
import { credentials } from './credentials';
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
import { postDeployChecks } from './post-deploy-checks';
import { roleArns } from './role-arns';
import { routeTableRoutes } from './route-table-routes';
import type { Rule } from './rule';
import { dmzS3Endpoints } from './dmz-s3-endpoints';
import { securityGroupRules } from './security-group-rules';
import { shareWith } from './share-with';
import { stateBackend } from './state-backend';
import { tags } from './tags';
import { tgwRouteQuotas } from './tgw-route-quotas';
import { vpcCidrOverlap } from './vpc-cidr-overlap';
import { vpcCidrSize } from './vpc-cidr-size';
import { vpcFitsTiers } from './vpc-fits-tiers';
import { vpcReservedRanges } from './vpc-reserved-ranges';
import { vpnCidrs } from './vpn-cidrs';
import { defaultInternalRanges, dockerBridgeRange, fleetBelowAzCount, nonPrivateCidrs, unusedFleets } from './warnings';

export type { Rule } from './rule';

export const RULES: readonly Rule[] = [
  networkName,
  accountIds,
  roleArns,
  credentials,
  accountReferences,
  fleetReferences,
  availabilityZones,
  azNamesAcrossAccounts,
  knownRegions,
  azSlots,
  cidrCanonical,
  cidrListsUnique,
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
  securityGroupRules,
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
  dmzS3Endpoints,
  tgwRouteQuotas,
  routeTableRoutes,
  stateBackend,
  centralFlowLogs,
  postDeployChecks,
  tags,
  nonPrivateCidrs,
  dockerBridgeRange,
  defaultInternalRanges,
  fleetBelowAzCount,
  unusedFleets,
];
