/** The CLI configuration and environment the Terraform proof runs under. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_CONFIG_FILE, renderCliConfig, terraformEnv, writeCliConfig } from '../../src/terraform/cli-config';
import { findOnPath } from '../../src/terraform/command';
import { hclString } from '../../src/terraform/hcl-literal';
import type { ProviderMirror } from '../../src/terraform/mirror';

const MIRROR: ProviderMirror = {
  path: '/opt/some-mirror',
  package: '/opt/some-mirror/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64',
  layout: 'unpacked',
  source: 'search',
};

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gwlb-tfrc-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('renderCliConfig', () => {
  it('installs hashicorp/aws from the mirror only, everything else directly, through a plugin cache', () => {
    expect(renderCliConfig({ mirror: MIRROR, pluginCacheDir: '/tmp/cache' })).toBe(
      [
        '# Written by gwlb-blueprint for its Terraform proof; safe to delete.',
        'plugin_cache_dir = "/tmp/cache"',
        'provider_installation {',
        '  filesystem_mirror {',
        '    path    = "/opt/some-mirror"',
        '    include = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('takes a mirror folder as a plain path too', () => {
    expect(renderCliConfig({ mirror: '/srv/mirror' })).toContain('path    = "/srv/mirror"');
  });

  it('without a mirror, installs as Terraform normally does (no provider_installation block)', () => {
    const text = renderCliConfig({ pluginCacheDir: '/tmp/cache' });
    expect(text).toContain('plugin_cache_dir = "/tmp/cache"');
    expect(text).not.toContain('provider_installation');
    expect(text).not.toContain('filesystem_mirror');
  });

  it('quotes paths as HCL strings', () => {
    expect(hclString('C:\\tf "mirror"')).toBe('"C:\\\\tf \\"mirror\\""');
    expect(hclString('/a/${b}/%{c}')).toBe('"/a/$${b}/%%{c}"');
  });
});

describe('writeCliConfig', () => {
  it('writes the file and creates the plugin cache folder', () => {
    const cache = path.join(tmp, 'cache');
    const file = writeCliConfig(path.join(tmp, 'work'), { mirror: MIRROR, pluginCacheDir: cache });
    expect(file).toBe(path.join(tmp, 'work', CLI_CONFIG_FILE));
    expect(readFileSync(file, 'utf8')).toBe(renderCliConfig({ mirror: MIRROR, pluginCacheDir: cache }));
    expect(statSync(cache).isDirectory()).toBe(true);
  });

  const terraform = findOnPath('terraform');
  (terraform ? it : it.skip)('is a configuration Terraform reads without a complaint', () => {
    for (const options of [{ mirror: MIRROR, pluginCacheDir: path.join(tmp, 'cache') }, {}]) {
      const file = writeCliConfig(tmp, options);
      const out = execFileSync(terraform!, ['version'], { env: terraformEnv(file), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toMatch(/^Terraform v\d/);
      expect(out).not.toMatch(/problems with the CLI configuration|Warning|Error/);
    }
  });
});

describe('terraformEnv', () => {
  it("always points TF_CLI_CONFIG_FILE at the proof's own file, with no update checks or prompts", () => {
    const env = terraformEnv('/work/terraform.tfrc', { PATH: '/bin', HOME: '/root', TF_CLI_CONFIG_FILE: '/root/.terraformrc' });
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/root',
      TF_CLI_CONFIG_FILE: '/work/terraform.tfrc',
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
    });
  });

  it('drops TF_* settings that would change what is proved', () => {
    const env = terraformEnv('/f', { TF_VAR_x: '1', TF_CLI_ARGS_test: '-verbose', TF_WORKSPACE: 'prod', TF_DATA_DIR: '/d', TF_LOG: 'trace', TF_PLUGIN_CACHE_DIR: '/c', TF_PLUGIN_MIRROR: '/m' });
    expect(Object.keys(env).sort()).toEqual(['CHECKPOINT_DISABLE', 'TF_CLI_CONFIG_FILE', 'TF_INPUT', 'TF_IN_AUTOMATION', 'TF_PLUGIN_MIRROR']);
  });

  it('does not touch the environment it is given', () => {
    const base = { TF_CLI_CONFIG_FILE: '/root/.terraformrc' };
    terraformEnv('/f', base);
    expect(base).toEqual({ TF_CLI_CONFIG_FILE: '/root/.terraformrc' });
    expect(existsSync('/f')).toBe(false);
  });
});
