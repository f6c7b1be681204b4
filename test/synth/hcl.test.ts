/**
 * `synth --hcl`: HCL instead of JSON, finished so it passes `terraform fmt -check`
 * (the Terraform proof in test/terraform validates it) and works around cdktf's
 * known HCL bugs.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import { validateBlueprint } from '../../src/blueprint/validate';
import { restoreTerraformSettings, unquoteReferences, unwrapInterpolations } from '../../src/synth/hcl';
import { synthesizeVerifiedHcl } from '../../src/synth/verified-synthesis';

describe('unquoteReferences', () => {
  it('unquotes provider references and depends_on entries, and nothing else', () => {
    const hcl = ['  provider = "aws.network"', '  name = "aws.network"', '  depends_on = [', '    "aws_internet_gateway.vpc_igw",', '    "data.aws_ami.x",', '  ]'].join('\n');
    expect(unquoteReferences(hcl)).toBe(['  provider = aws.network', '  name = "aws.network"', '  depends_on = [', '    aws_internet_gateway.vpc_igw,', '    data.aws_ami.x,', '  ]'].join('\n'));
  });
});

describe('restoreTerraformSettings', () => {
  it('writes back the terraform block settings cdktf renders by index, and leaves unknown ones', () => {
    const hcl = ['terraform {', '  backend "local" {}', '  0 = "required_version"', '  1 = "experiments"', '}'].join('\n');
    expect(restoreTerraformSettings(hcl, { required_version: '>= 1.11' })).toBe(['terraform {', '  backend "local" {}', '  required_version = ">= 1.11"', '  1 = "experiments"', '}'].join('\n'));
  });
});

describe('unwrapInterpolations', () => {
  it.each([
    ['a = "${aws_vpc.x.id}"', 'a = aws_vpc.x.id'],
    ['u = "${filebase64("bootstrap/x")}"', 'u = filebase64("bootstrap/x")'],
    // a policy: the outer interpolation goes, a mixed template inside stays, a pure one inside goes
    ['p = "${jsonencode({ "R" = "${aws_log.g.arn}:*", "S" = "${aws_x.y.arn}" })}"', 'p = jsonencode({ "R" = "${aws_log.g.arn}:*", "S" = aws_x.y.arn })'],
    ['l = "literal ${x.y} text"', 'l = "literal ${x.y} text"'],
    ['e = "say \\"${x}\\""', 'e = "say \\"${x}\\""'],
    ['z = "$${not_a_reference}"', 'z = "$${not_a_reference}"'],
    ['m = { "k" = "${a.b}" }', 'm = { "k" = a.b }'],
  ])('%s', (input, expected) => {
    expect(unwrapInterpolations(input)).toBe(expected);
  });
});

describe('synth --hcl of the reference blueprint', () => {
  let dir: string;
  let stacks: string[];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gwlb-hcl-'));
    const model = validateBlueprint(readBlueprintFile(path.join(__dirname, '..', '..', 'templates', 'reference.blueprint.json')).value).model!;
    const { synthesis, verification } = await synthesizeVerifiedHcl(model, { outdir: dir });
    expect(verification.ok).toBe(true);
    stacks = [...synthesis.stacks];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes cdk.tf and no JSON stack beside it', () => {
    for (const stack of stacks) {
      const files = readdirSync(path.join(dir, 'stacks', stack));
      expect(files).toContain('cdk.tf');
      expect(files).not.toContain('cdk.tf.json');
    }
    expect(existsSync(path.join(dir, 'stacks', 'acme-eu-west-2-egress', 'bootstrap', 'cloudguard.user-data'))).toBe(true);
  });

  it('is HCL, not JSON in a .tf file (cdktf ignores App hclOutput: terraform-cdk#3875)', () => {
    const hub = readFileSync(path.join(dir, 'stacks', 'acme-eu-west-2-hub', 'cdk.tf'), 'utf8');
    expect(hub.trimStart().startsWith('{')).toBe(false);
    expect(hub).toMatch(/^resource "aws_ec2_transit_gateway" "hub_tgw" \{$/m);
  });

  it('writes policies as jsonencode() expressions with live references (terraform-cdk#3911)', () => {
    const spoke = readFileSync(path.join(dir, 'stacks', 'acme-eu-west-2-spoke-prod-app', 'cdk.tf'), 'utf8');
    expect(spoke).toMatch(/^ {2}policy = jsonencode\(\{ "Version" = "2012-10-17", .*"Resource" = "\$\{aws_cloudwatch_log_group\.vpc_flow_logs_log_group\.arn\}:\*"/m);
    expect(spoke).not.toMatch(/"\{\\"Version/);
  });

  it('requires Terraform 1.11 in every stack, as the JSON does', () => {
    for (const stack of stacks) expect(readFileSync(path.join(dir, 'stacks', stack, 'cdk.tf'), 'utf8')).toMatch(/^ {2}required_version = ">= 1\.11"$/m);
  });

  it('has no quoted provider reference and no interpolation-only string', () => {
    for (const stack of stacks) {
      const hcl = readFileSync(path.join(dir, 'stacks', stack, 'cdk.tf'), 'utf8');
      expect(hcl).not.toMatch(/provider\s*=\s*"aws/);
      expect(hcl).not.toMatch(/= "\$\{[^"]*\}"$/m);
    }
  });
});
