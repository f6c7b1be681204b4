/**
 * Each vendor's user data: the template of `templates/bootstrap/<vendor>/` filled
 * with what the fleet knows at synth time, written beside the stack as a file
 * (`bootstrap/<fleet>.user-data`) so a reviewer reads it as the appliance will.
 * Secrets are never among the values, only the names of the parameter, secret or
 * bucket that hold them.
 */
import type { AvailabilityZone, FleetModel } from '../blueprint/model';
import { DATA_MTU } from '../blueprint/vendors';
import type { Lb } from '../cdk/aws';
import { Fn, type Construct, type TerraformProvider } from '../cdk/core';
import { readBootstrapTemplate, renderTemplate } from './bootstrap';
import { WHOLE_BUCKET } from './fleet-policy';
import { fortigateUserData } from './fortigate-user-data';

export interface FleetUserDataInputs {
  readonly name: string;
  readonly fleet: FleetModel;
  readonly region: string;
  readonly loadBalancer: Lb;
  readonly applianceSubnets: readonly { readonly az: AvailabilityZone; readonly subnetId: string }[];
  readonly provider?: TerraformProvider;
}

/** A file written beside the stack's Terraform. */
export interface StackFile {
  /** Path relative to the stack folder. */
  readonly file: string;
  readonly content: string;
}

export interface FleetUserData extends StackFile {
  /** The launch template's `user_data` expression (base64 of the file). */
  readonly userData: string;
  /** Other files for the team (Palo Alto's init-cfg.txt for the bucket). */
  readonly handOffFiles: readonly StackFile[];
  /** What the appliance reads from its bootstrap bucket: object keys, or WHOLE_BUCKET. */
  readonly bucketObjects: readonly string[];
}

/** Comment and blank lines out, for formats that have no comments. */
function withoutComments(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

export function fleetUserData(scope: Construct, inputs: FleetUserDataInputs): FleetUserData {
  const { fleet, name, region } = inputs;
  const common = { fleet: fleet.name, name, region, healthCheckPort: fleet.healthCheck.port, mtu: DATA_MTU };
  const templateName = `templates/bootstrap/${fleet.vendor}`;
  const file = `bootstrap/${fleet.name}.user-data`;
  const staticFile = (content: string, more: Partial<FleetUserData> = {}): FleetUserData => ({
    file,
    content,
    userData: Fn.filebase64(file),
    handOffFiles: [],
    bucketObjects: [],
    ...more,
  });
  switch (fleet.vendor) {
    case 'checkpoint':
    case 'generic': {
      const cme = fleet.management?.kind === 'cme' ? fleet.management : undefined;
      return staticFile(
        renderTemplate(readBootstrapTemplate(fleet.vendor), {
          ...common,
          bootstrapSecret: fleet.bootstrapSecret ?? '',
          bootstrapSecretSource: !fleet.bootstrapSecret ? 'none' : fleet.bootstrapSecret.includes(':secretsmanager:') ? 'secretsmanager' : 'ssm',
          cmeServer: cme?.server ?? '(none)',
          cmeTemplate: cme?.template ?? '(none)',
        }, templateName),
      );
    }
    case 'paloalto':
      return paloAltoUserData(fleet, common, templateName, staticFile);
    case 'fortinet':
      return fortigateUserData(scope, inputs, file);
  }
}

/**
 * VM-Series: `key=value` pairs joined by `;` in user data. Without a bucket they
 * are the whole basic configuration; with one, user data only points at the
 * bucket (and swaps interfaces before boot), and the package's init-cfg.txt,
 * which holds the Panorama auth key, is a hand-off file the team completes.
 */
function paloAltoUserData(
  fleet: FleetModel,
  common: Record<string, string | number>,
  templateName: string,
  staticFile: (content: string, more?: Partial<FleetUserData>) => FleetUserData,
): FleetUserData {
  const bucket = fleet.bootstrapBucket;
  const userData = withoutComments(
    renderTemplate(readBootstrapTemplate('paloalto'), {
      ...common,
      bootstrapBucketSetting: bucket ? `vmseries-bootstrap-aws-s3bucket=${bucket}` : '',
      // The bucket's init-cfg.txt carries these when there is one.
      inlineKeys: bucket
        ? ''
        : ['plugin-op-commands=aws-gwlb-inspect:enable', 'dhcp-send-hostname=yes', 'dhcp-send-client-id=yes', 'dhcp-accept-server-hostname=yes', 'dhcp-accept-server-domain=yes'].join('\n'),
    }, templateName),
  ).join(';');
  if (!bucket) return staticFile(userData);
  const panorama = fleet.management?.kind === 'panorama' ? fleet.management : undefined;
  const panoramaKeys = panorama
    ? [
        `panorama-server=${panorama.servers[0]}`,
        ...(panorama.servers[1] ? [`panorama-server-2=${panorama.servers[1]}`] : []),
        `tplname=${panorama.templateStack}`,
        `dgname=${panorama.deviceGroup}`,
      ].join('\n')
    : '';
  const initCfg = withoutComments(renderTemplate(readBootstrapTemplate('paloalto', 'init-cfg.txt'), { ...common, bootstrapBucket: bucket, panoramaKeys }, templateName)).join('\n');
  return staticFile(userData, {
    handOffFiles: [{ file: `bootstrap/${fleet.name}.init-cfg.txt`, content: `${initCfg}\n` }],
    bucketObjects: [WHOLE_BUCKET],
  });
}
