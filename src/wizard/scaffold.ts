/**
 * The project `init` writes around a blueprint, from `templates/project/`, and
 * the writing itself: every file is first written to a staging folder on the same
 * file system, then renamed into place, so an interrupted `init` leaves nothing
 * half-written. Only the scaffold's own files are ever written; nothing else in
 * the folder is touched (local Terraform state in `cdktf.out/state` above all).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NetworkModel } from '../blueprint/model';
import type { Blueprint } from '../blueprint/schema';
import { UserError } from '../util/errors';
import { isProcessAlive } from '../util/output-lock';
import { realPathOf } from '../util/real-path';
import { hubStackName, peeringStackName, vpcStackName } from '../stacks/names';

/** The installed package's root: `dist/wizard/..`, or `src/wizard/..` under the tests. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const REFERENCE_BLUEPRINT = path.join(PACKAGE_ROOT, 'templates', 'reference.blueprint.json');
const PROJECT_TEMPLATES = path.join(PACKAGE_ROOT, 'templates', 'project');

export interface ScaffoldFile {
  /** Relative to the project folder. */
  readonly path: string;
  readonly content: string;
}

/** The scaffold's files, in the order they are listed to the user. */
export const SCAFFOLD_FILES = ['blueprint.json', 'package.json', 'cdktf.json', 'main.js', 'README.md', '.gitignore'] as const;

interface PackageInfo {
  readonly version: string;
  readonly cdktfCliVersion: string;
}

export function packageInfo(): PackageInfo {
  const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string;
    devDependencies?: Record<string, string>;
    dependencies?: Record<string, string>;
  };
  const cdktfCli = pkg.devDependencies?.['cdktf-cli'] ?? pkg.dependencies?.['cdktf-cli'] ?? '0.21.0';
  return { version: pkg.version, cdktfCliVersion: cdktfCli.replace(/^[\^~]/, '') };
}

/** Every file of the project, rendered for this blueprint. */
export function renderProject(blueprint: Blueprint, model: NetworkModel, info: PackageInfo = packageInfo()): ScaffoldFile[] {
  const local = model.state.backend === 'local';
  const values: Record<string, string> = {
    name: blueprint.name,
    packageName: `${blueprint.name}-network`,
    projectId: `gwlb-blueprint-${blueprint.name}`,
    version: info.version,
    cdktfCliVersion: info.cdktfCliVersion,
    summary: summaryLine(model),
    stacks: stackList(model),
    deployNotes: deployNotes(model),
    stateSection: local ? LOCAL_STATE : s3State(model),
    stateNote: local ? LOCAL_STATE_IGNORE : S3_STATE_IGNORE,
  };
  const render = (template: string) => fill(readFileSync(path.join(PROJECT_TEMPLATES, template), 'utf8'), values);
  return [
    { path: 'blueprint.json', content: `${JSON.stringify(blueprint, null, 2)}\n` },
    { path: 'package.json', content: render('package.json.tmpl') },
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

const LOCAL_STATE = `This project keeps each stack's Terraform state in **\`cdktf.out/state/\`**
(the \`local\` backend). That folder is the only record of what Terraform
created: **never delete it**, even though the rest of \`cdktf.out\` is
regenerated by every \`npx cdktf synth\` (which leaves \`state/\` alone).

It is git-ignored with the rest of \`cdktf.out\` on purpose: Terraform state
holds secrets in plain text (the VPN tunnels' pre-shared keys among them), so
it must not land in a repository. Back it up somewhere safe, and for a network
that more than one person deploys, switch to the \`s3\` backend: set
\`"state": { "backend": "s3", "bucket": "…", "region": "…" }\` in
\`blueprint.json\`, then run \`npx cdktf deploy '*' --migrate-state\` once to
move each stack's state into the bucket.`;

function s3State(model: NetworkModel): string {
  if (model.state.backend !== 's3') return LOCAL_STATE;
  return `Each stack keeps its Terraform state in \`s3://${model.state.bucket}/${model.state.keyPrefix}/<stack>.tfstate\`
(region ${model.state.region}), locked with an S3 lock file (Terraform 1.11 or later).
Create the bucket before the first deploy, with versioning and encryption on;
the state holds secrets in plain text (the VPN tunnels' pre-shared keys among them).`;
}

const LOCAL_STATE_IGNORE = `# Careful: that includes cdktf.out/state/, the Terraform state of the local backend.
# It is ignored because it holds secrets (VPN pre-shared keys), but it cannot be
# written again: never delete it, back it up. See "Terraform state" in README.md.`;

const S3_STATE_IGNORE = `# Terraform state is in S3 (see blueprint.json), not here.`;

// ------------------------------------------------------------------ writing

/** Refuses a target that is a file, or a non-empty folder without --force. */
export function checkTarget(dir: string, force: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new UserError(`${dir} exists and is not a folder; nothing was written`);
  if (!force && readdirSync(dir).length > 0) {
    const edit = existsSync(path.join(dir, 'blueprint.json')) ? `; to change its network, run init ${dir} --from ${path.join(dir, 'blueprint.json')} --force` : '';
    throw new UserError(`${dir} exists and is not empty; nothing was written (--force writes the project files into it and leaves other files alone${edit})`);
  }
}

export interface WriteResult {
  readonly written: readonly string[];
  /** Files that existed and were replaced (only with --force). */
  readonly replaced: readonly string[];
}

/** Writes the files into `dir` all together, or not at all. */
export function writeProject(dir: string, files: readonly ScaffoldFile[], options: { force?: boolean } = {}): WriteResult {
  checkTarget(dir, options.force ?? false);
  // The folder a link points to, not the link: every write below lands inside it.
  const target = realPathOf(dir);
  removeStaleStaging(target);
  const fresh = !existsSync(target);
  // A new folder is staged beside it and renamed into place in one step; files for an
  // existing folder are staged inside it (same file system) and renamed one by one.
  if (fresh) mkdirSync(path.dirname(target), { recursive: true });
  const staging = fresh ? path.join(path.dirname(target), `.${path.basename(target)}.init-${process.pid}`) : path.join(target, `.gwlb-blueprint-init-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging);
    for (const file of files) {
      const at = path.join(staging, file.path);
      mkdirSync(path.dirname(at), { recursive: true });
      writeFileSync(at, file.content);
    }
    const replaced = fresh ? [] : files.filter((f) => existsSync(path.join(target, f.path))).map((f) => f.path);
    if (fresh) {
      renameSync(staging, target);
    } else {
      for (const file of files) renameSync(path.join(staging, file.path), path.join(target, file.path));
      rmSync(staging, { recursive: true, force: true });
    }
    return { written: files.map((f) => f.path), replaced };
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Staging folders of an init that was killed (its PID is gone): beside a new folder, or inside an existing one. */
function removeStaleStaging(target: string): void {
  const name = path.basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const places: [string, RegExp][] = [
    [path.dirname(target), new RegExp(`^\\.${name}\\.init-(\\d+)$`)],
    [target, /^\.gwlb-blueprint-init-(\d+)$/],
  ];
  for (const [dir, pattern] of places) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const entry of readdirSync(dir)) {
      const pid = Number(pattern.exec(entry)?.[1]);
      if (pid && !isProcessAlive(pid)) rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}
