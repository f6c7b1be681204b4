/**
 * FortiGate's boot configuration, after fortinet/fortigate-terraform-deploy
 * aws/7.4/gwlb-crossaz/fgtvm.conf and fortinetdev/terraform-aws-cloud-modules
 * examples/spk_tgw_gwlb_asg_fgt_igw/fgt_config.conf: one GENEVE tunnel per GWLB
 * node it may hear from (every AZ when cross-zone is on), addressed to that node's
 * interface IP, the tunnels in one zone, a hairpin router policy per tunnel, a
 * static route per tunnel (so reverse-path checks accept the inspected flows
 * without taking over the default route), and a firewall policy between the
 * tunnels so the implicit deny does not drop what the GWLB sends.
 *
 * The GWLB's interface IPs exist only once the GWLB does, so the configuration is
 * a Terraform template filled at apply time. Without a bootstrap bucket it is the
 * user data; with one, it is an object in the bucket (it holds no secret), and the
 * user data is FortiOS's S3 bootstrap pointer to it and to the license, which the
 * team uploads (Fortinet AWS administration guide, "Bootstrapping the FortiGate-VM
 * at initial bootup using user data": {"bucket", "region", "config", "license"}).
 */
import { DATA_MTU, fortigateConfigKey } from '../blueprint/vendors';
import { DataAwsNetworkInterface, S3Object } from '../cdk/aws';
import { Fn, type Construct } from '../cdk/core';
import { escapeForTerraformTemplate, readBootstrapTemplate, renderTemplate } from './bootstrap';
import type { FleetUserData, FleetUserDataInputs } from './fleet-user-data';
import { templateFileLiteral, terraformLiteral } from './terraform-literal';

export function fortigateUserData(scope: Construct, inputs: FleetUserDataInputs, file: string): FleetUserData {
  const { fleet } = inputs;
  const addresses: Record<string, string> = {};
  const tunnels: string[] = [];
  inputs.applianceSubnets.forEach(({ az, subnetId }) => {
    const gwlbInterface = new DataAwsNetworkInterface(scope, `gwlb_interface_${az.label}`, {
      provider: inputs.provider,
      filter: [
        { name: 'interface-type', values: ['gateway_load_balancer'] },
        { name: 'subnet-id', values: [subnetId] },
        { name: 'description', values: [`ELB gwy/${inputs.loadBalancer.name}/*`] },
      ],
      dependsOn: [inputs.loadBalancer],
    });
    addresses[`gwlb_ip_${az.label}`] = gwlbInterface.privateIp;
    tunnels.push(az.label);
  });
  const tunnel = (label: string) => `gwlb-${label}`;
  const management = fleet.management?.kind === 'fortiManager' ? fleet.management : undefined;
  // Every user string is data in the Terraform template (templatefile() renders it): escaped
  // after the template text itself, before the ${gwlb_ip_*} placeholders go in.
  const centralManagement = management
    ? [
        'config system central-management',
        '  set type fortimanager',
        `  set fmg "${templateFileLiteral(management.address)}"`,
        ...(management.serialNumber ? [`  set serial-number "${templateFileLiteral(management.serialNumber)}"`] : []),
        'end',
      ].join('\n')
    : '';
  const pass = fleet.initialPolicy === 'pass-and-log';
  const config = renderTemplate(
    escapeForTerraformTemplate(readBootstrapTemplate('fortinet')),
    {
      hostname: templateFileLiteral(inputs.name),
      healthCheckPort: fleet.healthCheck.port,
      mtu: DATA_MTU,
      geneveTunnels: tunnels
        .map((label) => `  edit "${tunnel(label)}"\n    set interface "port1"\n    set type ppp\n    set remote-ip \${gwlb_ip_${label}}\n  next`)
        .join('\n'),
      tunnelNames: tunnels.map((label) => `"${tunnel(label)}"`).join(' '),
      // fgt_config.conf: distance 5 (the DHCP default route's), priority 100 (never preferred).
      tunnelRoutes: tunnels.map((label, i) => `  edit ${i + 1}\n    set device "${tunnel(label)}"\n    set distance 5\n    set priority 100\n  next`).join('\n'),
      geneveHairpinPolicies: tunnels
        .map((label, i) => `  edit ${i + 1}\n    set input-device "${tunnel(label)}"\n    set output-device "${tunnel(label)}"\n  next`)
        .join('\n'),
      policyName: pass ? 'gwlb-pass-and-log' : 'gwlb-deny-until-managed',
      policyAction: pass ? 'accept' : 'deny',
      centralManagement,
    },
    'templates/bootstrap/fortinet',
  );
  const bucket = fleet.bootstrapBucket;
  if (!bucket) {
    const template = `${file}.tftpl`;
    return { file: template, content: config, userData: Fn.base64encode(Fn.templatefile(template, addresses)), handOffFiles: [], bucketObjects: [] };
  }
  const configTemplate = `bootstrap/${fleet.name}.fortigate.conf.tftpl`;
  const configKey = fortigateConfigKey(fleet.name);
  new S3Object(scope, 'bootstrap_config', {
    provider: inputs.provider,
    bucket: terraformLiteral(bucket),
    key: terraformLiteral(configKey),
    content: Fn.templatefile(configTemplate, addresses),
    contentType: 'text/plain',
    serverSideEncryption: 'AES256',
  });
  const license = fleet.licensing.object;
  const pointer = {
    bucket,
    region: inputs.region,
    config: `/${configKey}`,
    ...(license ? { license: `/${license}` } : {}),
  };
  return {
    file,
    content: `${JSON.stringify(pointer, null, 2)}\n`,
    userData: Fn.filebase64(file),
    // The configuration template is written beside the stack too: templatefile() reads it.
    handOffFiles: [{ file: configTemplate, content: config }],
    bucketObjects: [configKey, ...(license ? [license] : [])],
  };
}
