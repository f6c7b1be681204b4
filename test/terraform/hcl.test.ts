/**
 * `synth --hcl` hands over HCL that Terraform itself accepts: every stack of the
 * reference blueprint (with its post-deploy checks) passes `terraform fmt -check`
 * and `terraform validate`.
 * Needs Terraform on the PATH, like the rest of the proof (skipped with one line
 * without it, failing with CI=true).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import type { Blueprint } from '../../src/blueprint/schema';
import { validateBlueprint } from '../../src/blueprint/validate';
import { synthesizeVerifiedHcl } from '../../src/synth/verified-synthesis';
import { terraformEnv, writeCliConfig } from '../../src/terraform/cli-config';
import { findProviderMirror } from '../../src/terraform/mirror';
import { run } from '../../src/terraform/command';
import { withTerraform } from './with-terraform';

withTerraform('test/terraform/hcl.test.ts', 'synth --hcl output passing terraform fmt -check and validate', (terraform) => {
  describe('synth --hcl of the reference blueprint', () => {
    let dir: string;
    let stacks: string[];
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-hcl-proof-'));
      const blueprint = readBlueprintFile(path.join(__dirname, '..', '..', 'templates', 'reference.blueprint.json')).value as Blueprint;
      // With the Reachability Analyzer stack: its replace_triggered_by takes bare references, which cdktf quotes.
      blueprint.postDeployChecks = { account: 'network' };
      const model = validateBlueprint(blueprint).model!;
      const { synthesis, verification } = await synthesizeVerifiedHcl(model, { outdir: path.join(dir, 'out'), postDeployChecks: true });
      expect(verification.ok).toBe(true);
      stacks = [...synthesis.stacks];
      env = terraformEnv(writeCliConfig(path.join(dir, 'cli'), { mirror: findProviderMirror() }));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('passes terraform fmt -check in every stack', async () => {
      const result = await run(terraform, ['fmt', '-check', '-recursive', '-list=true', '-diff'], path.join(dir, 'out', 'stacks'), env, 120);
      expect({ code: result.code, unformatted: result.stdout.trim() }).toEqual({ code: 0, unformatted: '' });
    });

    it(
      'passes terraform init and validate in every stack, without warnings',
      async () => {
        const validate = async (stack: string) => {
          const cwd = path.join(dir, 'out', 'stacks', stack);
          const init = await run(terraform, ['init', '-backend=false', '-input=false', '-no-color'], cwd, env, 300);
          if (init.code !== 0) return `${stack}: init failed\n${init.stderr || init.stdout}`;
          const result = await run(terraform, ['validate', '-no-color'], cwd, env, 300);
          if (result.code !== 0 || /Warning/.test(result.stdout + result.stderr)) return `${stack}: ${result.stdout}${result.stderr}`;
          return '';
        };
        const problems: string[] = [];
        for (let i = 0; i < stacks.length; i += 2) problems.push(...(await Promise.all(stacks.slice(i, i + 2).map(validate))));
        expect(problems.filter(Boolean)).toEqual([]);
      },
      10 * 60 * 1000,
    );
  });
});
