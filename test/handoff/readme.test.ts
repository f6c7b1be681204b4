/**
 * The README that synth writes beside the stacks: generated from the model and
 * the stacks as written, it must name every stack in dependency order, every
 * account, every output, the address plan, the state and how to apply it.
 */
import { readBlueprintFile } from '../../src/blueprint/load';
import type { NetworkModel } from '../../src/blueprint/model';
import { vpcsOfRegion } from '../../src/blueprint/model';
import { describeStack, dependencyOrder, type StackInfo } from '../../src/handoff/stacks';
import { MULTI_REGION_FILE, REFERENCE_FILE, SINGLE_ACCOUNT_FILE, modelOf, modelOfValue, referenceValue, section, synthesize, synthesizeHcl, type Synthesis } from './support';

interface Manifest {
  stacks: Record<string, { dependencies: string[] }>;
}

/** The stack names of the apply-order table, top to bottom. */
function applyOrder(readme: string): string[] {
  return [...section(readme, '## Stacks, in apply order').matchAll(/^\| \d+ \| \[`([^`]+)`\]/gm)].map((m) => m[1]);
}

/** The README section of one stack. */
function stackSection(readme: string, stack: string): string {
  const heading = readme.split('\n').find((l) => new RegExp(`^### \\d+\\. ${stack}$`).test(l));
  if (!heading) throw new Error(`no section for ${stack}`);
  return section(readme, heading);
}

/** GitHub's anchor of a heading. */
const slug = (heading: string) =>
  heading
    .replace(/^#+ /, '')
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');

describe('the README of the reference blueprint', () => {
  let model: NetworkModel;
  let synthesis: Synthesis;
  let readme: string;
  let manifest: Manifest;
  beforeAll(() => {
    model = modelOf(REFERENCE_FILE);
    synthesis = synthesize(model);
    readme = synthesis.read('README.md');
    manifest = JSON.parse(synthesis.read('manifest.json')) as Manifest;
  });
  afterAll(() => synthesis.remove());

  it('names every stack, in an order where each comes after the stacks it depends on', () => {
    const order = applyOrder(readme);
    expect([...order].sort()).toEqual(Object.keys(manifest.stacks).sort());
    for (const [stack, entry] of Object.entries(manifest.stacks)) {
      for (const dependency of entry.dependencies) expect(order.indexOf(dependency)).toBeLessThan(order.indexOf(stack));
    }
    // hub → egress → DMZs and spokes: the order synth reports
    expect(order).toEqual(synthesis.stacks);
    expect(order.slice(0, 2)).toEqual(['acme-eu-west-2-hub', 'acme-eu-west-2-egress']);
    // the commands to run, and the numbered sections, follow the same order
    const commands = [...section(readme, '## Applying with plain Terraform').matchAll(/^\(cd stacks\/(\S+) && terraform init && terraform plan/gm)].map((m) => m[1]);
    expect(commands).toEqual(order);
    order.forEach((stack, i) => expect(readme).toContain(`### ${i + 1}. ${stack}\n`));
  });

  it('links each stack of the table to its section', () => {
    const anchors = new Set(readme.split('\n').filter((l) => l.startsWith('#')).map(slug));
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(synthesis.stacks.length);
    for (const link of links) expect(anchors).toContain(link);
  });

  it('names every account with its ID and the role Terraform assumes in it', () => {
    const accounts = section(readme, '### Accounts');
    for (const account of Object.values(model.accounts)) {
      const row = accounts.split('\n').find((l) => l.startsWith(`| ${account.name} |`));
      expect(row).toBeDefined();
      expect(row).toContain(account.id);
      expect(row).toContain(account.roleArn!);
    }
  });

  it('gives each stack its account (name and ID) and region', () => {
    for (const stack of synthesis.stacks) {
      const home = synthesis.json(stack).provider!.aws!.find((p) => p.alias === undefined) as { allowed_account_ids: string[]; region: string };
      const account = Object.values(model.accounts).find((a) => a.id === home.allowed_account_ids[0])!;
      const row = section(readme, '## Stacks, in apply order').split('\n').find((l) => l.includes(`[\`${stack}\`]`))!;
      expect(row).toContain(`| ${account.name} (${account.id}) | ${home.region} |`);
    }
  });

  it('lists every output of every stack in its section, and none of cdktf\'s cross-stack plumbing', () => {
    for (const stack of synthesis.stacks) {
      const outputs = Object.keys(synthesis.json(stack).output ?? {}).filter((o) => !o.startsWith('cross_stack_output_'));
      expect(outputs.length).toBeGreaterThan(0);
      const text = stackSection(readme, stack).split('**Outputs**')[1];
      for (const output of outputs) expect(text).toContain(`- \`${output}\``);
    }
    expect(readme).not.toContain('cross_stack_output');
  });

  it('lists each stack\'s providers: the home account\'s role, and the alias used for the TGW account', () => {
    const spoke = stackSection(readme, 'acme-eu-west-2-spoke-prod-app');
    expect(spoke).toContain('`aws` (default): account production (222222222222) in eu-west-2, assuming `arn:aws:iam::222222222222:role/OrganizationAccountAccessRole`.');
    expect(spoke).toContain('`aws.network` (the TGW account: accepts, associates and propagates the attachment): account network (111111111111) in eu-west-2');
    // the TGW owner's own stacks need no alias
    expect(stackSection(readme, 'acme-eu-west-2-dmz-prod-dmz')).not.toContain('aws.network');
  });

  it('says what each stack creates, from the model', () => {
    const hub = stackSection(readme, 'acme-eu-west-2-hub');
    expect(hub).toContain('ASN 64520');
    expect(hub).toContain('Site-to-Site VPN `london-office` to customer gateway 203.0.113.10');
    expect(hub).toMatch(/RAM share of the TGW with nonpublic \(444444444444\), partner \(333333333333\) and production \(222222222222\)/);
    const egress = stackSection(readme, 'acme-eu-west-2-egress');
    expect(egress).toContain('**appliance mode on**');
    expect(egress).toContain('Fleet `cloudguard`');
    expect(egress).toContain('open to network (111111111111) and partner (333333333333)');
    expect(stackSection(readme, 'acme-eu-west-2-dmz-prod-dmz')).toContain('RAM share of the `public` and `app` subnets with production (222222222222)');
    expect(stackSection(readme, 'acme-eu-west-2-dmz-partner-dmz')).toContain('**edge route table**');
  });

  it('gives the address plan of every VPC: each subnet under its tier and AZ', () => {
    const plan = section(readme, '## Address plan');
    for (const region of model.regions) {
      for (const vpc of vpcsOfRegion(region)) {
        const title = `**${region.code} · ${vpc.role === 'egress' ? 'egress' : `${vpc.role} ${vpc.name}`}** (${vpc.account}, \`${vpc.cidr}\`)`;
        const rows = plan.slice(plan.indexOf(title)).split('\n\n')[1].split('\n');
        expect(rows[0]).toBe(`| tier | ${region.azs.map((a) => a.value).join(' | ')} |`);
        for (const subnet of vpc.subnets) {
          const cells = rows.find((r) => r.startsWith(`| ${subnet.tier} (`))!.split(' | ');
          expect(cells[subnet.az.index + 1].replace(/ \|$/, '')).toBe(`\`${subnet.cidr}\``);
        }
      }
    }
  });

  it('says which flows are inspected, and by which fleet', () => {
    const flows = section(readme, '## Inspected flows');
    for (const title of ['spoke → internet', 'DMZ app → internet', 'internet → DMZ public and app subnets', 'spoke ↔ spoke', 'DMZ ↔ spoke', 'office (VPN) ↔ spoke']) {
      expect(flows.split('\n')).toContainEqual(expect.stringMatching(new RegExp(`^\\| ${title.replace(/[()]/g, '\\$&')} \\| inspected by cloudguard \\|`)));
    }
    expect(flows).toContain('gwlb-blueprint verify');
  });

  it('says where the state is and that it survives regeneration', () => {
    const state = section(readme, '## State');
    expect(state).toContain('`state/<stack>.tfstate`');
    expect(state).toContain('`gwlb-blueprint synth --force` keeps `state/`');
  });

  it('says how to run plain Terraform, keeping the bootstrap files beside the egress stack', () => {
    const apply = section(readme, '## Applying with plain Terraform');
    expect(apply).toContain('(cd stacks/acme-eu-west-2-hub && terraform init && terraform plan -out=tfplan && terraform apply tfplan)');
    expect(apply).toContain('Keep `bootstrap/cloudguard.user-data` beside `stacks/acme-eu-west-2-egress/cdk.tf.json`');
    expect(apply).toContain('reverse order');
  });

  it('sets up one plugin cache for every stack before the first init, and says why the lock file stays', () => {
    const apply = section(readme, '## Applying with plain Terraform');
    expect(apply.indexOf('export TF_PLUGIN_CACHE_DIR=')).toBeGreaterThan(0);
    expect(apply.indexOf('export TF_PLUGIN_CACHE_DIR=')).toBeLessThan(apply.indexOf('(cd stacks/'));
    expect(apply).toContain('mkdir -p "$TF_PLUGIN_CACHE_DIR"');
    expect(apply).toContain('Every stack folder holds a `.terraform.lock.hcl` that pins hashicorp/aws 5.100.0');
    expect(apply).toContain('Terraform uses a cached provider only for a provider whose checksum the lock file already records');
  });

  it('lists what an engineer must do before applying', () => {
    const before = section(readme, '## Before you apply');
    expect(before).toContain('aws ram enable-sharing-with-aws-organization');
    expect(before).toContain('**Marketplace subscription** for fleet `cloudguard`: in account network (111111111111), eu-west-2');
    expect(before).toContain('`ami-0a1b2c3d4e5f67890`');
    // the reference names no SIC key secret: the README says what that means
    expect(before).toContain('boot without a SIC key');
    expect(before).toContain('3 Elastic IPs');
  });

  it('embeds the topology diagram that diagram.mmd holds', () => {
    const diagram = synthesis.read('diagram.mmd');
    expect(readme).toContain(`\`\`\`mermaid\n${diagram}\`\`\`\n`);
  });

  it('holds no machine paths', () => {
    expect(readme).not.toContain(synthesis.dir);
    expect(readme).not.toMatch(/\/tmp\/|\/home\/|\/root\//);
  });
});

describe('the README of other networks', () => {
  it('S3 state, two regions and a peering: bucket, key per stack, lock file, the other region\'s provider', () => {
    const synthesis = synthesize(modelOf(MULTI_REGION_FILE));
    try {
      const readme = synthesis.read('README.md');
      const state = section(readme, '## State');
      expect(state).toContain('S3 bucket `globex-network-state` (eu-west-1)');
      expect(state).toContain('`gwlb/globex/globex-eu-west-1-hub.tfstate`');
      expect(state).toContain('`use_lockfile`');
      expect(section(readme, '## Before you apply')).toContain('**State bucket** `globex-network-state`');
      // the partner account is outside the Organization: the hub accepts the RAM invitation
      expect(stackSection(readme, 'globex-eu-west-1-hub')).toContain('`aws.partner` (accepts the RAM share invitation)');
      // Palo Alto bootstraps from a bucket
      expect(section(readme, '## Before you apply')).toContain('create the S3 bucket `globex-vmseries-bootstrap`');
      const order = applyOrder(readme);
      expect(order).toEqual(synthesis.stacks);
      const peering = order.find((s) => s.includes('-peering-'));
      if (peering) {
        expect(order.indexOf(peering)).toBeGreaterThan(order.indexOf('globex-us-east-1-egress'));
        expect(stackSection(readme, peering)).toMatch(/`aws\.network_us_east_1` \(the TGW account at the other end of the peering\): account network \(111122223333\) in us-east-1/);
      }
    } finally {
      synthesis.remove();
    }
  });

  it('explains where inter-region traffic is inspected, for each mode', () => {
    const every = synthesize(modelOf(MULTI_REGION_FILE));
    try {
      const between = section(every.read('README.md'), '### Between regions');
      expect(between).toContain("a flow between two regions passes both regions' fleets, each of which sees both directions");
      expect(between).toContain('- TGW peering eu-west-1 ↔ us-east-1; traffic between them is inspected in eu-west-1 and us-east-1.');
    } finally {
      every.remove();
    }
    const value = modelOfValue({ ...(readBlueprintFile(MULTI_REGION_FILE).value as object), interRegion: { inspection: 'once' } });
    const once = synthesize(value);
    try {
      const between = section(once.read('README.md'), '### Between regions');
      expect(between).toContain('inspected once, by the first region of the pair in alphabetical order');
      expect(between).toContain('- TGW peering eu-west-1 ↔ us-east-1; traffic between them is inspected in eu-west-1.');
    } finally {
      once.remove();
    }
  });

  it('one account without roles and east-west not inspected', () => {
    const synthesis = synthesize(modelOf(SINGLE_ACCOUNT_FILE));
    try {
      const readme = synthesis.read('README.md');
      expect(section(readme, '### Accounts')).toContain('| sandbox | 555555555555 | the credentials Terraform runs with (no role) |');
      const flows = section(readme, '## Inspected flows');
      expect(flows).toMatch(/^\| spoke ↔ spoke \| not inspected \|/m);
      expect(flows).toMatch(/^\| spoke → internet \| inspected by hairpin \|/m);
      expect(readme).toContain('**not inspected**');
      // one account: nothing to share through RAM
      expect(section(readme, '## Before you apply')).not.toContain('enable-sharing-with-aws-organization');
    } finally {
      synthesis.remove();
    }
  });

  it('names a bootstrap secret to create when the blueprint gives one', () => {
    const bp = referenceValue() as { regions: Record<string, { fleets: Record<string, { bootstrapSecret?: string }> }> };
    bp.regions['eu-west-2'].fleets.cloudguard.bootstrapSecret = '/acme/cloudguard/sic-key';
    const synthesis = synthesize(modelOfValue(bp));
    try {
      expect(section(synthesis.read('README.md'), '## Before you apply')).toContain(
        'create the SSM SecureString parameter `/acme/cloudguard/sic-key` in account network (111111111111), eu-west-2, holding the SIC key',
      );
    } finally {
      synthesis.remove();
    }
  });

  it('HCL output: the same README, naming cdk.tf, with every output read from the stacks, and regenerating as HCL', async () => {
    const json = synthesize(modelOf(REFERENCE_FILE));
    const hcl = await synthesizeHcl(modelOf(REFERENCE_FILE));
    try {
      const readme = hcl.read('README.md');
      expect(readme).toContain('Terraform in `cdk.tf`.');
      const regenerate = 'npx gwlb-blueprint synth -b blueprint.json -o <this folder>';
      expect(readme).toContain(`${regenerate} --hcl --force`);
      expect(json.read('README.md')).toContain(`${regenerate} --force`);
      expect(readme.replace(/cdk\.tf\b/g, 'X').replace(' --hcl --force', ' --force')).toBe(json.read('README.md').replace(/cdk\.tf\.json/g, 'X'));
    } finally {
      json.remove();
      hcl.remove();
    }
  });
});

describe('dependencyOrder', () => {
  const stack = (name: string, dependencies: string[] = []): StackInfo => describeStack(name, `stacks/${name}`, `stacks/${name}/cdk.tf.json`, dependencies, {});

  it('puts every stack after its dependencies, and keeps the preferred order where it is free', () => {
    const stacks = [stack('spoke', ['hub']), stack('dmz', ['egress', 'hub']), stack('egress', ['hub']), stack('hub')];
    expect(dependencyOrder(stacks, ['hub', 'egress', 'dmz', 'spoke']).map((s) => s.name)).toEqual(['hub', 'egress', 'dmz', 'spoke']);
    expect(dependencyOrder(stacks, []).map((s) => s.name)).toEqual(['hub', 'spoke', 'egress', 'dmz']);
  });

  it('refuses a cycle', () => {
    expect(() => dependencyOrder([stack('a', ['b']), stack('b', ['a'])], [])).toThrow(/cycle: a, b/);
  });

  it('reads providers, outputs and the backend of a stack\'s Terraform JSON', () => {
    const info = describeStack('x', 'stacks/x', 'stacks/x/cdk.tf.json', [], {
      terraform: { backend: { s3: { bucket: 'b', key: 'k/x.tfstate', region: 'eu-west-1', use_lockfile: true } } },
      provider: { aws: [{ alias: 'net', allowed_account_ids: ['1'], region: 'r' }, { allowed_account_ids: ['2'], assume_role: [{ role_arn: 'arn:role' }], region: 'r' }] },
      output: { b: { sensitive: true }, a: { description: 'first' }, cross_stack_output_z: {} },
      resource: { aws_vpc: { one: {} }, aws_subnet: { a: {}, b: {} } },
    });
    expect(info.providers).toEqual([{ region: 'r', accountId: '2', roleArn: 'arn:role' }, { alias: 'net', region: 'r', accountId: '1' }]);
    expect(info.outputs).toEqual([{ name: 'a', description: 'first', sensitive: false }, { name: 'b', sensitive: true }]);
    expect(info.backend).toEqual({ kind: 's3', bucket: 'b', key: 'k/x.tfstate', region: 'eu-west-1', lockfile: true });
    expect(info.resources).toEqual({ aws_subnet: 2, aws_vpc: 1 });
  });
});
