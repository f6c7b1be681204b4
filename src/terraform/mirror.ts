/**
 * Finding a local filesystem mirror of the AWS provider the stacks pin
 * (hashicorp/aws 5.100.0), so that `terraform init` works offline and in half a
 * second instead of downloading ~150 MB per run. Looked up at run time, never
 * hard-coded: `TF_PLUGIN_MIRROR`, then Terraform's own implied local mirror
 * directories, then one level below a few conventional roots.
 *
 * A mirror is a folder in Terraform's mirror layout, unpacked
 * (`registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws_…`)
 * or packed (`registry.terraform.io/hashicorp/aws/terraform-provider-aws_5.100.0_linux_amd64.zip`).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { entries, isDir, isFile } from './fs-probe';

/** The provider every synthesized stack requires, pinned by @cdktf/provider-aws 20.1.0. */
export const AWS_PROVIDER = {
  hostname: 'registry.terraform.io',
  namespace: 'hashicorp',
  type: 'aws',
  version: '5.100.0',
} as const;

/** `registry.terraform.io/hashicorp/aws`, as a CLI configuration's include/exclude lists name it. */
export const AWS_PROVIDER_ADDRESS = `${AWS_PROVIDER.hostname}/${AWS_PROVIDER.namespace}/${AWS_PROVIDER.type}`;

export type MirrorSource = 'TF_PLUGIN_MIRROR' | 'implied' | 'search';

export interface ProviderMirror {
  /** The mirror's root: what `filesystem_mirror { path = … }` takes. */
  readonly path: string;
  /** The folder or zip inside it that holds the provider for this platform. */
  readonly package: string;
  readonly layout: 'unpacked' | 'packed';
  /** How it was found. */
  readonly source: MirrorSource;
}

/** TF_PLUGIN_MIRROR names a folder that holds no such provider: said loudly rather than silently ignored. */
export class MirrorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MirrorConfigError';
  }
}

export interface FindMirrorOptions {
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default os.homedir() */
  readonly home?: string;
  /** Terraform's platform name, e.g. `linux_amd64`. @default terraformPlatform() */
  readonly platform?: string;
  /** @default AWS_PROVIDER.version */
  readonly version?: string;
  /** Replaces Terraform's implied local mirror directories (tests). */
  readonly impliedDirs?: readonly string[];
  /** Replaces the roots searched one level deep (tests). */
  readonly searchRoots?: readonly string[];
}

const GOOS: Readonly<Record<string, string>> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
  sunos: 'solaris',
};
const GOARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

/** Terraform's name for a Node platform and CPU: `linux_amd64`, `darwin_arm64`, `windows_386`… */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  return `${GOOS[platform] ?? platform}_${GOARCH[arch] ?? arch}`;
}

/**
 * The local mirror directories Terraform consults when a CLI configuration has no
 * `provider_installation` block (Terraform docs, "Implied Local Mirror Directories").
 */
export function impliedMirrorDirs(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir(), platform: string = process.platform): string[] {
  if (platform === 'win32') {
    return env.APPDATA ? [path.join(env.APPDATA, 'terraform.d', 'plugins')] : [];
  }
  const dirs = [path.join(home, '.terraform.d', 'plugins')];
  if (env.XDG_DATA_HOME) dirs.push(path.join(env.XDG_DATA_HOME, 'terraform', 'plugins'));
  dirs.push(path.join(home, '.local', 'share', 'terraform', 'plugins'));
  const dataDirs = env.XDG_DATA_DIRS ? env.XDG_DATA_DIRS.split(path.delimiter).filter(Boolean) : [];
  for (const dir of dataDirs) dirs.push(path.join(dir, 'terraform', 'plugins'));
  dirs.push('/usr/local/share/terraform/plugins', '/usr/share/terraform/plugins');
  return [...new Set(dirs)];
}

/** Roots below which a mirror folder is looked for, one level deep (e.g. `/opt/<something>`). */
export function defaultSearchRoots(home: string = os.homedir()): string[] {
  return [...new Set(['/opt', '/usr/local/share', '/usr/share', home])];
}

/**
 * The first mirror of hashicorp/aws `version` for `platform`, or undefined when
 * there is none (then `terraform init` installs from the registry).
 * Throws MirrorConfigError when TF_PLUGIN_MIRROR is set but holds no such provider.
 */
export function findProviderMirror(options: FindMirrorOptions = {}): ProviderMirror | undefined {
  const env = options.env ?? process.env;
  const home = options.home ?? os.homedir();
  const platform = options.platform ?? terraformPlatform();
  const version = options.version ?? AWS_PROVIDER.version;

  const explicit = env.TF_PLUGIN_MIRROR?.trim();
  if (explicit) {
    const found = mirrorAt(path.resolve(explicit), version, platform, 'TF_PLUGIN_MIRROR');
    if (!found) {
      throw new MirrorConfigError(
        `TF_PLUGIN_MIRROR=${explicit} holds no ${AWS_PROVIDER_ADDRESS} ${version} for ${platform} ` +
          `(expected ${unpackedProviderDir(explicit, version, platform)}/ or a packed zip); unset it to search elsewhere`,
      );
    }
    return found;
  }

  for (const dir of options.impliedDirs ?? impliedMirrorDirs(env, home)) {
    const found = mirrorAt(dir, version, platform, 'implied');
    if (found) return found;
  }

  for (const root of options.searchRoots ?? defaultSearchRoots(home)) {
    for (const candidate of [root, ...childDirs(root)]) {
      const found = mirrorAt(candidate, version, platform, 'search');
      if (found) return found;
    }
  }
  return undefined;
}

/** The mirror rooted at `dir`, if it holds the provider in either layout. */
export function mirrorAt(dir: string, version: string, platform: string, source: MirrorSource): ProviderMirror | undefined {
  const unpacked = unpackedProviderDir(dir, version, platform);
  if (isDir(unpacked) && providerBinaryIn(unpacked)) {
    return { path: dir, package: unpacked, layout: 'unpacked', source };
  }
  const packed = path.join(dir, ...AWS_PROVIDER_ADDRESS.split('/'), `terraform-provider-${AWS_PROVIDER.type}_${version}_${platform}.zip`);
  if (isFile(packed)) return { path: dir, package: packed, layout: 'packed', source };
  return undefined;
}

/**
 * Where Terraform's unpacked layout keeps the provider under `root`: a mirror's
 * root, or the `.terraform/providers` folder that `terraform init` fills.
 */
export function unpackedProviderDir(root: string, version: string = AWS_PROVIDER.version, platform: string = terraformPlatform()): string {
  return path.join(root, ...AWS_PROVIDER_ADDRESS.split('/'), version, platform);
}

/** The name of the provider's executable in an unpacked provider folder, if it is there. */
export function providerBinaryIn(dir: string): string | undefined {
  return entries(dir).find((f) => f.startsWith(`terraform-provider-${AWS_PROVIDER.type}`));
}

function childDirs(root: string): string[] {
  return entries(root)
    .sort()
    .map((name) => path.join(root, name))
    .filter(isDir);
}
