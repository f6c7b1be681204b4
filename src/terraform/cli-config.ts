/**
 * The Terraform CLI configuration the proof runs under (TF_CLI_CONFIG_FILE):
 * hashicorp/aws from the local mirror when there is one, everything else (and
 * aws too, without a mirror) installed as usual, and one plugin cache shared by
 * every stack so the provider is installed once per run.
 *
 * The runner always points TF_CLI_CONFIG_FILE at a file written here: a user's
 * own setting may name a file that does not exist (Terraform then warns on every
 * command) or one that installs providers differently.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { hclString } from './hcl-literal';
import { AWS_PROVIDER_ADDRESS, type ProviderMirror } from './mirror';

export const CLI_CONFIG_FILE = 'terraform.tfrc';

export interface CliConfigOptions {
  /** The mirror found by findProviderMirror (or its root folder); none → install from the registry. */
  readonly mirror?: ProviderMirror | string;
  /** Absolute folder for `plugin_cache_dir`; created by writeCliConfig. */
  readonly pluginCacheDir?: string;
}

export function renderCliConfig(options: CliConfigOptions = {}): string {
  const lines = ['# Written by gwlb-blueprint for its Terraform proof; safe to delete.'];
  const mirrorPath = typeof options.mirror === 'string' ? options.mirror : options.mirror?.path;
  if (options.pluginCacheDir) lines.push(`plugin_cache_dir = ${hclString(options.pluginCacheDir)}`);
  if (mirrorPath) {
    const provider = hclString(AWS_PROVIDER_ADDRESS);
    lines.push(
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${hclString(mirrorPath)}`,
      `    include = [${provider}]`,
      '  }',
      '  direct {',
      `    exclude = [${provider}]`,
      '  }',
      '}',
    );
  } else {
    // No provider_installation block: Terraform's default (implied local mirrors, then the registry).
    lines.push('# No local mirror of hashicorp/aws was found: providers install from their registries.');
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `<dir>/terraform.tfrc` (and the plugin cache folder) and returns the file's path. */
export function writeCliConfig(dir: string, options: CliConfigOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  if (options.pluginCacheDir) mkdirSync(options.pluginCacheDir, { recursive: true });
  const file = path.join(dir, CLI_CONFIG_FILE);
  writeFileSync(file, renderCliConfig(options));
  return file;
}

/**
 * The environment every proof command runs in: the caller's, with the CLI config
 * replaced, no update checks, no "run terraform apply next" hints, and no
 * stray TF_* settings that would change what is proved.
 */
export function terraformEnv(cliConfigFile: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (/^TF_(VAR_|CLI_ARGS|WORKSPACE$|DATA_DIR$|LOG|PLUGIN_CACHE_DIR$|INPUT$)/.test(key)) continue;
    env[key] = value;
  }
  env.TF_CLI_CONFIG_FILE = cliConfigFile;
  env.CHECKPOINT_DISABLE = '1';
  env.TF_IN_AUTOMATION = '1';
  env.TF_INPUT = '0';
  return env;
}
