/**
 * How to run this folder: applying the stacks with plain Terraform, where their
 * state lives, and regenerating the folder from the blueprint. Written for
 * someone who has Terraform but has never used gwlb-blueprint.
 */
import { LOCK_FILE } from '../../synth/provider-lock';
import { AWS_PROVIDER } from '../../terraform/mirror';
import type { Section } from './context';
import { code } from './markdown';

/** hashicorp/aws 5.100.0 unpacked, for linux_amd64 (other platforms are within a few per cent). */
const PROVIDER_MB = 675;

export const applying: Section = ({ stacks }) => [
  '## Applying with plain Terraform',
  '',
  `First give every stack one shared provider cache. Each stack's \`terraform init\` otherwise installs its own copy of the AWS provider (about ${PROVIDER_MB} MB: ${((stacks.length * PROVIDER_MB) / 1000).toFixed(1)} GB for these ${stacks.length} stacks); with the cache it links the one copy:`,
  '',
  '```sh',
  'export TF_PLUGIN_CACHE_DIR="$HOME/.terraform.d/plugin-cache"   # or plugin_cache_dir in ~/.terraformrc',
  'mkdir -p "$TF_PLUGIN_CACHE_DIR"',
  '```',
  '',
  `Every stack folder holds a \`${LOCK_FILE}\` that pins hashicorp/aws ${AWS_PROVIDER.version} with its checksums for every platform. Keep it (commit it with the stacks): Terraform uses a cached provider only for a provider whose checksum the lock file already records, and it refuses a provider that does not match.`,
  '',
  'Then, from this folder, one stack after the other, in the order above (review each plan before applying it):',
  '',
  '```sh',
  ...stacks.map((s) => `(cd ${s.dir} && terraform init && terraform plan -out=tfplan && terraform apply tfplan)`),
  '```',
  '',
  '- Run Terraform inside each stack\'s folder: the state path and the files a stack reads are relative to it.',
  ...stacks
    .filter((s) => s.extraFiles.length > 0)
    .map((s) => `- Keep ${s.extraFiles.map(code).join(', ')} beside ${code(s.file)}: ${s.extraFiles.some((f) => f.startsWith('bootstrap/')) ? 'the launch template reads the appliances\' user data from it at plan time' : 'the stack reads it at plan time'}.`),
  '- A stack plans only once the stacks it depends on are applied: it reads their outputs from their state.',
  '- To tear down, `terraform destroy` the stacks in the reverse order.',
  '- Terraform 1.11 or later; the stacks pin the AWS provider version they were written for (`required_providers`).',
  '- From the cdktf project that produced this folder, `npx cdktf deploy \'*\'` applies the same stacks in the same order.',
  '',
];

/** Told from the backends as written (not only the blueprint), so the text matches what `terraform init` will do. */
export const state: Section = ({ model, stacks }) => {
  const backends = stacks.map((s) => s.backend);
  if (model.state.backend === 's3' || backends.some((b) => b?.kind === 's3')) {
    const keys = stacks.flatMap((s) => (s.backend?.kind === 's3' ? [s.backend.key] : []));
    const lock = backends.every((b) => b?.kind !== 's3' || b.lockfile);
    const bucket = model.state.backend === 's3' ? model.state.bucket : '';
    const region = model.state.backend === 's3' ? model.state.region : '';
    return [
      '## State',
      '',
      `Each stack keeps its state in the S3 bucket ${code(bucket)} (${region}), encrypted, one key per stack (${keys.slice(0, 2).map(code).join(', ')}${keys.length > 2 ? ', ...' : ''}).` +
        (lock ? ' Runs are locked with a lock file beside the state (`use_lockfile`, Terraform 1.11 or later); no DynamoDB table is needed.' : ''),
      '',
      'The backend uses the credentials Terraform runs with, not the account roles: they need `s3:ListBucket` on the bucket and `s3:GetObject`, `s3:PutObject` and `s3:DeleteObject` on the keys. Later stacks read earlier stacks\' outputs from the same bucket.',
      '',
    ];
  }
  return [
    '## State',
    '',
    'Each stack keeps its state in this folder, in `state/<stack>.tfstate` (local backend; the path is `../../state/` from a stack\'s folder). Later stacks read earlier stacks\' outputs from the same files.',
    '',
    '- `gwlb-blueprint synth --force` keeps `state/` when it rewrites this folder; everything else is replaced. Never delete `state/`: without it Terraform no longer knows what it created.',
    '- Back it up and keep it private (it records every resource\'s ID and attributes). For a team, set `state.backend` to `s3` in the blueprint, regenerate, and run `terraform init -migrate-state` in each stack.',
    '- Runs are not locked: let one person apply at a time.',
    '',
  ];
};

/** The command that wrote this folder, HCL kept HCL. */
export const regenerating: Section = ({ stacks }) => [
  '## Regenerating',
  '',
  'Change the blueprint, then rewrite this folder and check it:',
  '',
  '```sh',
  `npx gwlb-blueprint synth -b blueprint.json -o <this folder>${stacks.some((s) => s.file.endsWith('.tf')) ? ' --hcl' : ''} --force   # keeps state/`,
  'npx gwlb-blueprint verify <this folder>',
  '```',
  '',
  'Stack names, resource addresses and subnet CIDRs derive from blueprint names only, so a plan after regenerating shows changes only where the blueprint changed.',
];
