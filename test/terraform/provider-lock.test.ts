/**
 * The `.terraform.lock.hcl` every synthesized stack ships (src/synth/provider-lock.ts):
 * `terraform init` accepts it with the provider mirror the proof uses (or the
 * registry, without one), leaves it as it is, and links the provider from one
 * shared plugin cache into every stack instead of copying ~675 MB into each.
 * A lock without this platform's checksum is refused: the check is real.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import { buildModel } from '../../src/blueprint/model';
import type { Blueprint } from '../../src/blueprint/schema';
import { LOCK_FILE } from '../../src/synth/provider-lock';
import { synthesizeNetwork } from '../../src/synth/synthesize';
import { terraformEnv, writeCliConfig } from '../../src/terraform/cli-config';
import { AWS_PROVIDER, findProviderMirror, terraformPlatform } from '../../src/terraform/mirror';
import { withTerraform } from './with-terraform';

const ROOT = path.resolve(__dirname, '..', '..');

withTerraform(__filename, 'the shipped provider lock file', (terraform) => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'gwlb-lock-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const mirror = findProviderMirror();
  const cache = path.join(work, 'plugin-cache');
  const env = terraformEnv(writeCliConfig(path.join(work, 'cli'), { mirror, pluginCacheDir: cache }));
  const model = buildModel(readBlueprintFile(path.join(ROOT, 'examples', 'single-account.blueprint.json')).value as Blueprint);
  const synthesized = synthesizeNetwork(model, { outdir: path.join(work, 'out') });

  const init = (dir: string) => spawnSync(terraform, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
  const copyOf = (stack: string, as = stack) => {
    const dir = path.join(work, 'copies', as);
    cpSync(path.join(synthesized.outdir, 'stacks', stack), dir, { recursive: true });
    return dir;
  };
  const installed = (dir: string) => path.join(dir, '.terraform', 'providers', AWS_PROVIDER.hostname, AWS_PROVIDER.namespace, AWS_PROVIDER.type, AWS_PROVIDER.version, terraformPlatform());

  test('every stack holds the lock file, for the provider version its required_providers pin', () => {
    for (const stack of synthesized.stacks) {
      const dir = path.join(synthesized.outdir, 'stacks', stack);
      const required = (JSON.parse(readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) as { terraform: { required_providers: { aws: { version: string } } } }).terraform.required_providers.aws.version;
      expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toContain(`version     = "${required}"`);
    }
  });

  test(
    `terraform init takes it as it is (${mirror ? `mirror ${mirror.path}` : 'registry'}), and two stacks share one cached provider`,
    () => {
      const [first, second] = synthesized.stacks;
      for (const stack of [first, second]) {
        const dir = copyOf(stack);
        const shipped = readFileSync(path.join(dir, LOCK_FILE), 'utf8');
        const result = init(dir);
        expect({ stack, status: result.status, output: result.status === 0 ? '' : result.stdout + result.stderr }).toEqual({ stack, status: 0, output: '' });
        expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(shipped);
        // Linked from the cache, not copied into the stack.
        expect(lstatSync(installed(dir)).isSymbolicLink()).toBe(true);
        expect(readlinkSync(installed(dir)).startsWith(cache)).toBe(true);
      }
      expect(readdirSync(path.join(cache, AWS_PROVIDER.hostname, AWS_PROVIDER.namespace, AWS_PROVIDER.type))).toEqual([AWS_PROVIDER.version]);
    },
    600_000,
  );

  // The h1 below is linux_amd64's; other platforms and a zip mirror (checked by zh:) do not use it.
  const checkedByH1 = mirror?.layout === 'unpacked' && terraformPlatform() === 'linux_amd64';
  (checkedByH1 ? test : test.skip)(
    'without a checksum for this platform, the mirror\'s provider is refused',
    () => {
      const dir = copyOf(synthesized.stacks[0], 'tampered');
      const lock = readFileSync(path.join(dir, LOCK_FILE), 'utf8');
      // The h1 of linux_amd64, recomputed from the mirror with `terraform providers lock -fs-mirror`.
      writeFileSync(path.join(dir, LOCK_FILE), lock.replace(/\s*"h1:edXOJWE4ORX8Fm\+dpVpICzMZJat4AX0VRCAy\/xkcOc0=",/, ''));
      // No plugin cache: the mirror's folder itself is checked.
      const fresh = { ...env, TF_CLI_CONFIG_FILE: writeCliConfig(path.join(work, 'cli-nocache'), { mirror }) };
      const result = spawnSync(terraform, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env: fresh, encoding: 'utf8', timeout: 300_000 });
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/doesn't match any of the\s+checksums previously recorded in the dependency lock file/);
    },
    300_000,
  );
});
