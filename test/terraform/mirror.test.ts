/** Finding a local mirror of hashicorp/aws 5.100.0 in fake layouts under a temp dir. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultSearchRoots, findProviderMirror, impliedMirrorDirs, MirrorConfigError, terraformPlatform, type FindMirrorOptions } from '../../src/terraform/mirror';

const PLATFORM = 'linux_amd64';
let tmp: string;

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gwlb-mirror-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** `<root>/registry.terraform.io/hashicorp/aws/<version>/<platform>/terraform-provider-aws_v<version>_x5`. */
function unpacked(root: string, version = '5.100.0', platform = PLATFORM): string {
  const dir = path.join(root, 'registry.terraform.io', 'hashicorp', 'aws', version, platform);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `terraform-provider-aws_v${version}_x5`), '');
  return root;
}

function packed(root: string, version = '5.100.0', platform = PLATFORM): string {
  const dir = path.join(root, 'registry.terraform.io', 'hashicorp', 'aws');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `terraform-provider-aws_${version}_${platform}.zip`), '');
  return root;
}

/** Only the given places are looked at: nothing of the real machine leaks in. */
function find(options: FindMirrorOptions = {}) {
  return findProviderMirror({ env: {}, home: path.join(tmp, 'home'), platform: PLATFORM, impliedDirs: [], searchRoots: [], ...options });
}

describe('terraformPlatform', () => {
  it.each([
    ['linux', 'x64', 'linux_amd64'],
    ['linux', 'arm64', 'linux_arm64'],
    ['darwin', 'arm64', 'darwin_arm64'],
    ['darwin', 'x64', 'darwin_amd64'],
    ['win32', 'x64', 'windows_amd64'],
    ['win32', 'ia32', 'windows_386'],
    ['freebsd', 'arm', 'freebsd_arm'],
  ])('%s %s is %s', (platform, arch, expected) => {
    expect(terraformPlatform(platform, arch)).toBe(expected);
  });

  it('defaults to this machine', () => {
    expect(terraformPlatform()).toMatch(/^[a-z]+_[a-z0-9]+$/);
  });
});

describe('findProviderMirror', () => {
  it('finds nothing when no place holds the provider', () => {
    mkdirSync(path.join(tmp, 'empty', 'child'), { recursive: true });
    expect(find({ impliedDirs: [path.join(tmp, 'empty'), path.join(tmp, 'missing')], searchRoots: [path.join(tmp, 'empty'), path.join(tmp, 'nope')] })).toBeUndefined();
  });

  it('takes TF_PLUGIN_MIRROR first, over an implied directory and a search hit', () => {
    const explicit = unpacked(path.join(tmp, 'explicit'));
    const implied = unpacked(path.join(tmp, 'implied'));
    unpacked(path.join(tmp, 'root', 'mirror'));
    const found = find({ env: { TF_PLUGIN_MIRROR: explicit }, impliedDirs: [implied], searchRoots: [path.join(tmp, 'root')] });
    expect(found).toEqual({
      path: explicit,
      package: path.join(explicit, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', PLATFORM),
      layout: 'unpacked',
      source: 'TF_PLUGIN_MIRROR',
    });
  });

  it('says so when TF_PLUGIN_MIRROR holds no such provider, instead of quietly looking elsewhere', () => {
    const other = unpacked(path.join(tmp, 'old'), '5.99.0');
    unpacked(path.join(tmp, 'implied'));
    expect(() => find({ env: { TF_PLUGIN_MIRROR: other }, impliedDirs: [path.join(tmp, 'implied')] })).toThrow(MirrorConfigError);
    expect(() => find({ env: { TF_PLUGIN_MIRROR: other } })).toThrow(/TF_PLUGIN_MIRROR=.*old holds no registry\.terraform\.io\/hashicorp\/aws 5\.100\.0 for linux_amd64/);
  });

  it('ignores an empty TF_PLUGIN_MIRROR', () => {
    const implied = unpacked(path.join(tmp, 'implied'));
    expect(find({ env: { TF_PLUGIN_MIRROR: '  ' }, impliedDirs: [implied] })).toMatchObject({ path: implied, source: 'implied' });
  });

  it('takes the first implied local mirror directory that holds the provider, before searching', () => {
    const second = unpacked(path.join(tmp, 'share', 'terraform', 'plugins'));
    unpacked(path.join(tmp, 'root', 'mirror'));
    const found = find({ impliedDirs: [path.join(tmp, 'first-missing'), second], searchRoots: [path.join(tmp, 'root')] });
    expect(found).toMatchObject({ path: second, source: 'implied', layout: 'unpacked' });
  });

  it('finds a mirror one level below a search root, in name order', () => {
    const root = path.join(tmp, 'opt');
    mkdirSync(path.join(root, 'aaa-unrelated'), { recursive: true });
    writeFileSync(path.join(root, 'a-file'), '');
    const mirror = unpacked(path.join(root, 'tf-plugins'));
    unpacked(path.join(root, 'zz-later'));
    expect(find({ searchRoots: [path.join(tmp, 'missing-root'), root] })).toMatchObject({ path: mirror, source: 'search' });
  });

  it('does not search two levels down', () => {
    const root = path.join(tmp, 'opt');
    unpacked(path.join(root, 'vendor', 'tf-plugins'));
    expect(find({ searchRoots: [root] })).toBeUndefined();
  });

  it('wants the pinned version, this platform, and a provider binary in the folder', () => {
    const root = path.join(tmp, 'opt');
    unpacked(path.join(root, 'old-version'), '5.99.0');
    unpacked(path.join(root, 'other-platform'), '5.100.0', 'darwin_arm64');
    mkdirSync(path.join(root, 'empty-layout', 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', PLATFORM), { recursive: true });
    expect(find({ searchRoots: [root] })).toBeUndefined();
    expect(find({ searchRoots: [root], platform: 'darwin_arm64' })).toMatchObject({ path: path.join(root, 'other-platform') });
    expect(find({ searchRoots: [root], version: '5.99.0' })).toMatchObject({ path: path.join(root, 'old-version') });
  });

  it('accepts the packed layout (a zip per version and platform)', () => {
    const mirror = packed(path.join(tmp, 'packed'));
    expect(find({ env: { TF_PLUGIN_MIRROR: mirror } })).toEqual({
      path: mirror,
      package: path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', `terraform-provider-aws_5.100.0_${PLATFORM}.zip`),
      layout: 'packed',
      source: 'TF_PLUGIN_MIRROR',
    });
  });

  it('searches the home directory and a few conventional roots by default', () => {
    expect(defaultSearchRoots('/home/u')).toEqual(['/opt', '/usr/local/share', '/usr/share', '/home/u']);
    const home = path.join(tmp, 'home');
    const mirror = unpacked(path.join(home, 'terraform-mirror'));
    expect(find({ searchRoots: defaultSearchRoots(home).filter((r) => r === home) })).toMatchObject({ path: mirror, source: 'search' });
  });
});

describe('impliedMirrorDirs', () => {
  it("lists Terraform's implied local mirror directories, XDG ones included", () => {
    const dirs = impliedMirrorDirs({ XDG_DATA_HOME: '/xdg/data', XDG_DATA_DIRS: '/xdg/a:/xdg/b' }, '/home/u', 'linux');
    expect(dirs).toEqual([
      '/home/u/.terraform.d/plugins',
      '/xdg/data/terraform/plugins',
      '/home/u/.local/share/terraform/plugins',
      '/xdg/a/terraform/plugins',
      '/xdg/b/terraform/plugins',
      '/usr/local/share/terraform/plugins',
      '/usr/share/terraform/plugins',
    ]);
  });

  it('uses %APPDATA% on Windows', () => {
    expect(impliedMirrorDirs({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u', 'win32')).toHaveLength(1);
  });
});
