/**
 * The README written beside the synthesized stacks: everything an engineer who
 * has never seen gwlb-blueprint needs to review and apply them with plain
 * Terraform. Built from the network model and from the stacks as written (their
 * manifest dependencies, providers, backends and outputs), never from fixed text
 * about a network. Deterministic: it is part of the golden output.
 */
import type { Tier } from '../blueprint/address-plan';
import type { FleetModel, NetworkModel, RegionModel, VpcModel } from '../blueprint/model';
import { peeringsOf, vpcsOfRegion } from '../blueprint/model';
import { VENDOR_PROFILES } from '../blueprint/vendors';
import { hubStackName, peeringStackName, vpcStackName } from '../stacks/names';
import { INTENT_FILE, intentOf, type FlowPolicy } from '../verify/intent';
import type { ProviderInfo, StackInfo } from './stacks';

export const README_FILE = 'README.md';

export interface ReadmeInputs {
  readonly model: NetworkModel;
  /** In apply order (readStacks). */
  readonly stacks: readonly StackInfo[];
  /** Mermaid source of the topology (renderMermaid). */
  readonly diagram: string;
  /** File name of the diagram beside the README. */
  readonly diagramFile?: string;
}

/** What a stack is, in model terms. */
type StackRole =
  | { readonly kind: 'hub'; readonly region: RegionModel }
  | { readonly kind: 'vpc'; readonly region: RegionModel; readonly vpc: VpcModel }
  | { readonly kind: 'peering'; readonly requester: string; readonly accepter: string; readonly inspectedBy: readonly string[] }
  | { readonly kind: 'other' };

function rolesOf(model: NetworkModel): Map<string, StackRole> {
  const roles = new Map<string, StackRole>();
  for (const region of model.regions) {
    roles.set(hubStackName(model, region), { kind: 'hub', region });
    for (const vpc of vpcsOfRegion(region)) roles.set(vpcStackName(model, region, vpc), { kind: 'vpc', region, vpc });
  }
  for (const p of model.interRegion?.peerings ?? []) {
    roles.set(peeringStackName(model, p), { kind: 'peering', requester: p.requester, accepter: p.accepter, inspectedBy: p.inspectedBy });
  }
  return roles;
}

const code = (text: string) => `\`${text}\``;
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const list = (items: readonly string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
/** A Markdown table cell: pipes escaped, never empty. */
const cell = (text: string) => (text === '' ? '–' : text.replace(/\|/g, '\\|'));

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

export function renderReadme(inputs: ReadmeInputs): string {
  const { model, stacks } = inputs;
  const roles = rolesOf(model);
  const role = (stack: string): StackRole => roles.get(stack) ?? { kind: 'other' };
  const accountById = new Map(Object.values(model.accounts).map((a) => [a.id, a]));
  const accountLabel = (id: string | undefined) => {
    const account = id ? accountById.get(id) : undefined;
    return account ? `${account.name} (${account.id})` : (id ?? 'the caller\'s account');
  };
  const homeOf = (s: StackInfo) => s.providers.find((p) => p.alias === undefined);
  const fleets = model.regions.flatMap((r) => r.fleets);
  const vendors = [...new Set(fleets.map((f) => VENDOR_PROFILES[f.vendor].displayName))];
  const out: string[] = [];
  const add = (...lines: string[]) => out.push(...lines);

  // --- title and summary
  add(`# ${model.name}: AWS network with appliance inspection`, '');
  add(
    `Terraform for the ${code(model.name)} network, written by [gwlb-blueprint](https://www.npmjs.com/package/gwlb-blueprint) from its blueprint. ` +
      'Do not edit these files by hand: change the blueprint and regenerate them ([Regenerating](#regenerating)).',
    '',
  );
  add(
    `**In short:** ${plural(model.regions.length, 'region')} (${list(model.regions.map((r) => r.code))}), ` +
      `${plural(Object.keys(model.accounts).length, 'AWS account')}, ${plural(stacks.length, 'Terraform stack')}. ` +
      `Every spoke, DMZ and office is attached to a Transit Gateway that sends its traffic through ${fleets.length === 1 ? 'an appliance fleet' : 'appliance fleets'} ` +
      `(${list(vendors)}) behind a Gateway Load Balancer before it reaches the internet, another VPC or an office; ` +
      'internet traffic to the DMZs is inspected at their internet gateway.',
    '',
  );

  // --- network
  add('## The network', '', '### Accounts', '');
  add(
    ...table(
      ['account', 'ID', 'Terraform works in it by', 'home account of'],
      Object.values(model.accounts).map((a) => [
        `${a.name}${a.external ? ' (outside the Organization)' : ''}`,
        a.id,
        a.roleArn ? `assuming ${code(a.roleArn)}` : 'the credentials Terraform runs with (no role)',
        stacks
          .filter((s) => homeOf(s)?.accountId === a.id)
          .map((s) => code(s.name))
          .join(', '),
      ]),
    ),
    '',
  );
  for (const region of model.regions) {
    add(`### Region ${region.code}`, '');
    const kind = region.azs[0]?.kind === 'id' ? 'AZ IDs, the same physical zones in every account' : 'AZ names';
    add(`- **Availability Zones:** ${region.azs.map((a) => code(a.value)).join(', ')} (${kind}).`);
    add(`- **Transit Gateway:** in account ${accountLabel(model.accounts[region.transitGateway.account].id)}, Amazon-side ASN ${region.transitGateway.amazonSideAsn}; route tables ${code('spokes')} (spokes and DMZs), ${code('onprem')} (VPNs) and ${code('inspection')} (the egress VPC).`);
    add(`- **East-west traffic** (spoke ↔ spoke, DMZ ↔ spoke): ${region.eastWest ? 'inspected' : '**not inspected** (direct through the TGW; `inspection.eastWest` is false)'}.`);
    add(`- **Internal ranges** (sent back to the TGW after inspection, never out through NAT): ${region.internalCidrs.map(code).join(', ')}.`, '');
    add(
      ...table(
        ['fleet', 'appliance', 'AMI', 'instances', 'health check', 'inspects'],
        region.fleets.map((f) => [
          f.name,
          VENDOR_PROFILES[f.vendor].displayName,
          code(f.ami),
          `${f.instanceType} × ${f.minSize}–${f.maxSize} (desired ${f.desiredCapacity})`,
          `${f.healthCheck.protocol} ${f.healthCheck.port}${f.healthCheck.path ?? ''}`,
          inspectedVpcs(region, f).join(', '),
        ]),
      ),
      '',
    );
    add(
      ...table(
        ['VPC', 'kind', 'account', 'CIDR', 'inspected by fleet', 'stack'],
        vpcsOfRegion(region).map((v) => [
          v.name,
          v.role === 'dmz' && v.shareWith.length > 0 ? `DMZ, subnets shared with ${v.shareWith.join(', ')}` : v.role === 'dmz' ? 'DMZ' : v.role,
          accountLabel(model.accounts[v.account].id),
          code(v.cidr),
          v.role === 'spoke' ? `${region.egress.fleet} (at the egress VPC)` : (v.fleet ?? ''),
          code(vpcStackName(model, region, v)),
        ]),
      ),
      '',
    );
    if (region.vpns.length > 0) {
      add(
        ...table(
          ['VPN', 'customer gateway', 'routing', 'on-premises prefixes'],
          region.vpns.map((v) => [v.name, code(v.customerGatewayIp), v.staticRoutesOnly ? 'static routes' : `BGP, customer ASN ${v.bgpAsn}`, v.cidrs.map(code).join(', ') || 'learned over BGP']),
        ),
        '',
      );
    }
  }
  const peerings = model.interRegion?.peerings ?? [];
  if (peerings.length > 0) {
    add('### Between regions', '');
    for (const p of peerings) add(`- TGW peering ${p.requester} ↔ ${p.accepter}; traffic between them is inspected in ${list(p.inspectedBy)}.`);
    add('');
  }

  // --- topology
  add('## Topology', '');
  add('```mermaid', inputs.diagram.trimEnd(), '```', '');
  add(
    'Thick red arrows: inspected paths. Red dotted arrows: GENEVE (UDP 6081) between GWLB endpoints and the fleet\'s Gateway Load Balancer. ' +
      'Grey dashed arrow: inspected traffic for internal destinations going back to the TGW, whose `inspection` table routes it to the right attachment.' +
      (inputs.diagramFile
        ? ` The same diagram is in ${code(inputs.diagramFile)}; \`gwlb-blueprint diagram -b <blueprint> -o diagram.svg\` draws it as SVG where Chromium is installed.`
        : ''),
    '',
  );

  // --- flows
  add('## Inspected flows', '');
  add(`${code(INTENT_FILE)} records this intent; ${code('npx gwlb-blueprint verify .')} traces every flow through these Terraform files, both directions and every AZ, and fails if one is not inspected as stated.`, '');
  const intent = intentOf(model);
  for (const region of model.regions) {
    const flows = intent.regions[region.code]?.flows ?? {};
    if (model.regions.length > 1) add(`**${region.code}**`, '');
    add(
      ...table(
        ['flow', 'policy', 'path'],
        [
          ...Object.entries(flows)
            .filter(([cls]) => FLOW_PATHS[cls] !== undefined)
            .map(([cls, policy]) => [FLOW_TITLES[cls] ?? cls, policyText(policy as FlowPolicy, cls, region), FLOW_PATHS[cls](region, policy as FlowPolicy)]),
          ...peeringsOf(model, region.code).map(({ peering, peer }) => [
            `${region.code} ↔ ${peer}`,
            `inspected in ${list(peering.inspectedBy)}`,
            `VPC or office → TGW → ${peering.inspectedBy.includes(region.code) ? 'egress VPC → appliance → ' : ''}TGW peering → ${peer} TGW → ${peering.inspectedBy.includes(peer) ? 'egress VPC → appliance → ' : ''}destination`,
          ]),
        ],
      ),
      '',
    );
  }

  // --- prerequisites
  add('## Before you apply', '');
  prerequisites(model, accountLabel).forEach((p, i) => add(`${i + 1}. ${p}`));
  add('');

  // --- stacks
  add('## Stacks, in apply order', '');
  add('Each stack is one Terraform configuration with its own state. A stack reads the outputs of the stacks it depends on from their state, so apply them in this order (stacks with the same dependencies may go in parallel).', '');
  add(
    ...table(
      ['#', 'stack', 'account', 'region', 'after', 'what it holds'],
      stacks.map((s, i) => [
        `${i + 1}`,
        `[${code(s.name)}](#${anchor(`${i + 1}. ${s.name}`)})`,
        accountLabel(homeOf(s)?.accountId),
        homeOf(s)?.region ?? '',
        s.dependencies.map(code).join(', '),
        summaryOf(role(s.name)),
      ]),
    ),
    '',
  );
  stacks.forEach((s, i) => {
    add(`### ${i + 1}. ${s.name}`, '');
    add(`Folder ${code(s.dir)}, Terraform in ${code(s.file.slice(s.dir.length + 1))}${s.extraFiles.length > 0 ? `, with ${s.extraFiles.map(code).join(', ')} beside it` : ''}.`, '');
    add('**Creates**', '', ...createsOf(model, role(s.name)).map((c) => `- ${c}`));
    const total = Object.values(s.resources).reduce((a, b) => a + b, 0);
    add(`- ${plural(total, 'resource')} in all: ${Object.entries(s.resources).map(([type, n]) => `${n} ${type}`).join(', ')}.`, '');
    add('**Providers**', '');
    for (const p of s.providers) add(`- ${providerLine(p, role(s.name), model, accountLabel)}`);
    add('');
    if (s.dependencies.length > 0) add(`**Reads** the outputs of ${list(s.dependencies.map(code))} (\`terraform_remote_state\`).`, '');
    add('**Outputs**', '');
    if (s.outputs.length === 0) add('- none');
    for (const o of s.outputs) add(`- ${code(o.name)}${o.description ? `: ${o.description}` : ''}${o.sensitive ? ' (sensitive)' : ''}`);
    add('');
  });

  // --- applying
  add('## Applying with plain Terraform', '');
  add('From this folder, one stack after the other, in the order above (review each plan before applying it):', '');
  add('```sh');
  for (const s of stacks) add(`(cd ${s.dir} && terraform init && terraform plan -out=tfplan && terraform apply tfplan)`);
  add('```', '');
  const withFiles = stacks.filter((s) => s.extraFiles.length > 0);
  add(
    '- Run Terraform inside each stack\'s folder: the state path and the files a stack reads are relative to it.',
    ...withFiles.map((s) => `- Keep ${s.extraFiles.map(code).join(', ')} beside ${code(s.file)}: ${s.extraFiles.some((f) => f.startsWith('bootstrap/')) ? 'the launch template reads the appliances\' user data from it at plan time' : 'the stack reads it at plan time'}.`),
    '- A stack plans only once the stacks it depends on are applied: it reads their outputs from their state.',
    '- To tear down, `terraform destroy` the stacks in the reverse order.',
    '- Terraform 1.10 or later; the stacks pin the AWS provider version they were written for (`required_providers`).',
    '- From the cdktf project that produced this folder, `npx cdktf deploy \'*\'` applies the same stacks in the same order.',
    '',
  );

  // --- state
  add('## State', '');
  add(...stateSection(model, stacks), '');

  // --- address plan
  add('## Address plan', '');
  add('Every subnet is carved from its own VPC\'s CIDR by tier and AZ position only: adding or removing another VPC never moves it.', '');
  for (const region of model.regions) {
    for (const vpc of vpcsOfRegion(region)) {
      add(`**${region.code} · ${vpc.role === 'egress' ? 'egress' : `${vpc.role} ${vpc.name}`}** (${vpc.account}, ${code(vpc.cidr)})`, '');
      const tiers = [...new Set(vpc.subnets.map((s) => s.tier))];
      add(
        ...table(
          ['tier', ...region.azs.map((a) => a.value)],
          tiers.map((t) => [`${t} (${tierNote(vpc, t)})`, ...region.azs.map((a) => code(vpc.subnets.find((s) => s.tier === t && s.az.index === a.index)?.cidr ?? ''))]),
        ),
        '',
      );
    }
  }

  // --- regenerating
  add('## Regenerating', '');
  add(
    'Change the blueprint, then rewrite this folder and check it:',
    '',
    '```sh',
    'npx gwlb-blueprint synth -b blueprint.json -o <this folder> --force   # keeps state/',
    'npx gwlb-blueprint verify <this folder>',
    '```',
    '',
    'Stack names, resource addresses and subnet CIDRs derive from blueprint names only, so a plan after regenerating shows changes only where the blueprint changed.',
  );
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

const TIER_NOTES: Readonly<Record<Tier, string>> = {
  tgw: 'TGW attachment',
  gwlbe: 'GWLB endpoints',
  appliance: 'GWLB and appliances',
  public: 'NAT gateways',
  app: 'applications',
  workload: 'workloads',
};

function tierNote(vpc: VpcModel, tier: Tier): string {
  return vpc.role === 'dmz' && tier === 'public' ? 'ALBs' : TIER_NOTES[tier];
}

function inspectedVpcs(region: RegionModel, fleet: FleetModel): string[] {
  const list: string[] = [];
  if (region.egress.fleet === fleet.name) list.push('egress and east-west', ...(region.vpns.length > 0 ? ['VPNs'] : []));
  for (const d of region.dmzs) if (d.fleet === fleet.name) list.push(`DMZ ${d.name}`);
  return list;
}

const FLOW_TITLES: Record<string, string> = {
  'spoke-internet': 'spoke → internet',
  'dmz-internet': 'DMZ app → internet',
  'internet-dmz': 'internet → DMZ public subnets',
  'spoke-spoke': 'spoke ↔ spoke',
  'dmz-spoke': 'DMZ ↔ spoke',
  'vpn-spoke': 'office (VPN) ↔ spoke',
};

function policyText(policy: FlowPolicy, cls: string, region: RegionModel): string {
  if (policy === 'direct') return 'not inspected';
  if (cls === 'internet-dmz') return `inspected by ${[...new Set(region.dmzs.map((d) => d.fleet!))].join(', ') || 'the DMZ fleet'}`;
  return `inspected by ${region.egress.fleet}`;
}

const VIA_EGRESS = 'egress VPC (TGW attachment in appliance mode) → GWLB endpoint → appliance → GWLB endpoint';

const FLOW_PATHS: Record<string, (region: RegionModel, policy: FlowPolicy) => string> = {
  'spoke-internet': () => `workload subnet → TGW \`spokes\` table → ${VIA_EGRESS} → NAT gateway → internet; replies come back through the same AZ's endpoint`,
  'dmz-internet': () => `app subnet → TGW \`spokes\` table → ${VIA_EGRESS} → NAT gateway → internet`,
  'internet-dmz': () => 'internet → DMZ internet gateway (edge route table) → GWLB endpoint of the same AZ → appliance → public subnet (ALB); replies leave through the same endpoint',
  'spoke-spoke': (_r, p) => (p === 'direct' ? 'workload subnet → TGW `spokes` table (propagated routes) → other spoke' : `workload subnet → TGW \`spokes\` table → ${VIA_EGRESS} → TGW \`inspection\` table → other spoke`),
  'dmz-spoke': (_r, p) => (p === 'direct' ? 'app subnet → TGW `spokes` table (propagated routes) → spoke' : `app subnet → TGW \`spokes\` table → ${VIA_EGRESS} → TGW \`inspection\` table → spoke, and back the same way`),
  'vpn-spoke': (r) =>
    r.vpns.length === 0
      ? 'no VPN in this region'
      : `office → VPN → TGW \`onprem\` table → ${VIA_EGRESS} → TGW \`inspection\` table → spoke; replies through the \`spokes\` table and the same appliance path`,
};

function summaryOf(role: StackRole): string {
  switch (role.kind) {
    case 'hub':
      return `Transit Gateway, its route tables${role.region.vpns.length > 0 ? `, ${plural(role.region.vpns.length, 'VPN')}` : ''}`;
    case 'vpc':
      if (role.vpc.role === 'egress') return `egress VPC, ${plural(role.region.fleets.length, 'appliance fleet')}, NAT`;
      return role.vpc.role === 'dmz' ? `DMZ VPC ${role.vpc.name}` : `spoke VPC ${role.vpc.name}`;
    case 'peering':
      return `TGW peering ${role.requester} ↔ ${role.accepter}`;
    default:
      return '';
  }
}

function createsOf(model: NetworkModel, role: StackRole): string[] {
  const account = (name: string) => `${name} (${model.accounts[name].id})`;
  switch (role.kind) {
    case 'hub': {
      const r = role.region;
      const others = [...new Set(vpcsOfRegion(r).map((v) => v.account))].filter((a) => a !== r.transitGateway.account).sort();
      const external = others.filter((a) => model.accounts[a].external);
      return [
        `Transit Gateway (ASN ${r.transitGateway.amazonSideAsn}) with default route table association and propagation off and auto-accept of shared attachments off: every attachment is placed explicitly.`,
        'TGW route tables `spokes`, `onprem` and `inspection`.',
        ...(others.length > 0
          ? [`RAM share of the TGW with ${list(others.map(account))}${external.length > 0 ? `; the invitation to ${list(external)} (outside the Organization) is accepted here` : ''}.`]
          : []),
        ...r.vpns.map(
          (v) =>
            `Site-to-Site VPN ${code(v.name)} to customer gateway ${v.customerGatewayIp} (${v.staticRoutesOnly ? `static routes ${v.cidrs.join(', ')}` : `BGP ASN ${v.bgpAsn}`}), associated with \`onprem\` and propagated to \`inspection\`.`,
        ),
      ];
    }
    case 'vpc':
      return vpcCreates(role.region, role.vpc, account);
    case 'peering':
      return [
        `TGW peering attachment from ${role.requester} to ${role.accepter}, accepted in ${role.accepter}, with a route table of its own on each side.`,
        `Static routes for each region's VPC and office prefixes on the other side (peerings propagate nothing); traffic between the regions is inspected in ${list(role.inspectedBy)}.`,
      ];
    default:
      return [];
  }
}

function vpcCreates(region: RegionModel, vpc: VpcModel, account: (name: string) => string): string[] {
  const tiers = [...new Set(vpc.subnets.map((s) => s.tier))].map(code).join(', ');
  const azs = plural(region.azs.length, 'AZ');
  const tgwAccount = region.transitGateway.account;
  const accepted = vpc.account !== tgwAccount ? `accepted in the TGW account ${account(tgwAccount)}, ` : '';
  const common = `VPC ${code(vpc.name)} ${code(vpc.cidr)} with subnets ${tiers} in ${azs}, one route table per subnet, flow logs to CloudWatch Logs, and a default security group with no rules.`;
  const propagated = region.eastWest ? '`inspection`' : '`inspection` and `spokes`';
  if (vpc.role === 'egress') {
    return [
      `${common} Internet gateway and one NAT gateway per AZ.`,
      ...region.fleets.map((f) => {
        const profile = VENDOR_PROFILES[f.vendor];
        return (
          `Fleet ${code(f.name)}: Gateway Load Balancer in the \`appliance\` subnets, GENEVE target group (UDP 6081, health check ${f.healthCheck.protocol} ${f.healthCheck.port}), ` +
          `VPC endpoint service open to ${list(f.endpointAccounts.map(account))}, launch template (${profile.displayName}, ${code(f.ami)}, ${f.instanceType}) and Auto Scaling group of ${f.minSize}–${f.maxSize}, security group, IAM role and instance profile.`
        );
      }),
      `GWLB endpoints of fleet ${code(vpc.fleet!)}, one per AZ.`,
      `TGW attachment with **appliance mode on**, ${accepted}associated with \`inspection\`; \`0.0.0.0/0\` in \`spokes\` and \`onprem\` points to it.`,
      'Routes: `tgw` subnets → GWLB endpoint of the same AZ; `gwlbe` → NAT (internet) or TGW (internal ranges); `public` → internet gateway, internal ranges back through the GWLB endpoint; `appliance` → NAT, internal ranges → TGW.',
    ];
  }
  if (vpc.role === 'dmz') {
    const fleetAccount = region.fleets.find((f) => f.name === vpc.fleet)?.account;
    return [
      `${common} Internet gateway with an **edge route table**: traffic for each \`public\` subnet goes to the GWLB endpoint of its AZ.`,
      `GWLB endpoints of fleet ${code(vpc.fleet!)}, one per AZ${fleetAccount && fleetAccount !== vpc.account ? ` (the endpoint service is in account ${account(fleetAccount)})` : ''}.`,
      `TGW attachment, ${accepted}associated with \`spokes\`, propagated to ${propagated}.`,
      'Routes: `gwlbe` → internet gateway; `public` → GWLB endpoint (internet) or TGW (internal ranges); `app` → TGW.',
      'S3 gateway endpoint for the `app` subnets.',
      ...(vpc.shareWith.length > 0 ? [`RAM share of the \`public\` and \`app\` subnets with ${list(vpc.shareWith.map(account))}.`] : []),
    ];
  }
  return [common, `TGW attachment, ${accepted}associated with \`spokes\`, propagated to ${propagated}.`, 'Routes: `workload` subnets → TGW (`0.0.0.0/0`).'];
}

function providerLine(p: ProviderInfo, role: StackRole, model: NetworkModel, accountLabel: (id: string | undefined) => string): string {
  const name = p.alias ? code(`aws.${p.alias}`) : `${code('aws')} (default)`;
  const how = p.roleArn ? `assuming ${code(p.roleArn)}` : 'with the credentials Terraform runs with';
  let what = '';
  if (p.alias) {
    const tgwAccounts = model.regions.map((r) => model.accounts[r.transitGateway.account].id);
    const account = Object.values(model.accounts).find((a) => a.id === p.accountId);
    if (role.kind === 'hub' && account?.external) what = ' (accepts the RAM share invitation)';
    else if (role.kind === 'peering') what = ' (the TGW account at the other end of the peering)';
    else if (p.accountId && tgwAccounts.includes(p.accountId)) what = ' (the TGW account: accepts, associates and propagates the attachment)';
  }
  return `${name}${what}: account ${accountLabel(p.accountId)}${p.region ? ` in ${p.region}` : ''}, ${how}.`;
}

function prerequisites(model: NetworkModel, accountLabel: (id: string | undefined) => string): string[] {
  const items: string[] = [];
  const roles = [...new Set(Object.values(model.accounts).flatMap((a) => (a.roleArn ? [a.roleArn] : [])))];
  items.push(
    `**Terraform 1.10 or later and AWS credentials** that ${roles.length > 0 ? `can assume ${list(roles.map(code))}` : `belong to account ${list(Object.values(model.accounts).map((a) => a.id))}`}. ` +
      'Every provider lists its account in `allowed_account_ids`, so credentials for the wrong account stop the run before it changes anything.',
  );
  for (const region of model.regions) {
    const tgw = region.transitGateway.account;
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
  for (const region of model.regions) {
    for (const f of region.fleets) {
      const where = `account ${accountLabel(model.accounts[f.account].id)}, ${region.code}`;
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
      `**Quotas** in ${region.code}, account ${accountLabel(model.accounts[region.egress.account].id)}: ${plural(nat, 'Elastic IP')} for the NAT gateways, and On-Demand vCPUs for up to ${plural(maxInstances, 'appliance')} (${region.fleets.map((f) => `${f.maxSize} × ${f.instanceType}`).join(', ')}).`,
    );
  }
  if (model.state.backend === 's3') {
    items.push(`**State bucket** ${code(model.state.bucket)} in ${model.state.region}, created beforehand (versioning on is recommended), readable and writable by the credentials Terraform runs with.`);
  }
  return items;
}

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

function stateSection(model: NetworkModel, stacks: readonly StackInfo[]): string[] {
  const backends = stacks.map((s) => s.backend);
  if (model.state.backend === 's3' || backends.some((b) => b?.kind === 's3')) {
    const keys = stacks.flatMap((s) => (s.backend?.kind === 's3' ? [s.backend.key] : []));
    const lock = backends.every((b) => b?.kind !== 's3' || b.lockfile);
    const bucket = model.state.backend === 's3' ? model.state.bucket : '';
    const region = model.state.backend === 's3' ? model.state.region : '';
    return [
      `Each stack keeps its state in the S3 bucket ${code(bucket)} (${region}), encrypted, one key per stack (${keys.slice(0, 2).map(code).join(', ')}${keys.length > 2 ? ', ...' : ''}).` +
        (lock ? ' Runs are locked with a lock file beside the state (`use_lockfile`, Terraform 1.10 or later); no DynamoDB table is needed.' : ''),
      '',
      'The backend uses the credentials Terraform runs with, not the account roles: they need `s3:ListBucket` on the bucket and `s3:GetObject`, `s3:PutObject` and `s3:DeleteObject` on the keys. Later stacks read earlier stacks\' outputs from the same bucket.',
    ];
  }
  return [
    'Each stack keeps its state in this folder, in `state/<stack>.tfstate` (local backend; the path is `../../state/` from a stack\'s folder). Later stacks read earlier stacks\' outputs from the same files.',
    '',
    '- `gwlb-blueprint synth --force` keeps `state/` when it rewrites this folder; everything else is replaced. Never delete `state/`: without it Terraform no longer knows what it created.',
    '- Back it up and keep it private (it records every resource\'s ID and attributes). For a team, set `state.backend` to `s3` in the blueprint, regenerate, and run `terraform init -migrate-state` in each stack.',
    '- Runs are not locked: let one person apply at a time.',
  ];
}
