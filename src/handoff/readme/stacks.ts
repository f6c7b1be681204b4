/**
 * "Stacks, in apply order": a table of every stack in the order to apply it,
 * then one section per stack with what it creates, the providers (accounts and
 * roles) it runs with, the stacks it reads and the outputs it offers. Built
 * from the stacks as written, so it matches what Terraform will see.
 */
import type { NetworkModel } from '../../blueprint/model';
import type { ProviderInfo, StackInfo } from '../stacks';
import type { ReadmeContext, Section } from './context';
import { createsOf } from './creates';
import { anchor, code, list, plural, table } from './markdown';
import { rolesOf, summaryOf, type StackRole } from './roles';

/** The heading of a stack's section; the apply-order table links to it by this same text. */
const headingOf = (s: StackInfo, i: number) => `${i + 1}. ${s.name}`;

export const stacks: Section = (ctx) => {
  const { model, stacks } = ctx;
  const role = rolesOf(model);
  const out = [
    '## Stacks, in apply order',
    '',
    'Each stack is one Terraform configuration with its own state. A stack reads the outputs of the stacks it depends on from their state, so apply them in this order (stacks with the same dependencies may go in parallel).',
    '',
  ];
  out.push(
    ...table(
      ['#', 'stack', 'account', 'region', 'after', 'what it holds'],
      stacks.map((s, i) => [
        `${i + 1}`,
        `[${code(s.name)}](#${anchor(headingOf(s, i))})`,
        ctx.accountLabel(ctx.homeOf(s)?.accountId),
        ctx.homeOf(s)?.region ?? '',
        s.dependencies.map(code).join(', '),
        summaryOf(role(s.name)),
      ]),
    ),
    '',
  );
  stacks.forEach((s, i) => out.push(...stackSection(ctx, s, headingOf(s, i), role(s.name))));
  return out;
};

function stackSection(ctx: ReadmeContext, s: StackInfo, heading: string, role: StackRole): string[] {
  const out = [`### ${heading}`, ''];
  out.push(`Folder ${code(s.dir)}, Terraform in ${code(s.file.slice(s.dir.length + 1))}${s.extraFiles.length > 0 ? `, with ${s.extraFiles.map(code).join(', ')} beside it` : ''}.`, '');
  out.push('**Creates**', '', ...createsOf(ctx, role).map((c) => `- ${c}`));
  const total = Object.values(s.resources).reduce((a, b) => a + b, 0);
  out.push(`- ${plural(total, 'resource')} in all: ${Object.entries(s.resources).map(([type, n]) => `${n} ${type}`).join(', ')}.`, '');
  out.push('**Providers**', '');
  for (const p of s.providers) out.push(`- ${providerLine(ctx, p, role)}`);
  out.push('');
  if (s.dependencies.length > 0) out.push(`**Reads** the outputs of ${list(s.dependencies.map(code))} (\`terraform_remote_state\`).`, '');
  out.push('**Outputs**', '');
  if (s.outputs.length === 0) out.push('- none');
  for (const o of s.outputs) out.push(`- ${code(o.name)}${o.description ? `: ${o.description}` : ''}${o.sensitive ? ' (sensitive)' : ''}`);
  out.push('');
  return out;
}

/** An aliased provider reaches into a second account; say why, since that is what a reviewer of cross-account access asks. */
function providerLine(ctx: ReadmeContext, p: ProviderInfo, role: StackRole): string {
  const name = p.alias ? code(`aws.${p.alias}`) : `${code('aws')} (default)`;
  const how = p.roleArn ? `assuming ${code(p.roleArn)}` : 'with the credentials Terraform runs with';
  const what = p.alias ? aliasPurpose(ctx.model, p, role) : '';
  return `${name}${what}: account ${ctx.accountLabel(p.accountId)}${p.region ? ` in ${p.region}` : ''}, ${how}.`;
}

function aliasPurpose(model: NetworkModel, p: ProviderInfo, role: StackRole): string {
  const tgwAccounts = model.regions.map((r) => model.accounts[r.transitGateway.account].id);
  const account = Object.values(model.accounts).find((a) => a.id === p.accountId);
  if (role.kind === 'hub' && account?.external) return ' (accepts the RAM share invitation)';
  if (role.kind === 'peering') return ' (the TGW account at the other end of the peering)';
  if (p.accountId && tgwAccounts.includes(p.accountId)) return ' (the TGW account: accepts, associates and propagates the attachment)';
  return '';
}
