/**
 * The blueprint's shape, as one zod schema. It is the single source of the
 * TypeScript types (`z.infer`) and of the published `blueprint.schema.json`
 * (`npm run schema`), so editors and the validator never disagree.
 *
 * The shape only checks types, required fields, names and unknown fields. Every
 * rule that needs to look at values together (CIDR overlap, references, ASN
 * ranges, AZ/region agreement, ...) is a named check in `rules/`, where it can
 * say exactly what is wrong and be tested on its own.
 */
import './deferred-zod-locales';
import { z } from 'zod';

export const NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}$/;
export const NAME_RULE = 'lowercase letters, digits and hyphens, starting with a letter, at most 31 characters';
export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-[1-9]\d?$/;

export const VENDORS = ['checkpoint', 'paloalto', 'fortinet', 'generic'] as const;
export const HEALTH_CHECK_PROTOCOLS = ['TCP', 'HTTP', 'HTTPS'] as const;
export const INTER_REGION_INSPECTION = ['every-region', 'once'] as const;
export const LICENSING_MODELS = ['payg', 'byol', 'fortiflex'] as const;
export const INITIAL_POLICIES = ['pass-and-log', 'deny-until-managed'] as const;
export const SCALING_METRICS = ['cpu', 'sessions'] as const;
export const PROVISION_ADDRESSES = ['private', 'public'] as const;

const name = () => z.string().regex(NAME_PATTERN);
const named = <T extends z.ZodType>(value: T) => z.record(name(), value);
const cidr = (description: string) => z.string().describe(description);

/**
 * Defines every object of the shape with `object`: strict (unknown fields are
 * errors) for validation, or stripping, so that the semantic rules can still run
 * on a blueprint whose only shape problems are unknown fields.
 */
function defineSchemas(object: typeof z.strictObject) {
  const account = object({
      id: z.string().describe('The 12-digit AWS account ID.'),
      roleArn: z
        .string()
        .optional()
        .describe('IAM role the provider assumes in this account; absent = the caller\'s own credentials, so at most one account of a blueprint may go without a role (one set of credentials runs the whole deployment).'),
      external: z
        .boolean()
        .optional()
        .describe('The account is outside the AWS Organization of the TGW owner: it accepts RAM shares by invitation. Default false (shares inside an Organization are accepted automatically).'),
    })
    .describe('An AWS account the network spans.');

  const healthCheck = object({
      protocol: z.enum(HEALTH_CHECK_PROTOCOLS),
      port: z.int().min(1).max(65535),
      path: z.string().optional().describe('HTTP(S) only: the path the GWLB requests.'),
    })
    .describe('How the GWLB checks each appliance; the vendor default otherwise.');

  const cme = object({
      server: z.string().describe('The name of the Security Management Server in the CME configuration (autoprov_cfg -mn).'),
      template: z.string().describe('The CME configuration template name (autoprov_cfg -tn), at most 30 characters.'),
      provisionAddress: z
        .enum(PROVISION_ADDRESSES)
        .optional()
        .describe('Whether CME reaches the gateways by their private (default) or public address.'),
    })
    .describe('Check Point: the CME (autoprov) management the gateways register with through their x-chkp-* tags.');

  const panorama = object({
      servers: z.array(z.string()).describe('One or two Panorama addresses (IP or DNS name): panorama-server and panorama-server-2.'),
      templateStack: z.string().describe('The Panorama template stack the firewalls join (tplname).'),
      deviceGroup: z.string().describe('The Panorama device group the firewalls join (dgname).'),
    })
    .describe('Palo Alto: the Panorama the firewalls register with. The auth key is never here: it goes in the bootstrap bucket\'s config/init-cfg.txt (bootstrapBucket is required).');

  const fortiManager = object({
      address: z.string().describe('FortiManager IP address or DNS name (config system central-management, set fmg).'),
      serialNumber: z.string().optional().describe('FortiManager serial number, so the FortiGates only trust that manager.'),
    })
    .describe('FortiGate: the FortiManager the FortiGates register with.');

  const management = object({
      cme: cme.optional(),
      panorama: panorama.optional(),
      fortiManager: fortiManager.optional(),
    })
    .describe('The management plane that configures the appliances after boot; only the fleet vendor\'s own entry is allowed.');

  const licensing = object({
      model: z.enum(LICENSING_MODELS).describe('payg (default): Marketplace pay-as-you-go AMI. byol: your license (Check Point: from the management server; Palo Alto: license/authcodes in bootstrapBucket; FortiGate: a license file in bootstrapBucket). fortiflex: FortiGate FortiFlex token file in bootstrapBucket.'),
      object: z
        .string()
        .optional()
        .describe('FortiGate byol/fortiflex: key of the license (or LICENSE-TOKEN) file in bootstrapBucket. Default license/<fleet>.lic.'),
    })
    .describe('How the appliances are licensed; secrets stay in the bucket or on the management server.');

  const scaling = object({
      metric: z
        .enum(SCALING_METRICS)
        .optional()
        .describe('cpu: the ASG\'s average CPU. sessions: the vendor\'s active-session metric (Palo Alto panSessionActive, published by the VM-Series plugin). Default per vendor (Palo Alto sessions, the rest cpu).'),
      targetValue: z.number().optional().describe('The target-tracking value (percent CPU, or sessions per appliance). Default per vendor.'),
      namespace: z.string().optional().describe('sessions: the CloudWatch namespace the VM-Series plugin publishes to. Default VMseries.'),
    })
    .describe('The target-tracking policy that scales the fleet between minSize and maxSize.');

  const fleet = object({
      vendor: z.enum(VENDORS).describe('Picks the health check, bootstrap template and defaults.'),
      ami: z.string().describe('The appliance AMI: ami- and 8 or 17 hex digits.'),
      instanceType: z.string().describe('EC2 instance type, e.g. c5.xlarge.'),
      minSize: z.int(),
      maxSize: z.int(),
      desiredCapacity: z.int().optional().describe('Defaults to minSize.'),
      healthCheck: healthCheck.optional(),
      crossZone: z.boolean().optional().describe('Cross-zone load balancing on the GWLB; default true.'),
      managementCidrs: z
        .array(cidr('A range allowed to reach SSH/HTTPS on the appliances.'))
        .optional()
        .describe('Who may reach the appliances\' management ports; never 0.0.0.0/0.'),
      bootstrapSecret: z
        .string()
        .optional()
        .describe('checkpoint and generic: name of an SSM SecureString parameter, or ARN of a Secrets Manager secret, that the appliance reads at boot (the Check Point SIC key). Never the secret itself.'),
      bootstrapBucket: z
        .string()
        .optional()
        .describe('paloalto and fortinet: S3 bucket holding the vendor bootstrap package (init-cfg and auth codes, or FortiOS config and license), so no secret is in user data.'),
      management: management.optional(),
      licensing: licensing.optional(),
      initialPolicy: z
        .enum(INITIAL_POLICIES)
        .optional()
        .describe('What an appliance does before its management plane has pushed a policy. pass-and-log (default): forward and log everything, as the vendors\' GWLB templates do, so the fleet passes traffic on its first boot. deny-until-managed: drop (and log) until the management plane installs a policy; needs a management plane.'),
      allowImdsV1: z
        .string()
        .optional()
        .describe('Opt-out of IMDSv2 for this fleet, with the reason (e.g. "VM-Series plugin 2.1 reads IMDSv1"). The launch template then accepts IMDSv1 and verify reports the fleet as a named exception to control EC2.8. Absent (default): IMDSv2 required.'),
      scaling: scaling.optional(),
      alarmTopicArn: z
        .string()
        .optional()
        .describe('SNS topic (ARN, same region) that the UnHealthyHostCount alarms notify. Absent: the alarms exist but notify nobody.'),
      listenerIdleTimeout: z
        .int()
        .optional()
        .describe('Seconds the GWLB keeps an idle TCP flow (60-6000). Default: the vendor\'s (3600, the appliances\' own TCP session timeout), not the GWLB\'s 350.'),
      healthCheckGracePeriod: z
        .int()
        .optional()
        .describe('Seconds an appliance may take to boot and load its policy before failed health checks replace it. Default: the vendor\'s (Check Point 3600, Palo Alto 900, FortiGate 600, generic 300).'),
    })
    .describe('An auto-scaled appliance fleet behind its own GWLB and endpoint service.');

  const vpcCommon = {
    account: name().describe('Owner of the VPC.'),
    cidr: cidr('The VPC CIDR, /16 to /24; every subnet is carved from it.'),
  };

  const egress = object({ ...vpcCommon, fleet: name().describe('The fleet that inspects egress and east-west traffic.') })
    .describe('The central egress and inspection VPC of the region.');

  const s3Endpoint = object({
      enabled: z
        .boolean()
        .optional()
        .describe('Default true: an S3 gateway endpoint serves the app subnets. false: no endpoint; S3 traffic then leaves through the hub like any other.'),
      buckets: z
        .array(z.string())
        .optional()
        .describe('More buckets, outside the blueprint\'s accounts, that instances may read (s3:GetObject, s3:ListBucket) through the endpoint, e.g. a vendor\'s package repository. The endpoint admits only the blueprint\'s own accounts as principals and bucket owners, plus the AWS-owned buckets instances need (Amazon Linux repositories, SSM Agent and Patch Manager, CloudWatch agent, ECR image layers).'),
    })
    .describe('The DMZ\'s S3 gateway endpoint and what its policy admits.');

  const dmz = object({
      ...vpcCommon,
      fleet: name().describe('The fleet whose endpoint service inspects this DMZ.'),
      shareWith: z.array(name()).optional().describe('Accounts that get the public and app subnets through RAM.'),
      s3Endpoint: s3Endpoint.optional(),
    })
    .describe('An internet-facing ingress VPC inspected at the IGW edge.');

  const spoke = object({ ...vpcCommon }).describe('A workload VPC attached to the TGW.');

  const vpn = object({
      customerGatewayIp: z.string().describe('Public IPv4 address of the office device.'),
      bgpAsn: z.int().describe('The office\'s BGP ASN.'),
      cidrs: z.array(cidr('An on-premises prefix.')).optional(),
      staticRoutesOnly: z.boolean().optional().describe('Default false (BGP).'),
    })
    .describe('A site-to-site VPN on the TGW.');

  const region = object({
      availabilityZones: z
        .array(z.string())
        .describe('2 to 6 AZs, as AZ IDs (euw2-az1, preferred) or AZ names (eu-west-2a); not mixed.'),
      azSlots: z
        .int()
        .optional()
        .describe('How many AZs every VPC of the region is laid out for, so that adding an AZ later moves no subnet. Default: the number of AZs the region has (capped at 6). The wizard records it; once a network is deployed, keep it: changing it re-plans, and so replaces, every subnet.'),
      regionAvailabilityZones: z
        .array(z.string())
        .optional()
        .describe('Every AZ ID the region has, for a region or AZ that gwlb-blueprint does not know yet (launched after this version). Replaces the built-in list for this region; availabilityZones must come from it.'),
      transitGateway: object({
        account: name().describe('Owner of the hub TGW.'),
        amazonSideAsn: z.int().describe('Private ASN, unique across regions.'),
      }),
      fleets: named(fleet),
      egress,
      dmzs: named(dmz).optional(),
      spokes: named(spoke).optional(),
      inspection: z
        .strictObject({ eastWest: z.boolean().optional().describe('Spoke to spoke traffic goes through the fleet; default true.') })
        .optional(),
      internalCidrs: z
        .array(cidr('A private range routed back to the TGW after inspection.'))
        .optional()
        .describe('Default: the RFC 1918 supernets and every VPC CIDR of the blueprint outside them.'),
      vpnConnections: named(vpn).optional(),
      officeInternetThroughAws: z
        .boolean()
        .optional()
        .describe('Default false: the offices (every VPN of the region shares the TGW route table `onprem`) learn over BGP a route for each VPC CIDR reachable from the region and nothing else, so their internet traffic stays local. true: `onprem` also routes 0.0.0.0/0 to the egress VPC, the offices learn a default route, and their internet traffic leaves through this region\'s appliances and NAT gateways.'),
    })
    .describe('One AWS region of the network.');

  const state = object({
      backend: z.enum(['local', 's3']),
      bucket: z.string().optional(),
      region: z.string().optional(),
      keyPrefix: z.string().optional(),
    })
    .describe('Where each stack keeps its Terraform state; default a local backend inside the output folder.');

  const interRegion = object({
      inspection: z
        .enum(INTER_REGION_INSPECTION)
        .optional()
        .describe('every-region (default): each region\'s fleet inspects both directions of every flow leaving or entering it. once: each region pair is inspected by one region (the first in alphabetical order), whose fleet sees both directions.'),
      peerings: z
        .array(z.array(z.string()))
        .optional()
        .describe('Region pairs to peer, e.g. [["eu-west-2", "us-east-1"]]; default: every pair (a full mesh).'),
    })
    .describe('How the regions\' TGWs are peered and where inter-region traffic is inspected.');

  const centralFlowLogs = object({
      account: name().describe('The log-archive account that owns the bucket (an account of this blueprint). Nothing is deployed there: the hand-off README gives the bucket policy its owner applies. It needs no roleArn when nothing else uses it.'),
      bucket: z.string().describe('The S3 bucket every flow log is delivered to; it must exist, in the log-archive account.'),
      prefix: z
        .string()
        .optional()
        .describe('A folder in the bucket (no leading or trailing /, not AWSLogs): logs land under <prefix>/AWSLogs/<account>/. Default: the bucket root.'),
    })
    .describe('Central flow logs: every VPC\'s flow log (all traffic) and a flow log of every TGW go to one S3 bucket of a log-archive account, instead of CloudWatch Logs in each account. Turning it on for a deployed network replaces each VPC\'s flow log and destroys its CloudWatch log group, with the history it holds.');

  const postDeployChecks = object({
      account: name().describe('The account that creates and runs the Reachability Analyzer paths: the Organization\'s management account, or a delegated administrator for Reachability Analyzer (an account of this blueprint, inside the Organization).'),
    })
    .describe('Where `synth --post-deploy-checks` puts the AWS Reachability Analyzer paths that confirm the proof after deploy: a stack per region in this account.');

  const blueprint = object({
      $schema: z.string().optional().describe('Path or URL of blueprint.schema.json, for editors.'),
      name: name().describe('Prefix for every AWS Name tag and stack name.'),
      tags: z.record(z.string(), z.string()).optional().describe('Added to every taggable resource.'),
      accounts: named(account),
      regions: z
        .record(z.string().regex(REGION_PATTERN), region)
        .refine((regions) => Object.keys(regions).length > 0, { message: 'lists no region; a blueprint needs at least one' })
        .meta({ minProperties: 1 }),
      interRegion: interRegion.optional(),
      centralFlowLogs: centralFlowLogs.optional(),
      postDeployChecks: postDeployChecks.optional(),
      state: state.optional(),
    })
    .describe('A gwlb-blueprint network: TGW hub, GWLB inspection fleets, DMZs, spokes and VPNs.');

  return { blueprint, account, region, fleet, healthCheck, management, licensing, scaling, egress, dmz, spoke, vpn, state, interRegion, s3Endpoint, centralFlowLogs, postDeployChecks };
}

const strict = defineSchemas(z.strictObject);

export const blueprintSchema = strict.blueprint;
/** The same shape with unknown fields dropped instead of refused. */
export const lenientBlueprintSchema = defineSchemas(z.object as unknown as typeof z.strictObject).blueprint;

export type Blueprint = z.infer<typeof blueprintSchema>;
export type AccountSpec = z.infer<typeof strict.account>;
export type RegionSpec = z.infer<typeof strict.region>;
export type FleetSpec = z.infer<typeof strict.fleet>;
export type HealthCheckSpec = z.infer<typeof strict.healthCheck>;
export type ManagementSpec = z.infer<typeof strict.management>;
export type LicensingSpec = z.infer<typeof strict.licensing>;
export type ScalingSpec = z.infer<typeof strict.scaling>;
export type EgressSpec = z.infer<typeof strict.egress>;
export type DmzSpec = z.infer<typeof strict.dmz>;
export type S3EndpointSpec = z.infer<typeof strict.s3Endpoint>;
export type SpokeSpec = z.infer<typeof strict.spoke>;
export type VpnSpec = z.infer<typeof strict.vpn>;
export type StateSpec = z.infer<typeof strict.state>;
export type InterRegionSpec = z.infer<typeof strict.interRegion>;
export type CentralFlowLogsSpec = z.infer<typeof strict.centralFlowLogs>;
export type PostDeployChecksSpec = z.infer<typeof strict.postDeployChecks>;
export type Vendor = (typeof VENDORS)[number];
export type LicensingModel = (typeof LICENSING_MODELS)[number];
export type InitialPolicy = (typeof INITIAL_POLICIES)[number];
export type ScalingMetric = (typeof SCALING_METRICS)[number];
