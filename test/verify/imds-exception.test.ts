/**
 * EC2.8 / AutoScaling.3: a fleet that opts out of IMDSv2 (allowImdsV1) is reported
 * as a named exception with its reason, never as a silent pass; a launch template
 * that accepts IMDSv1 without that record fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import { formatVerifyReport } from '../../src/verify/report';
import { copy, stackEnding, synthesizeToJson, verifyStacks, type Synthesized } from './support';

const REFERENCE = path.join(__dirname, '..', '..', 'templates', 'reference.blueprint.json');
const LT = 'fleet_cloudguard_launch_template';

let excepted: Synthesized;
beforeAll(() => {
  const bp = readBlueprintFile(REFERENCE).value as any;
  bp.regions['eu-west-2'].fleets.cloudguard.allowImdsV1 = 'image R81.10 reads IMDSv1';
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-imds-'));
  try {
    const file = path.join(dir, 'bp.json');
    writeFileSync(file, JSON.stringify(bp));
    excepted = synthesizeToJson(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const control = (result: ReturnType<typeof verifyStacks>, id: string) => result.controls.find((c) => c.id === id)!;

it('reports the opted-out fleet as a named exception to EC2.8 and AutoScaling.3, with its reason, and still verifies', () => {
  const result = verifyStacks(excepted.stacks, excepted.intent);
  for (const id of ['EC2.8', 'AutoScaling.3']) {
    expect(control(result, id)).toMatchObject({ ok: true, failures: [] });
    expect(control(result, id).exceptions).toEqual([expect.stringMatching(/aws_launch_template\.fleet_cloudguard_launch_template.*IMDSv1.*image R81\.10 reads IMDSv1/)]);
  }
  expect(result.ok).toBe(true);
  // The report wraps at 120 columns: read it as one text.
  const report = formatVerifyReport(result).replace(/\n +/g, ' ');
  expect(report).toContain('exception acme-eu-west-2-egress/aws_launch_template.fleet_cloudguard_launch_template: accepts IMDSv1 by exception');
  expect(report).toMatch(/EC2\.8 and AutoScaling\.3 with named exceptions/);
});

it('fails EC2.8 for a launch template that accepts IMDSv1 without the recorded exception', () => {
  const stacks = copy(excepted.stacks);
  delete stackEnding(stacks, '-egress').resource.aws_launch_template[LT].tags['gwlb-blueprint:imdsv1-exception'];
  const result = verifyStacks(stacks, excepted.intent);
  expect(control(result, 'EC2.8').ok).toBe(false);
  expect(control(result, 'EC2.8').exceptions).toEqual([]);
  expect(control(result, 'EC2.8').failures).toEqual([expect.stringContaining('http_tokens is not "required"')]);
});
