/**
 * What each appliance vendor needs from the network, so a blueprint can leave it
 * out. Values follow each vendor's own GWLB reference templates (Check Point
 * CloudGuardIaaS, Palo Alto terraform-aws-swfw-modules, Fortinet
 * fortigate-terraform-deploy, aws-gateway-load-balancer-tunnel-handler).
 */
import type { HealthCheckSpec, Vendor } from './schema';

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
}

export const VENDOR_PROFILES: Readonly<Record<Vendor, VendorProfile>> = {
  checkpoint: {
    displayName: 'Check Point CloudGuard Network Security',
    healthCheck: { protocol: 'TCP', port: 8117 },
    // SSH, Gaia portal, and what the Security Management Server opens to a gateway:
    // policy install (FWD 256), CPD 18191, AMON 18192, SIC certificate push 18211.
    managementPorts: [22, 443, 256, 18191, 18192, 18211],
    defaultInstanceType: 'c6in.xlarge',
    healthCheckGracePeriod: 3600,
    networkInterfaces: 1,
  },
  paloalto: {
    displayName: 'Palo Alto Networks VM-Series',
    // Answered by an interface management profile on ethernet1/1 (the data ENI).
    healthCheck: { protocol: 'TCP', port: 80 },
    managementPorts: [22, 443],
    defaultInstanceType: 'm5.xlarge',
    healthCheckGracePeriod: 900,
    // mgmt-interface-swap: the data ENI is device 0 (GWLB target), management is device 1.
    networkInterfaces: 2,
  },
  fortinet: {
    displayName: 'Fortinet FortiGate',
    // `config system probe-response` in http-probe mode answers here, keeping HTTP admin off the data port.
    healthCheck: { protocol: 'TCP', port: 8008 },
    managementPorts: [22, 443],
    defaultInstanceType: 'c5.xlarge',
    healthCheckGracePeriod: 600,
    networkInterfaces: 1,
  },
  generic: {
    displayName: 'Linux GENEVE appliance (gwlbtun)',
    healthCheck: { protocol: 'HTTP', port: 80, path: '/' },
    managementPorts: [22],
    defaultInstanceType: 'c6in.large',
    healthCheckGracePeriod: 300,
    networkInterfaces: 1,
  },
};
