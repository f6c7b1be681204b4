/**
 * The project `init` writes around a blueprint, from `templates/project/`: a
 * cdktf project that installs the very gwlb-blueprint that wrote it (vendored as
 * a tarball, see generator-package.ts) with every dependency pinned by a lock
 * file (scaffold-lock.ts). Writing it is scaffold-write.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NetworkModel } from '../blueprint/model';
import type { Blueprint } from '../blueprint/schema';
import { hubStackName, peeringStackName, vpcStackName } from '../stacks/names';
import { packGenerator, type GeneratorPackage, type PackageManifest } from './generator-package';
import { formatLock, scaffoldLock, type PackageLock } from './scaffold-lock';
import { gitignoreStateNote, layoutNote, stateSection } from './scaffold-text';

export { checkTarget, unusedTarballs, writeProject, type WriteResult } from './scaffold-write';

/** The installed package's root: `dist/wizard/..`, or `src/wizard/..` under the tests. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const REFERENCE_BLUEPRINT = path.join(PACKAGE_ROOT, 'templates', 'reference.blueprint.json');
const PROJECT_TEMPLATES = path.join(PACKAGE_ROOT, 'templates', 'project');

export interface ScaffoldFile {
  /** Relative to the project folder, `/`-separated. */
  readonly path: string;
  readonly content: string | Buffer;
}

/** Where the project keeps the generator's tarball. */
export const VENDOR_DIR = 'vendor';

/** The scaffold's files, in the order they are listed to the user (the tarball is `vendor/<tarballName>`). */
export function scaffoldFiles(tarballName: string): string[] {
  return ['blueprint.json', 'package.json', 'package-lock.json', `${VENDOR_DIR}/${tarballName}`, 'cdktf.json', 'main.js', 'README.md', '.gitignore'];
}

export interface PackageInfo {
  readonly generator: GeneratorPackage;
  /** The generator's own package-lock.json. */
  readonly generatorLock: PackageLock;
  readonly cdktfCliVersion: string;
}

/** The running gwlb-blueprint: packed, with its lock file (a checkout's own, or the copy the build puts in dist/). */
export function packageInfo(root: string = PACKAGE_ROOT): PackageInfo {
  const generator = packGenerator(root);
  const lockFile = [path.join(root, 'package-lock.json'), path.join(root, 'dist', 'dependency-lock.json')].find((f) => existsSync(f));
  if (!lockFile) throw new Error(`internal: ${root} has neither package-lock.json nor dist/dependency-lock.json; this package was built without \`npm run build\``);
  const generatorLock = JSON.parse(readFileSync(lockFile, 'utf8')) as PackageLock;
  const cdktfCli = generator.manifest.devDependencies?.['cdktf-cli'] ?? generator.manifest.dependencies?.['cdktf-cli'];
  const locked = generatorLock.packages['node_modules/cdktf-cli']?.version;
  if (!cdktfCli || !locked) throw new Error('internal: the generator names no cdktf-cli to pin the project to');
  // The project pins the cdktf-cli this generator was tested with: the one its lock file holds.
  return { generator, generatorLock, cdktfCliVersion: locked };
}

/** Every file of the project, rendered for this blueprint. */
export function renderProject(blueprint: Blueprint, model: NetworkModel, info: PackageInfo = packageInfo()): ScaffoldFile[] {
  const { generator } = info;
  const vendorFile = `${VENDOR_DIR}/${generator.tarballName}`;
  const values: Record<string, string> = {
    name: blueprint.name,
    packageName: `${blueprint.name}-network`,
    projectId: `gwlb-blueprint-${blueprint.name}`,
    version: generator.manifest.version,
    vendorFile,
    cdktfCliVersion: info.cdktfCliVersion,
    summary: summaryLine(model),
    stacks: stackList(model),
    deployNotes: deployNotes(model),
    layoutNote: layoutNote(model, blueprint),
    stateSection: stateSection(model),
    stateNote: gitignoreStateNote(model),
  };
  const render = (template: string) => fill(readFileSync(path.join(PROJECT_TEMPLATES, template), 'utf8'), values);
  const packageJson = render('package.json.tmpl');
  const lock = scaffoldLock({
    generatorLock: info.generatorLock,
    generator: generator.manifest,
    generatorResolved: `file:${vendorFile}`,
    generatorIntegrity: generator.integrity,
    project: JSON.parse(packageJson) as PackageManifest,
  });
  return [
    { path: 'blueprint.json', content: `${JSON.stringify(blueprint, null, 2)}\n` },
    { path: 'package.json', content: packageJson },
    { path: 'package-lock.json', content: formatLock(lock) },
    { path: vendorFile, content: generator.tarball },
    { path: 'cdktf.json', content: render('cdktf.json.tmpl') },
    { path: 'main.js', content: render('main.js') },
    { path: 'README.md', content: render('README.md.tmpl') },
    // npm never packs a file named .gitignore, so the template goes without the dot.
    { path: '.gitignore', content: render('gitignore') },
  ];
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (all, key: string) => {
    if (!(key in values)) throw new Error(`internal: template placeholder ${all} has no value`);
    return values[key];
  });
}

function summaryLine(model: NetworkModel): string {
  const accounts = Object.keys(model.accounts).length;
  const regions = model.regions.map((r) => {
    const parts = [`${r.fleets.length} fleet${r.fleets.length === 1 ? '' : 's'}`, `${r.dmzs.length} DMZ${r.dmzs.length === 1 ? '' : 's'}`, `${r.spokes.length} spoke${r.spokes.length === 1 ? '' : 's'}`];
    if (r.vpns.length > 0) parts.push(`${r.vpns.length} VPN${r.vpns.length === 1 ? '' : 's'}`);
    return `${r.code} (${parts.join(', ')})`;
  });
  return `${accounts} AWS account${accounts === 1 ? '' : 's'}, ${regions.join(' and ')}`;
}

function stackList(model: NetworkModel): string {
  const lines: string[] = [];
  for (const region of model.regions) {
    lines.push(`- \`${hubStackName(model, region)}\`: Transit Gateway, its route tables, RAM share${region.vpns.length > 0 ? ', VPNs' : ''} (account ${region.transitGateway.account})`);
    const fleets = region.fleets.map((f) => f.name).join(', ');
    const behind = region.fleets.length === 1 ? `fleet ${fleets} behind its GWLB` : `fleets ${fleets} behind their GWLBs`;
    lines.push(`- \`${vpcStackName(model, region, region.egress)}\`: egress VPC, NAT, ${behind} (account ${region.egress.account})`);
    for (const dmz of region.dmzs) lines.push(`- \`${vpcStackName(model, region, dmz)}\`: DMZ VPC, inspected by ${dmz.fleet} (account ${dmz.account})`);
    for (const spoke of region.spokes) lines.push(`- \`${vpcStackName(model, region, spoke)}\`: spoke VPC (account ${spoke.account})`);
  }
  const tgwAccount = (code: string) => model.regions.find((r) => r.code === code)!.transitGateway.account;
  for (const peering of model.interRegion.peerings) {
    // The requester's account creates the peering; the accepter's accepts it (and routes its side) from the same stack.
    const accounts = [...new Set([tgwAccount(peering.requester), tgwAccount(peering.accepter)])];
    const inspected = peering.inspectedBy.length === 1 ? `inspected in ${peering.inspectedBy[0]} only` : 'inspected in both regions';
    lines.push(
      `- \`${peeringStackName(model, peering)}\`: TGW peering ${peering.requester} ↔ ${peering.accepter} and the static routes across it, ${inspected} (account${accounts.length === 1 ? '' : 's'} ${accounts.join(' and ')})`,
    );
  }
  return lines.join('\n');
}

function deployNotes(model: NetworkModel): string {
  const notes: string[] = [];
  const secretless = model.regions.flatMap((r) => r.fleets.filter((f) => !f.bootstrapSecret && !f.bootstrapBucket).map((f) => f.name));
  if (secretless.length > 0) {
    notes.push(`- fleet${secretless.length === 1 ? '' : 's'} ${secretless.join(', ')} ha${secretless.length === 1 ? 's' : 've'} no \`bootstrapSecret\` or \`bootstrapBucket\`: the appliances boot unconfigured until you give them one;`);
  }
  if (model.state.backend === 's3') notes.push(`- the state bucket \`${model.state.bucket}\` must exist (with versioning) in ${model.state.region};`);
  notes.push('- run `npx gwlb-blueprint verify cdktf.out` after every synth: it fails when a flow could bypass inspection.');
  return notes.join('\n');
}
