/**
 * The real AWS provider, run without AWS (src/terraform/offline-run.ts), sees
 * what a mocked `terraform test` cannot: its plan-time validation of every
 * argument, and on apply the conversion of every input before the first API call.
 *
 * `npm test` runs one apply: the hub stack of a network whose office has a
 * private 4-byte ASN (terraform-provider-aws #38738), beside a control customer
 * gateway written the way gwlb-blueprint wrote it before (`bgp_asn`), which must
 * fail the way that bug fails. `npm run offline:all` (GWLB_OFFLINE_ALL=1) plans
 * every stack of every example with the real provider (~15 s a stack).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import type { Blueprint } from '../../src/blueprint/schema';
import { validateBlueprint } from '../../src/blueprint/validate';
import { synthesizeNetwork } from '../../src/synth/synthesize';
import { offlineConfig, CLOSED_ENDPOINT } from '../../src/terraform/offline-config';
import { errorsOf, isApiCallError, runOffline } from '../../src/terraform/offline-run';
import { readSynthesis } from '../../src/terraform/synthesis';
import { withTerraform } from './with-terraform';

const ROOT = path.resolve(__dirname, '..', '..');
const OFFLINE_ALL = process.env.GWLB_OFFLINE_ALL === '1';
const TIMEOUT_MS = 10 * 60 * 1000;

function synthesize(bp: unknown, outdir: string): string[] {
  const result = validateBlueprint(bp);
  if (!result.model) throw new Error(JSON.stringify(result.problems));
  return [...synthesizeNetwork(result.model, { outdir }).stacks];
}

let outRoot: string;
beforeAll(() => {
  outRoot = mkdtempSync(path.join(os.tmpdir(), 'gwlb-offline-test-'));
});
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

describe('the offline configuration of a stack', () => {
  it('keeps resources, drops the backend, the roles and every read, and points every endpoint at a closed port', () => {
    const dir = path.join(outRoot, 'config');
    const stacks = synthesize(readBlueprintFile(path.join(ROOT, 'templates', 'reference.blueprint.json')).value, dir);
    const synthesis = readSynthesis(dir, stacks);
    const spoke = synthesis.stacks.get('acme-eu-west-2-spoke-partner-app')!;
    const { json, problems } = offlineConfig(spoke, synthesis.stacks);
    expect(problems).toEqual([]);
    const text = JSON.stringify(json);
    expect(text).not.toContain('terraform_remote_state');
    expect(text).not.toContain('"assume_role"');
    expect((json as any).terraform.backend).toBeUndefined();
    const providers = (json as any).provider.aws as Record<string, any>[];
    expect(providers.map((p) => p.alias ?? 'default')).toEqual(['default', 'network']);
    for (const p of providers) expect(Object.values(p.endpoints[0]).every((e) => e === CLOSED_ENDPOINT)).toBe(true);
    // the TGW ID the attachment read from the hub's state is now a literal of the right shape
    expect((json as any).resource.aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.transit_gateway_id).toMatch(/^tgw-[0-9a-f]{17}$/);
  });

  it('reads Terraform\'s error diagnostics one by one', () => {
    const output = ['╷', '│ Error: first problem', '│', '│   with aws_x.y,', '╵', '╷', '│ Error: second', '╵'].join('\n');
    expect(errorsOf(output)).toEqual(['first problem with aws_x.y,', 'second']);
  });
});

withTerraform('test/terraform/offline.test.ts', 'the real AWS provider offline', () => {
  it('accepts the synthesized customer gateway of a 4-byte ASN office up to its API call; the old bgp_asn form fails before', async () => {
    const bp = readBlueprintFile(path.join(ROOT, 'examples', 'single-account.blueprint.json')).value as Blueprint;
    bp.regions['us-east-1'].vpnConnections!['lab-office'].bgpAsn = 4_200_000_010;
    const dir = path.join(outRoot, 'asn');
    const hub = synthesize(bp, dir).find((s) => s.endsWith('-hub'))!;
    // The whole hub stack: the apply plans all of it with the real provider, then creates what depends on nothing.
    const control = { resource: { aws_customer_gateway: { control_bgp_asn: { bgp_asn: '4200000010', ip_address: '198.51.100.20', type: 'ipsec.1' } } } };
    const result = await runOffline(dir, hub, { command: 'apply', extra: control });
    expect(result.step).toBe('apply');
    const ofResource = (name: string) => result.errors.filter((e) => e.includes(`aws_customer_gateway.${name}`));
    expect(ofResource('control_bgp_asn')).toEqual([expect.stringContaining('strconv.ParseInt: parsing "4200000010": value out of range')]);
    const synthesized = ofResource('vpn_lab_office_customer_gateway');
    expect(synthesized).toHaveLength(1);
    expect(isApiCallError(synthesized[0])).toBe(true);
    // Nothing else failed before its API call: the provider accepts every other input of the hub.
    expect(result.errors.filter((e) => !isApiCallError(e) && !e.includes('control_bgp_asn'))).toEqual([]);
  }, TIMEOUT_MS);

  const examples = [path.join(ROOT, 'templates', 'reference.blueprint.json'), ...readdirSync(path.join(ROOT, 'examples')).map((f) => path.join(ROOT, 'examples', f))];
  (OFFLINE_ALL ? describe : describe.skip)('every stack of every example (npm run offline:all)', () => {
    test.each(examples.map((f) => [path.relative(ROOT, f), f]))('%s: every stack plans with the real provider', async (_name, file) => {
      const dir = path.join(outRoot, path.basename(file).replace(/\.blueprint\.\w+$/, ''));
      const failures: string[] = [];
      for (const stack of synthesize(readBlueprintFile(file).value, dir)) {
        const result = await runOffline(dir, stack);
        if (!result.ok) failures.push(`${stack} (${result.step}):\n${result.errors.join('\n') || result.output.slice(-2000)}`);
      }
      expect(failures).toEqual([]);
    }, 60 * 60 * 1000);
  });
});
