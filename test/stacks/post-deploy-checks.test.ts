/**
 * synth --post-deploy-checks: a Reachability Analyzer stack per region, in the
 * account the blueprint names, reading every ID from the other stacks' states
 * through remote-state blocks of its own (no cdktf cross-stack reference), each
 * path tagged with what verify proves; verify checks the tags.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Blueprint } from '../../src/blueprint/schema';
import { main } from '../../src/cli/main';
import { synthesizeNetwork } from '../../src/synth/synthesize';
import { memoryIo } from '../../src/util/io';
import { UserError } from '../../src/util/errors';
import { verifySynthFolder } from '../../src/verify';
import { parseIntent } from '../../src/verify/intent';
import { reference, regionOf } from '../helpers/blueprints';
import { copy, verifyStacks } from '../verify/support';
import { modelOfValue } from './support';

// Made when the file loads: the describe blocks synthesize while they are collected.
const dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-post-deploy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function synth(bp: Blueprint, name: string, postDeployChecks = true) {
  const out = path.join(dir, name);
  const result = synthesizeNetwork(modelOfValue(bp), { outdir: out, postDeployChecks });
  const json = (stack: string) => JSON.parse(readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  return { ...result, out, json, manifest: JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) };
}

const withChecks = () => {
  const bp = reference();
  bp.postDeployChecks = { account: 'network' };
  return bp;
};

const STACK = 'acme-eu-west-2-post-deploy-checks';

describe('the post-deploy checks stack', () => {
  const result = synth(withChecks(), 'reference');
  const checks = result.json(STACK);
  const paths = checks.resource.aws_ec2_network_insights_path as Record<string, any>;
  const analyses = checks.resource.aws_ec2_network_insights_analysis as Record<string, any>;

  it('comes last, in the account the blueprint names, after every stack whose state it reads', () => {
    expect(result.stacks[result.stacks.length - 1]).toBe(STACK);
    expect(checks.provider.aws).toEqual([expect.objectContaining({ region: 'eu-west-2', allowed_account_ids: ['111111111111'] })]);
    const reads = Object.keys(checks.data.terraform_remote_state);
    expect(reads.every((r) => r.startsWith('state_'))).toBe(true);
    expect(result.manifest.stacks[STACK].dependencies.sort()).toEqual(
      ['acme-eu-west-2-dmz-partner-dmz', 'acme-eu-west-2-egress', 'acme-eu-west-2-hub', 'acme-eu-west-2-spoke-internal-app', 'acme-eu-west-2-spoke-partner-app'].sort(),
    );
    // No cdktf cross-stack reference: no stack gained an output for it, and it takes none.
    expect(JSON.stringify(checks)).not.toContain('cross_stack_reference_input');
  });

  it('has one path and one analysis per flow class the intent lists that the analyzer can take', () => {
    expect(Object.keys(paths).sort()).toEqual(['dmz_internet_path', 'dmz_spoke_path', 'spoke_internet_path', 'spoke_spoke_path', 'vpn_spoke_path']);
    expect(Object.keys(analyses)).toHaveLength(5);
    const spokeInternet = paths.spoke_internet_path;
    // A spoke of another account is named by its ARN, in that account; the packet is scoped at the source.
    expect(spokeInternet.source).toBe('arn:aws:ec2:eu-west-2:444444444444:transit-gateway-attachment/${data.terraform_remote_state.state_acme_eu_west_2_spoke_internal_app.outputs.tgw_attachment_id}');
    expect(spokeInternet.destination).toBe('arn:aws:ec2:eu-west-2:111111111111:internet-gateway/${data.terraform_remote_state.state_acme_eu_west_2_egress.outputs.internet_gateway_id}');
    expect(spokeInternet.filter_at_source).toEqual({ source_address: '10.30.0.4', destination_address: '198.51.100.10', destination_port_range: { from_port: 443, to_port: 443 } });
    expect(spokeInternet.tags).toMatchObject({ 'gwlb-blueprint:flow-class': 'spoke-internet', 'gwlb-blueprint:verify-predicts': 'inspected by cloudguard' });
    expect(analyses.spoke_internet_analysis).toMatchObject({
      network_insights_path_id: '${aws_ec2_network_insights_path.spoke_internet_path.id}',
      filter_in_arns: ['arn:aws:ec2:eu-west-2:111111111111:transit-gateway-attachment/${data.terraform_remote_state.state_acme_eu_west_2_egress.outputs.tgw_attachment_id}'],
      wait_for_completion: true,
    });
    // The office's attachment comes from the hub, which now says which attachment each VPN has.
    expect(paths.vpn_spoke_path.source).toBe('arn:aws:ec2:eu-west-2:111111111111:transit-gateway-attachment/${data.terraform_remote_state.state_acme_eu_west_2_hub.outputs.vpn_london_office_attachment_id}');
    expect(result.json('acme-eu-west-2-hub').output.vpn_london_office_attachment_id.value).toBe('${aws_vpn_connection.vpn_london_office_connection.transit_gateway_attachment_id}');
  });

  it('verifies: each path predicts what the proof says; a path whose tag says otherwise is refused', () => {
    expect(verifySynthFolder(result.folder).postDeployChecks).toEqual({ checked: 5, failures: [] });
    const stacks = Object.fromEntries(result.folder.stacks.map((s) => [s.name, result.json(s.name)]));
    const tampered = copy(stacks);
    tampered[STACK].resource.aws_ec2_network_insights_path.spoke_spoke_path.tags['gwlb-blueprint:verify-predicts'] = 'direct';
    const verdict = verifyStacks(tampered, parseIntent(result.folder.intent));
    expect(verdict.ok).toBe(false);
    expect(verdict.postDeployChecks.failures).toEqual([`${STACK}/aws_ec2_network_insights_path.spoke_spoke_path: tagged "direct", but verify proves the flow inspected by cloudguard`]);
  });

  it('leaves every other stack as it is without the flag', () => {
    const plain = synth(withChecks(), 'plain', false);
    for (const stack of plain.stacks) expect(readFileSync(path.join(result.out, 'stacks', stack, 'cdk.tf.json'), 'utf8')).toBe(readFileSync(path.join(plain.out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    expect(plain.stacks).not.toContain(STACK);
  });

  it('the hand-off README says how to read the results and what the analyzer cannot check', () => {
    const readme = readFileSync(path.join(result.out, 'README.md'), 'utf8');
    expect(readme).toContain('## After deploy: AWS confirms the proof');
    expect(readme).toContain('terraform output reachability');
    expect(readme).toContain('PATH_THROUGH_GWLB_NOT_CHECKED');
    expect(readme).toContain('register it as a delegated administrator for Reachability Analyzer');
    expect(readme).toContain('No path for internet → DMZ');
  });
});

describe('which paths, for which network', () => {
  it('east-west direct: the spoke path must pass nothing and is predicted direct', () => {
    const bp = withChecks();
    regionOf(bp).inspection = { eastWest: false };
    const result = synth(bp, 'direct');
    const checks = result.json(STACK);
    expect(checks.resource.aws_ec2_network_insights_path.spoke_spoke_path.tags['gwlb-blueprint:verify-predicts']).toBe('direct');
    expect(checks.resource.aws_ec2_network_insights_analysis.spoke_spoke_analysis.filter_in_arns).toBeUndefined();
    expect(verifySynthFolder(result.folder).postDeployChecks.failures).toEqual([]);
  });

  it('an account outside the Organization takes part in no path: the representatives come from inside it', () => {
    const bp = withChecks();
    bp.accounts.partner.external = true;
    const checks = synth(bp, 'external').json(STACK);
    // partner owns the DMZ partner-dmz and the spoke partner-app, the first of each by name.
    expect(JSON.stringify(checks.resource)).not.toContain(':333333333333:');
    const paths = checks.resource.aws_ec2_network_insights_path;
    expect(Object.keys(paths)).toHaveLength(5);
    expect(paths.dmz_spoke_path.tags).toMatchObject({ 'gwlb-blueprint:source': 'acme-eu-west-2-dmz-prod-dmz', 'gwlb-blueprint:destination': 'acme-eu-west-2-spoke-internal-app' });
    expect(paths.spoke_spoke_path.tags['gwlb-blueprint:destination']).toBe('acme-eu-west-2-spoke-prod-app');
  });

  it('with every spoke outside the Organization, the spoke classes get no path, and the README says why', () => {
    const bp = withChecks();
    const region = regionOf(bp);
    bp.accounts.partner.external = true;
    region.spokes = { 'partner-app': region.spokes!['partner-app'] };
    const result = synth(bp, 'all-external');
    expect(Object.keys(result.json(STACK).resource.aws_ec2_network_insights_path).sort()).toEqual(['dmz_internet_path']);
    const readme = readFileSync(path.join(result.out, 'README.md'), 'utf8');
    expect(readme).toContain('- No path for spoke → internet: partner is outside the Organization, and the analyzer cannot see into it.');
  });

  it('a network of several accounts must name the account; one of a single account needs not', () => {
    expect(() => synth(reference(), 'unnamed')).toThrow(UserError);
    expect(() => synth(reference(), 'unnamed')).toThrow(/postDeployChecks\.account/);
    const single = reference();
    for (const a of ['production', 'partner', 'nonpublic']) delete single.accounts[a];
    const region = regionOf(single);
    region.dmzs = { 'prod-dmz': { ...region.dmzs!['prod-dmz'], shareWith: [] } };
    region.spokes = { 'prod-app': { account: 'network', cidr: '10.10.0.0/16' } };
    const checks = synth(single, 'single').json(STACK);
    expect(checks.provider.aws[0].allowed_account_ids).toEqual(['111111111111']);
  });
});

describe('gwlb-blueprint synth --post-deploy-checks', () => {
  const run = async (...argv: string[]) => {
    const io = memoryIo();
    return { code: await main(argv, io), stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
  };

  it('writes the checks stack last, and says so', async () => {
    const file = path.join(dir, 'cli.json');
    writeFileSync(file, JSON.stringify(withChecks()));
    const out = path.join(dir, 'cli-out');
    const { code, stdout } = await run('synth', '-b', file, '-o', out, '--post-deploy-checks');
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => l.startsWith('  ')).pop()).toBe(`  ${STACK}`);
  });

  it('refuses a network of several accounts that names no account for them: exit 1, nothing written', async () => {
    const out = path.join(dir, 'cli-refused');
    const { code, stderr } = await run('synth', '-b', path.join(__dirname, '..', '..', 'templates', 'reference.blueprint.json'), '-o', out, '--post-deploy-checks');
    expect(code).toBe(1);
    expect(stderr).toContain('error: synth --post-deploy-checks needs postDeployChecks.account in the blueprint');
    expect(existsSync(out)).toBe(false);
  });
});
