/** Every example blueprint's synthesized Terraform verifies, with the intent synth writes. */
import { mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { memoryIo } from '../../src/util/io';
import { failedControls, failedFlows, failureLines, synthesizeToJson, verifyStacks } from './support';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = [
  path.join(ROOT, 'templates', 'reference.blueprint.json'),
  ...readdirSync(path.join(ROOT, 'examples')).map((f) => path.join(ROOT, 'examples', f)),
];

describe.each(EXAMPLES.map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
  it('verifies: every flow class of every region, and every control', () => {
    const { stacks, intent } = synthesizeToJson(file);
    const result = verifyStacks(stacks, intent);
    expect(failureLines(result)).toEqual([]);
    expect(failedControls(result)).toEqual([]);
    // each region proved its spokes to the internet, and swept every destination range
    const regions = new Set(result.proof.classes.map((c) => c.region).filter((r) => !r.includes('↔')));
    for (const region of regions) {
      expect(result.proof.classes.find((c) => c.region === region && c.flowClass === 'spoke-internet')?.azPaths).toBeGreaterThan(0);
      expect(result.proof.classes.find((c) => c.region === region && c.flowClass === 'any-destination')?.destinationRanges).toBe(result.proof.destinationRanges);
    }
  });
});

describe('east-west inspection off (single-account example)', () => {
  it('lets spokes reach each other directly, and still inspects VPN and internet traffic', () => {
    const { stacks, intent } = synthesizeToJson(path.join(ROOT, 'examples', 'single-account.blueprint.json'));
    const result = verifyStacks(stacks, intent);
    const eastWest = result.flows.filter((f) => f.flowClass === 'spoke-spoke');
    expect(eastWest.length).toBeGreaterThan(0);
    expect(eastWest.every((f) => f.ok && f.policy === 'direct' && f.forward.inspections.length === 0)).toBe(true);
    const vpn = result.flows.filter((f) => f.flowClass === 'vpn-spoke');
    expect(vpn.every((f) => f.ok && f.forward.inspections.length === 1 && f.reverse.inspections.length === 1)).toBe(true);
  });

  it('without the intent file, every class must be inspected, so direct spoke traffic fails', () => {
    const { stacks } = synthesizeToJson(path.join(ROOT, 'examples', 'single-account.blueprint.json'));
    const result = verifyStacks(stacks, undefined);
    expect(result.ok).toBe(false);
    expect(failedFlows(result).every((f) => f.flowClass === 'spoke-spoke' || f.flowClass === 'dmz-spoke')).toBe(true);
  });
});

describe('gwlb-blueprint verify', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gwlb-verify-cli-'));
    const io = memoryIo();
    expect(await main(['synth', '-b', EXAMPLES[0], '-o', path.join(dir, 'out')], io)).toBe(0);
    // synth verified its own output before writing it
    expect(io.stdout.join('\n')).toMatch(/verified: [\d,]+ AZ paths inspected as intended, 10 security controls pass/);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints what was proven, a table per flow class and per control, in 120 columns, and exits 0', async () => {
    const io = memoryIo();
    expect(await main(['verify', path.join(dir, 'out')], io)).toBe(0);
    const text = io.stdout.join('\n');
    // 3 spokes × 3 workload subnets, each to the 4 internet ranges around 10/8, 172.16/12 and 192.168/16, in each of 3 AZs the hash may pick
    expect(text).toMatch(/eu-west-2 {2}spoke → internet \(must be inspected\): 108\/108 AZ paths pass\n {2}over 9 sources, 4 destination ranges and up to 3 AZ choices each/);
    expect(text).toMatch(/^An AZ path is one flow traced forward and back: one source range, one destination range and one pick of every AZ choice/m);
    expect(text).toMatch(/spoke-prod-app +internet +36 +spoke-prod-app-workload-az1 → TGW tgw-spokes +pass\n +→ egress-tgw-az1 \(appliance mode\)\n +→ ⟨cloudguard euw2-az1⟩ egress-gwlbe-az1 → NAT egress-public-az1\n +→ IGW → internet\n/);
    expect(text).toMatch(/pass {2}EC2\.23 /);
    expect(text.split('\n').filter((l) => l.length > 120)).toEqual([]);
  });

  it('--json gives the same proof: the counts, and every pair with one of its paths', async () => {
    const io = memoryIo();
    expect(await main(['verify', path.join(dir, 'out'), '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout.join('\n'));
    expect(json.ok).toBe(true);
    expect(json.proof).toMatchObject({ azChoices: 3, failed: 0, sweepFailed: 0 });
    expect(json.proof.classes).toContainEqual(expect.objectContaining({ region: 'eu-west-2', flowClass: 'spoke-internet', azPaths: 108, sources: 9, destinationRanges: 4, azChoices: 3 }));
    const pair = json.flows.find((f: any) => f.class === 'spoke-spoke' && f.source === 'spoke-prod-app' && f.destination === 'spoke-partner-app');
    // 3 source subnets × 3 destination subnets × 3 AZs of the egress attachment
    expect(pair).toMatchObject({ ok: true, azPaths: 27, failed: 0 });
    expect(pair.forward.hops.length).toBeGreaterThan(3);
    expect(pair.return.inspections).toHaveLength(1);
  });

  it('exits 1 and names the broken hop when the Terraform is broken', async () => {
    const out = path.join(dir, 'out');
    const egress = path.join(out, 'stacks', 'acme-eu-west-2-egress', 'cdk.tf.json');
    const json = JSON.parse(require('node:fs').readFileSync(egress, 'utf8'));
    json.resource.aws_ec2_transit_gateway_vpc_attachment.tgw_attachment_attachment.appliance_mode_support = 'disable';
    writeFileSync(egress, JSON.stringify(json));
    const io = memoryIo();
    expect(await main(['verify', out], io)).toBe(1);
    // Without appliance mode the TGW keeps each direction in its own AZ, or picks any AZ for traffic from the VPN.
    expect(io.stdout.join('\n').replace(/\n +/g, ' ')).toMatch(/✗ euw2-az\d → euw2-az\d, [\d./]+ → [\d./]+: asymmetric: forward through cloudguard in euw2-az\d, return through cloudguard in euw2-az\d/);
    expect(io.stdout.join('\n')).toMatch(/NOT verified: \d+ AZ paths and 0 controls fail/);
  });

  it('refuses a folder without a manifest, with exit code 1', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'gwlb-verify-empty-'));
    const io = memoryIo();
    expect(await main(['verify', empty], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/holds no manifest\.json/);
    rmSync(empty, { recursive: true });
  });

  it('without the intent file says that every class must be inspected', async () => {
    unlinkSync(path.join(dir, 'out', 'gwlb-blueprint.intent.json'));
    const io = memoryIo();
    await main(['verify', path.join(dir, 'out')], io);
    expect(io.stdout.join('\n')).toMatch(/No gwlb-blueprint\.intent\.json here: every flow class must be inspected/);
  });
});
