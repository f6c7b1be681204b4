/**
 * "Appliance fleets: what is left to do by hand": per fleet, the steps no
 * Terraform here can take (the management plane's side, licenses, the secrets
 * the appliances read at boot), each with the names gwlb-blueprint chose, so the
 * team can act on it without reading the stacks.
 */
import type { FleetModel, NetworkModel, RegionModel } from '../../blueprint/model';
import { DATA_MTU, fortigateConfigKey, VENDOR_PROFILES } from '../../blueprint/vendors';
import { regionPrefix } from '../../stacks/names';
import type { Section } from './context';
import { code } from './markdown';

export const fleets: Section = (ctx) => {
  const blocks = ctx.model.regions.flatMap((region) => region.fleets.map((fleet) => fleetBlock(ctx.model, region, fleet)));
  return ['## Appliance fleets: what is left to do by hand', '', ...blocks.flat()];
};

function fleetBlock(model: NetworkModel, region: RegionModel, f: FleetModel): string[] {
  const name = `${regionPrefix(model, region)}-${f.name}`;
  const stack = `${regionPrefix(model, region)}-egress`;
  const steps = [...vendorSteps(f, name, stack, region), ...commonSteps(f, name, region)];
  return [
    `### Fleet ${code(f.name)} (${VENDOR_PROFILES[f.vendor].displayName}, ${region.code})`,
    '',
    `Auto Scaling group ${code(name)}, ${f.minSize} to ${f.maxSize} appliances; initial policy ${code(f.initialPolicy)}; ` +
      `GWLB listener idle timeout ${f.listenerIdleTimeout} s; ${f.imdsV1Exception ? `IMDSv1 accepted by exception (${f.imdsV1Exception})` : 'IMDSv2 required'}.`,
    '',
    ...steps.map((s, i) => `${i + 1}. ${s}`),
    '',
  ];
}

function policyPhrase(f: FleetModel): string {
  return f.initialPolicy === 'pass-and-log' ? 'accepts and logs all traffic (initialPolicy pass-and-log)' : 'drops and logs all traffic until you add rules (initialPolicy deny-until-managed)';
}

function vendorSteps(f: FleetModel, name: string, stack: string, region: RegionModel): string[] {
  const m = f.management;
  switch (f.vendor) {
    case 'checkpoint': {
      if (m?.kind !== 'cme') return ['**No management plane**: the gateways carry no CME tags, so no management server provisions them and they keep Check Point\'s initial policy. Add `management.cme` to the blueprint and regenerate.'];
      return [
        `**CME on ${code(m.server)}**: on that Security Management Server, create the CME configuration template ${code(m.template)} for an AWS controller of this account and ${region.code}, with the SIC key stored in ${f.bootstrapSecret ? code(f.bootstrapSecret) : 'the secret the blueprint does not name yet (`bootstrapSecret`)'}, and a policy package that ${policyPhrase(f)} (CheckPointSW/terraform-aws-cloudguard-network-security: \`autoprov_cfg init AWS -mn ${m.server} -tn ${m.template} -otp <SIC key> -po <policy> ...\`).`,
        `**Provisioning**: CME finds the gateways by the tag ${code(`x-chkp-tags=management=${m.server}:template=${m.template}:ip-address=${m.provisionAddress}`)} that the group propagates; the management server must reach their ${m.provisionAddress} addresses on TCP 18191, 18211 and 256 (it must lie in \`managementCidrs\`).`,
      ];
    }
    case 'paloalto': {
      const steps: string[] = [];
      if (f.bootstrapBucket) {
        steps.push(
          `**Bootstrap package** in ${code(`s3://${f.bootstrapBucket}`)}: create the folders \`config/\`, \`content/\`, \`license/\`, \`software/\` (and optionally \`plugins/\`); upload ${code(`bootstrap/${f.name}.init-cfg.txt`)} from the ${code(stack)} stack folder as \`config/init-cfg.txt\`${m?.kind === 'panorama' ? ' after adding the line `auth-key=<device registration auth key from Panorama>` (the key is never in Terraform or user data)' : ''}.`,
        );
      }
      if (f.licensing.model === 'byol') steps.push(`**License**: put your auth codes in ${code(`s3://${f.bootstrapBucket}/license/authcodes`)}, one per line.`);
      if (m?.kind === 'panorama') {
        steps.push(
          `**Panorama ${m.servers.map(code).join(' / ')}**: template stack ${code(m.templateStack)} must make ethernet1/1 a DHCP layer-3 interface in a zone with MTU ${DATA_MTU}, answer the GWLB health check on TCP ${f.healthCheck.port} (an interface management profile), and device group ${code(m.deviceGroup)} must hold a rule that ${policyPhrase(f)}.`,
        );
      } else {
        steps.push('**No management plane**: without `management.panorama` the firewalls boot with no zones or rules and pass no traffic until configured by hand.');
      }
      if (f.scaling.metric === 'sessions') {
        steps.push(`**Scaling metric**: enable the VM-Series plugin's CloudWatch publishing to namespace ${code(f.scaling.namespace)}; the target-tracking policy ${code(`${name}-sessions`)} follows \`panSessionActive\` there (target ${f.scaling.targetValue}) and cannot scale without it.`);
      }
      return steps;
    }
    case 'fortinet': {
      const steps: string[] = [];
      if (f.bootstrapBucket) {
        steps.push(`**Bootstrap bucket** ${code(f.bootstrapBucket)}: the ${code(stack)} stack writes the configuration object ${code(fortigateConfigKey(f.name))} into it (it holds no secret), so the credentials that apply it need \`s3:PutObject\` there.`);
      }
      if (f.licensing.model !== 'payg') {
        const what = f.licensing.model === 'fortiflex' ? 'a file holding `LICENSE-TOKEN:<FortiFlex token>`' : 'the FortiGate-VM license file';
        steps.push(`**License**: upload ${what} as ${code(`s3://${f.bootstrapBucket}/${f.licensing.object}`)}. Every FortiGate reads that one object, and a license or token serves one VM: beyond one appliance, let FortiManager assign licenses or use PAYG.`);
      }
      steps.push(`**Boot configuration** (user data or bucket object): GENEVE tunnels to each AZ's GWLB interface in zone \`gwlb\`, MTU ${DATA_MTU} on port1, and firewall policy 1 that ${policyPhrase(f)}.`);
      if (m?.kind === 'fortiManager') {
        steps.push(`**FortiManager ${code(m.address)}**: authorize the FortiGates as they register (FGFM, TCP 541, open from \`managementCidrs\`), then install your policy package over policy 1.`);
      }
      return steps;
    }
    case 'generic':
      return ['**Lab appliance**: gwlbtun mirrors every packet back unchanged; it inspects nothing. Use it to test the network, not to protect it.'];
  }
}

function commonSteps(f: FleetModel, name: string, region: RegionModel): string[] {
  const alarms = region.azs.map((az) => code(`${name}-unhealthy-appliances-${az.label}`)).join(', ');
  return [
    f.alarmTopicArn
      ? `**Alarms** ${alarms} notify ${code(f.alarmTopicArn)}: create that topic beforehand (if it is KMS-encrypted, its key must allow \`cloudwatch.amazonaws.com\`) and subscribe the on-call team.`
      : `**Alarms** ${alarms} notify nobody: set \`alarmTopicArn\` to an SNS topic and regenerate.`,
  ];
}
