/**
 * What each appliance vendor needs from the network, so a blueprint can leave it
 * out. Every value names the vendor file or document it comes from:
 * - Check Point: CheckPointSW/terraform-aws-cloudguard-network-security, modules/autoscale_gwlb
 *   (main.tf, asg_userdata.yaml), modules/gwlb (main.tf, gwlb_mgmt_bootstrap.tftpl),
 *   modules/load_balancer/main.tf.
 * - Palo Alto: PaloAltoNetworks/terraform-aws-swfw-modules, modules/asg/main.tf and variables.tf,
 *   modules/gwlb/main.tf, examples/centralized_design_autoscale/example.tfvars,
 *   examples/vmseries_standalone/main.tf; PaloAltoNetworks/terraform-aws-vmseries-modules
 *   issue #203 / PR #204 (IMDSv2 needs VM-Series plugin 3.0.0, PAN-OS 10.2+).
 * - Fortinet: fortinet/fortigate-terraform-deploy aws/7.4/gwlb-crossaz/fgtvm.conf,
 *   fortinetdev/terraform-aws-cloud-modules modules/fortigate/fgt_asg (main.tf, fgt-userdata.tftpl)
 *   and examples/spk_tgw_gwlb_asg_fgt_igw (fgt_config.conf, terraform.tfvars.txt); Fortinet
 *   AWS administration guide "Bootstrapping the FortiGate-VM at initial bootup using user data"
 *   (docs.fortinet.com/document/fortigate-public-cloud/7.0.0/aws-administration-guide/712355).
 * - generic: aws-samples/aws-gateway-load-balancer-tunnel-handler (gwlbtun, README: -p health port).
 */
import type { HealthCheckSpec, InitialPolicy, LicensingModel, ScalingMetric, Vendor } from './schema';

export interface ScalingDefaults {
  readonly metric: ScalingMetric;
  readonly targetValue: number;
}

export interface VendorProfile {
  readonly displayName: string;
  readonly healthCheck: Required<Pick<HealthCheckSpec, 'protocol' | 'port'>> & { readonly path?: string };
  /** TCP ports opened to `managementCidrs` only. */
  readonly managementPorts: readonly number[];
  readonly defaultInstanceType: string;
  /** Boot-to-policy time before ELB health checks may replace an instance. */
  readonly healthCheckGracePeriod: number;
  /** Network interfaces per appliance; the GWLB target is always device 0. */
  readonly networkInterfaces: 1 | 2;
  /** GWLB listener TCP idle timeout (s): the appliance's own TCP session timeout, so the GWLB never forgets a flow first. */
  readonly listenerIdleTimeout: number;
  readonly scaling: ScalingDefaults;
  /** CloudWatch namespace the image publishes its own metrics under (the instance role may write only there). */
  readonly metricNamespace: string;
  /** Licensing models the vendor's GWLB templates offer. */
  readonly licensing: readonly LicensingModel[];
  /** Initial policies the bootstrap can express for this vendor. */
  readonly initialPolicies: readonly InitialPolicy[];
  /** The management-plane entry of `fleets.*.management` that belongs to this vendor. */
  readonly management?: 'cme' | 'panorama' | 'fortiManager';
}

/**
 * The TCP ports a fleet opens to its managementCidrs: the vendor's, plus FGFM
 * (TCP 541), on which FortiManager reaches its FortiGates, when the fleet names one
 * (Fortinet "FortiGate open ports", docs.fortinet.com/document/fortigate/7.4.0/
 * administration-guide/... FortiManager FGFM 541).
 */
export function fleetManagementPorts(vendor: Vendor, fortiManager: boolean): readonly number[] {
  const ports = VENDOR_PROFILES[vendor].managementPorts;
  return vendor === 'fortinet' && fortiManager ? [...ports, 541] : ports;
}

/** GWLB carries 8500-byte packets plus GENEVE's header: data interfaces run at 9001 (DESIGN.md). */
export const DATA_MTU = 9001;

/** The S3 key of the FortiOS configuration object gwlb-blueprint writes into a FortiGate fleet's bootstrap bucket. */
export function fortigateConfigKey(fleet: string): string {
  return `gwlb-blueprint/${fleet}/fortigate.conf`;
}

export const VENDOR_PROFILES: Readonly<Record<Vendor, VendorProfile>> = {
  checkpoint: {
    displayName: 'Check Point CloudGuard Network Security',
    // modules/load_balancer/main.tf: a gateway load balancer's health check is TCP 8117.
    healthCheck: { protocol: 'TCP', port: 8117 },
    // SSH, Gaia portal, and what the Security Management Server opens to a gateway:
    // policy install (FWD 256), CPD 18191, AMON 18192, SIC certificate push 18211.
    managementPorts: [22, 443, 256, 18191, 18192, 18211],
    defaultInstanceType: 'c6in.xlarge',
    // modules/autoscale_gwlb/main.tf: health_check_grace_period = 3600.
    healthCheckGracePeriod: 3600,
    networkInterfaces: 1,
    // modules/gwlb/main.tf: tcp_idle_timeout = 3600 ("default tcp timeout 1 hour").
    listenerIdleTimeout: 3600,
    // modules/autoscale_gwlb/main.tf scales out above 80 % and in below 60 % CPU (AWS/EC2
    // CPUUtilization of the group): one target-tracking policy at the middle of that band.
    scaling: { metric: 'cpu', targetValue: 70 },
    metricNamespace: 'CloudGuard',
    // modules/autoscale_gwlb/variables.tf gateway_version "R81.20-BYOL" / "-PAYG-NGTP": BYOL is
    // licensed centrally by the management server, so nothing is read at boot.
    licensing: ['payg', 'byol'],
    // The gateway runs Check Point's initial policy until CME installs the template's policy
    // package (gwlb_mgmt_bootstrap.tftpl, autoprov_cfg -po): both choices are that package.
    initialPolicies: ['pass-and-log', 'deny-until-managed'],
    management: 'cme',
  },
  paloalto: {
    displayName: 'Palo Alto Networks VM-Series',
    // centralized_design_autoscale/example.tfvars: "Permit Port 80 Health Probe", modules/gwlb
    // health_check_port 80 TCP, answered by an interface management profile on ethernet1/1.
    healthCheck: { protocol: 'TCP', port: 80 },
    managementPorts: [22, 443],
    // centralized_design_autoscale/variables.tf: instance_type "m5.xlarge".
    defaultInstanceType: 'm5.xlarge',
    // centralized_design_autoscale/variables.tf instance_refresh example: instance_warmup 1200,
    // scaling_estimated_instance_warmup 900 (modules/asg/variables.tf).
    healthCheckGracePeriod: 900,
    // mgmt-interface-swap: the data ENI is device 0 (GWLB target), management is device 1.
    networkInterfaces: 2,
    // PAN-OS default TCP session timeout is 3600 s (Device > Setup > Session > Session Timeouts).
    listenerIdleTimeout: 3600,
    // centralized_design_autoscale/example.tfvars scaling_plan: metric_name "panSessionActive",
    // target_value 75, statistic Average, in the namespace the VM-Series plugin publishes to.
    scaling: { metric: 'sessions', targetValue: 75 },
    metricNamespace: 'VMseries',
    licensing: ['payg', 'byol'],
    initialPolicies: ['pass-and-log', 'deny-until-managed'],
    management: 'panorama',
  },
  fortinet: {
    displayName: 'Fortinet FortiGate',
    // `config system probe-response` in http-probe mode answers here (fgtvm.conf), keeping
    // HTTP admin off the data port.
    healthCheck: { protocol: 'TCP', port: 8008 },
    managementPorts: [22, 443],
    defaultInstanceType: 'c5.xlarge',
    healthCheckGracePeriod: 600,
    networkInterfaces: 1,
    // FortiOS `config system session-ttl`, default 3600 s.
    listenerIdleTimeout: 3600,
    // spk_tgw_gwlb_asg_fgt_igw/terraform.tfvars.txt scales out above 80 % and in below 30 %
    // CPU: one target-tracking policy at the middle of that band.
    scaling: { metric: 'cpu', targetValue: 55 },
    metricNamespace: 'FortiGate',
    // fgt_asg: license_type "on_demand" or "byol" (license files, or FortiFlex tokens).
    licensing: ['payg', 'byol', 'fortiflex'],
    initialPolicies: ['pass-and-log', 'deny-until-managed'],
    management: 'fortiManager',
  },
  generic: {
    displayName: 'Linux GENEVE appliance (gwlbtun)',
    healthCheck: { protocol: 'HTTP', port: 80, path: '/' },
    managementPorts: [22],
    defaultInstanceType: 'c6in.large',
    healthCheckGracePeriod: 300,
    networkInterfaces: 1,
    // Linux conntrack keeps established TCP flows for days: the GWLB's maximum less
    // than that would still drop long-idle flows, so the same hour as the firewalls.
    listenerIdleTimeout: 3600,
    scaling: { metric: 'cpu', targetValue: 70 },
    metricNamespace: 'gwlbtun',
    licensing: ['payg'],
    // gwlbtun's passthrough hook forwards everything; it has no policy to deny with.
    initialPolicies: ['pass-and-log'],
  },
};
