/**
 * Each vendor's user data: the template of `templates/bootstrap/<vendor>/` filled
 * with what the fleet knows at synth time, written beside the stack as a file
 * (`bootstrap/<fleet>.user-data`) so a reviewer reads it as the appliance will.
 * Secrets are never among the values, only the names of the parameter, secret or
 * bucket that hold them.
 */
import type { AvailabilityZone, FleetModel } from '../blueprint/model';
import { DataAwsNetworkInterface, type Lb } from '../cdk/aws';
import { Fn, type Construct, type TerraformProvider } from '../cdk/core';
import { escapeForTerraformTemplate, readBootstrapTemplate, renderTemplate } from './bootstrap';

export interface FleetUserDataInputs {
  readonly name: string;
  readonly fleet: FleetModel;
  readonly region: string;
  readonly loadBalancer: Lb;
  readonly applianceSubnets: readonly { readonly az: AvailabilityZone; readonly subnetId: string }[];
  readonly provider?: TerraformProvider;
}

export interface FleetUserData {
  /** Path of the file relative to the stack folder. */
  readonly file: string;
  readonly content: string;
  /** The launch template's `user_data` expression (base64 of the file). */
  readonly userData: string;
}

export function fleetUserData(scope: Construct, inputs: FleetUserDataInputs): FleetUserData {
  const { fleet, name, region } = inputs;
  const common = { fleet: fleet.name, name, region, healthCheckPort: fleet.healthCheck.port };
  const templateName = `templates/bootstrap/${fleet.vendor}`;
  const staticFile = (content: string): FleetUserData => {
    const file = `bootstrap/${fleet.name}.user-data`;
    return { file, content, userData: Fn.filebase64(file) };
  };
  switch (fleet.vendor) {
    case 'checkpoint':
    case 'generic':
      return staticFile(
        renderTemplate(readBootstrapTemplate(fleet.vendor), {
          ...common,
          bootstrapSecret: fleet.bootstrapSecret ?? '',
          bootstrapSecretSource: !fleet.bootstrapSecret ? 'none' : fleet.bootstrapSecret.includes(':secretsmanager:') ? 'secretsmanager' : 'ssm',
        }, templateName),
      );
    case 'paloalto':
      return staticFile(
        renderTemplate(readBootstrapTemplate('paloalto'), {
          ...common,
          bootstrapBucketSetting: fleet.bootstrapBucket ? `vmseries-bootstrap-aws-s3bucket=${fleet.bootstrapBucket}` : '',
        }, templateName)
          .split('\n')
          .filter((line) => line.trim() !== '' && !line.startsWith('#'))
          .join(';'),
      );
    case 'fortinet':
      if (fleet.bootstrapBucket) {
        return staticFile(renderTemplate(readBootstrapTemplate('fortinet', 'user-data-s3.json'), { bootstrapBucket: fleet.bootstrapBucket, region }, templateName));
      }
      return fortinetInline(scope, inputs, common);
  }
}

/**
 * FortiOS needs one GENEVE tunnel per GWLB node it may hear from (every AZ when
 * cross-zone is on), addressed to that node's interface IP. Those IPs exist only
 * once the GWLB does, so the file is a Terraform template filled at apply time
 * from the GWLB's interface in each subnet.
 */
function fortinetInline(scope: Construct, inputs: FleetUserDataInputs, common: Record<string, string | number>): FleetUserData {
  const tunnels: string[] = [];
  const policies: string[] = [];
  const addresses: Record<string, string> = {};
  inputs.applianceSubnets.forEach(({ az, subnetId }, i) => {
    const gwlbInterface = new DataAwsNetworkInterface(scope, `gwlb_interface_${az.label}`, {
      provider: inputs.provider,
      filter: [
        { name: 'interface-type', values: ['gateway_load_balancer'] },
        { name: 'subnet-id', values: [subnetId] },
        { name: 'description', values: [`ELB gwy/${inputs.loadBalancer.name}/*`] },
      ],
      dependsOn: [inputs.loadBalancer],
    });
    const tunnel = `gwlb-${az.label}`;
    const variable = `gwlb_ip_${az.label}`;
    addresses[variable] = gwlbInterface.privateIp;
    tunnels.push(`  edit "${tunnel}"\n    set interface "port1"\n    set type ppp\n    set remote-ip \${${variable}}\n  next`);
    policies.push(`  edit ${i + 1}\n    set input-device "${tunnel}"\n    set output-device "${tunnel}"\n  next`);
  });
  const content = renderTemplate(
    escapeForTerraformTemplate(readBootstrapTemplate('fortinet')),
    { ...Object.fromEntries(Object.entries(common).map(([k, v]) => [k, typeof v === 'string' ? escapeForTerraformTemplate(v) : v])), geneveTunnels: tunnels.join('\n'), geneveHairpinPolicies: policies.join('\n') },
    'templates/bootstrap/fortinet',
  );
  const file = `bootstrap/${inputs.fleet.name}.user-data.tftpl`;
  return { file, content, userData: Fn.base64encode(Fn.templatefile(file, addresses)) };
}
