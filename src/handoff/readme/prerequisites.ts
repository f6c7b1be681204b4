/**
 * "Before you apply": what has to exist outside these stacks (credentials, RAM
 * sharing, Marketplace subscriptions, bootstrap secrets, quotas, the state
 * bucket). Each is something that makes an apply fail halfway if missing, so
 * the list is built from the model: only what this network actually needs.
 */
import type { FleetModel } from '../../blueprint/model';
import { vpcsOfRegion } from '../../blueprint/model';
import { VENDOR_PROFILES } from '../../blueprint/vendors';
import type { ReadmeContext, Section } from './context';
import { code, list, plural } from './markdown';

export const prerequisites: Section = (ctx) => ['## Before you apply', '', ...items(ctx).map((p, i) => `${i + 1}. ${p}`), ''];

function items(ctx: ReadmeContext): string[] {
  const { model } = ctx;
  const items: string[] = [];
  const roles = [...new Set(Object.values(model.accounts).flatMap((a) => (a.roleArn ? [a.roleArn] : [])))];
  items.push(
    `**Terraform 1.11 or later and AWS credentials** that ${roles.length > 0 ? `can assume ${list(roles.map(code))}` : `belong to account ${list(Object.values(model.accounts).map((a) => a.id))}`}. ` +
      'Every provider lists its account in `allowed_account_ids`, so credentials for the wrong account stop the run before it changes anything.',
  );
  for (const region of model.regions) {
    const tgw = region.transitGateway.account;
    // Accounts outside the Organization accept their shares by invitation (in the hub stack), so they need no Organization setting.
    const inOrg = [
      ...new Set([...vpcsOfRegion(region).map((v) => v.account).filter((a) => a !== tgw), ...region.dmzs.flatMap((d) => d.shareWith)]),
    ].filter((a) => !model.accounts[a].external);
    if (inOrg.length > 0) {
      items.push(
        `**RAM sharing with AWS Organizations enabled** (${region.code}): the TGW${region.dmzs.some((d) => d.shareWith.length > 0) ? ' and the shared DMZ subnets are' : ' is'} shared with ${list(inOrg)}. ` +
          'Run `aws ram enable-sharing-with-aws-organization` once in the Organization\'s management account; without it the shares wait for invitations that are never accepted and the attachments fail.',
      );
    }
  }
  if (model.centralFlowLogs) {
    items.push(
      `**The flow log bucket policy** on ${code(model.centralFlowLogs.bucket)} (account ${ctx.accountNamed(model.centralFlowLogs.account)}): see [Central flow logs](#central-flow-logs); without it every flow log fails to create.`,
    );
  }
  for (const region of model.regions.filter((r) => r.vpns.length > 0)) {
    const where = `account ${ctx.accountNamed(region.transitGateway.account)}, ${region.code}`;
    items.push(
      `**Office routers** (${list(region.vpns.map((v) => code(v.name)))}): they learn over BGP the AWS prefixes listed in [What the offices learn](#what-the-offices-learn)` +
        (region.onprem.internet ? ' and a default route, so their internet traffic comes through AWS' : ' and **no default route**: keep their own internet breakout') +
        '; static-routes offices need the same routes configured by hand.',
      `**Permissions for VPN tunnel logs** (${where}): the credentials Terraform runs with there need \`logs:CreateLogDelivery\`, \`logs:GetLogDelivery\`, \`logs:UpdateLogDelivery\`, \`logs:DeleteLogDelivery\`, \`logs:ListLogDeliveries\`, \`logs:PutResourcePolicy\`, \`logs:DescribeResourcePolicies\` and \`logs:DescribeLogGroups\`: the VPN service delivers the tunnel logs as the caller (docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-logs.html).`,
    );
  }
  for (const region of model.regions) {
    for (const f of region.fleets) {
      const where = `account ${ctx.accountNamed(f.account)}, ${region.code}`;
      if (f.vendor !== 'generic') {
        items.push(
          `**Marketplace subscription** for fleet ${code(f.name)}: in ${where}, subscribe to the ${VENDOR_PROFILES[f.vendor].displayName} listing that ${code(f.ami)} belongs to and accept its terms; until then the Auto Scaling group cannot launch instances.`,
        );
      } else {
        items.push(`**AMI** for fleet ${code(f.name)}: ${code(f.ami)} must exist in ${region.code} and be launchable from ${where}.`);
      }
      items.push(bootstrapItem(f, where));
    }
    const nat = region.egress.subnets.filter((s) => s.tier === 'public').length;
    const maxInstances = region.fleets.reduce((n, f) => n + f.maxSize, 0);
    items.push(
      `**Quotas** in ${region.code}, account ${ctx.accountNamed(region.egress.account)}: ${plural(nat, 'Elastic IP')} for the NAT gateways, and On-Demand vCPUs for up to ${plural(maxInstances, 'appliance')} (${region.fleets.map((f) => `${f.maxSize} × ${f.instanceType}`).join(', ')}).`,
    );
  }
  if (model.state.backend === 's3') {
    items.push(`**State bucket** ${code(model.state.bucket)} in ${model.state.region}, created beforehand (versioning on is recommended), readable and writable by the credentials Terraform runs with.`);
  }
  return items;
}

/** Each vendor bootstraps differently; without what the blueprint names, the appliances boot unconfigured, and the reader must know that. */
function bootstrapItem(f: FleetModel, where: string): string {
  const label = `**Bootstrap** of fleet ${code(f.name)}`;
  if (f.bootstrapSecret) {
    const kind = f.bootstrapSecret.includes(':secretsmanager:') ? 'Secrets Manager secret' : 'SSM SecureString parameter';
    const what = f.vendor === 'checkpoint' ? 'the SIC key the gateways register with' : 'the secret the appliances read at boot';
    return `${label}: create the ${kind} ${code(f.bootstrapSecret)} in ${where}, holding ${what}, before the appliances boot. Only its name is in the user data; the appliances' IAM role may read it.`;
  }
  if (f.bootstrapBucket) {
    const what = f.vendor === 'paloalto' ? 'the VM-Series bootstrap package (`config/init-cfg.txt`, `license/authcodes`, ...)' : 'the FortiOS configuration and license files';
    return `${label}: create the S3 bucket ${code(f.bootstrapBucket)} with ${what}; the appliances' IAM role may read it.`;
  }
  if (f.vendor === 'checkpoint') return `${label}: the blueprint names no \`bootstrapSecret\`, so the gateways boot without a SIC key; set one on each gateway by hand, or add a secret to the blueprint and regenerate.`;
  if (f.vendor === 'generic') return `${label}: the appliances boot from their AMI and the user data alone; no secret is needed.`;
  return `${label}: the blueprint names no \`bootstrapBucket\`, so the appliances boot with the user data alone (no license or policy); license and configure them by hand, or add a bucket to the blueprint and regenerate.`;
}
