/**
 * Terraform itself reads every user string of a synthesized stack as data, in
 * JSON and in HCL: `terraform validate` passes although the strings call file()
 * on a path that does not exist (evaluated anywhere, provider blocks included,
 * it would fail), and a mocked plan shows the health-check path and every tag of
 * the appliances exactly as typed (compared with a JSON file Terraform reads, so
 * the expected text needs no escaping of its own).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraformEnv, writeCliConfig } from '../../src/terraform/cli-config';
import { run } from '../../src/terraform/command';
import { findProviderMirror } from '../../src/terraform/mirror';
import { renderProofTest } from '../../src/terraform/mock-test';
import { readSynthesis } from '../../src/terraform/synthesis';
import { synthesizeNetwork, synthesizeNetworkHcl } from '../../src/synth/synthesize';
import { FAILING_INJECTIONS, hostileModel, QUOTING, TEMPLATE_INJECTIONS } from '../helpers/hostile';
import { withTerraform } from './with-terraform';

const EGRESS = 'acme-eu-west-2-egress';
const TEST_FILE = 'as-typed.tftest.hcl';

const ASSERTIONS = `
run "as_typed" {
  command = plan

  assert {
    condition     = aws_lb_target_group.fleet_lab_target_group.health_check[0].path == jsondecode(file("expected.json")).path
    error_message = "the health-check path is not the typed text"
  }
  assert {
    # Every blueprint tag, plus ManagedBy, gwlb-blueprint:network and Name: none lost, none merged into another.
    condition     = length(aws_launch_template.fleet_lab_launch_template.tag_specifications[0].tags) == jsondecode(file("expected.json")).count + 3
    error_message = "the appliances do not carry every tag"
  }
  assert {
    condition     = alltrue([for k, v in jsondecode(file("expected.json")).tags : aws_launch_template.fleet_lab_launch_template.tag_specifications[0].tags[k] == v])
    error_message = "the appliances' tags are not the typed text"
  }
  assert {
    condition     = alltrue([for k, v in jsondecode(file("expected.json")).tags : anytrue([for t in aws_autoscaling_group.fleet_lab_asg.tag : t.key == k && t.value == v])])
    error_message = "the Auto Scaling group's tags are not the typed text"
  }
}
`;

withTerraform('test/terraform/user-strings.test.ts', 'that Terraform reads user strings as data', (terraform) => {
  describe('user strings, as Terraform reads them', () => {
    let root: string;
    let env: NodeJS.ProcessEnv;
    const { model, tags, path: typedPath } = hostileModel([...TEMPLATE_INJECTIONS, ...FAILING_INJECTIONS, QUOTING]);

    beforeAll(async () => {
      root = mkdtempSync(path.join(os.tmpdir(), 'gwlb-strings-tf-'));
      const mirror = findProviderMirror({ env: process.env });
      env = terraformEnv(writeCliConfig(root, { mirror, pluginCacheDir: mirror?.layout === 'unpacked' ? undefined : path.join(root, 'plugin-cache') }));
      const json = synthesizeNetwork(model, { outdir: path.join(root, 'json') });
      await synthesizeNetworkHcl(model, { outdir: path.join(root, 'hcl') });
      // The mocks are the proof's own (the same resources in both formats), with these assertions for runs.
      const synthesis = readSynthesis(path.join(root, 'json'), json.stacks);
      const proof = renderProofTest(synthesis.stacks.get(EGRESS)!, synthesis.stacks).content;
      const mocks = proof.slice(0, proof.indexOf('run "plan"'));
      for (const format of ['json', 'hcl']) {
        const dir = path.join(root, 'proof', format);
        cpSync(path.join(root, format, 'stacks', EGRESS), dir, { recursive: true });
        writeFileSync(path.join(dir, TEST_FILE), mocks + ASSERTIONS);
        writeFileSync(path.join(dir, 'expected.json'), JSON.stringify({ path: typedPath, tags, count: Object.keys(tags).length }));
      }
    });
    afterAll(() => {
      if (root) rmSync(root, { recursive: true, force: true });
    });

    test.each(['json', 'hcl'])('%s: validate evaluates none of them, and a mocked plan sees them as typed', async (format) => {
      const dir = path.join(root, 'proof', format);
      const step = async (args: string[]) => {
        const result = await run(terraform, [...args, '-no-color'], dir, env, 300);
        if (result.code !== 0) throw new Error(`terraform ${args.join(' ')} (${format}) exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
        return result.stdout;
      };
      await step(['init', '-backend=false', '-input=false']);
      await step(['validate']);
      expect(await step(['test', `-filter=${TEST_FILE}`])).toMatch(/1 passed, 0 failed/);
    }, 300_000);
  });
});
