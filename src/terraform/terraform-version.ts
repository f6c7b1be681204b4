/**
 * The Terraform the proof needs, checked once before any stack is copied: an
 * old Terraform fails every stack at `setup` with one clear sentence instead of
 * a parse error in the generated test file.
 */
import { run } from './command';
import { excerpt } from './diagnostics';

/** mock_provider and override_data in test files came with 1.7; the stacks require 1.11 (REQUIRED_TERRAFORM: use_lockfile generally available). */
export const MIN_TERRAFORM = [1, 11, 0] as const;

export interface TerraformCheck {
  /** As `terraform version -json` reports it; undefined when it cannot be run or read. */
  readonly version?: string;
  /** Why the proof cannot run with it; undefined when it can. */
  readonly problem?: string;
}

export async function checkTerraform(terraform: string, cwd: string, env: NodeJS.ProcessEnv): Promise<TerraformCheck> {
  const result = await run(terraform, ['version', '-json'], cwd, env, 60);
  if (result.code !== 0) return { problem: `cannot run ${terraform} version: ${excerpt(result.stderr || result.error || '')}` };
  const version = parseVersion(result.stdout);
  if (!version || compareVersions(version, MIN_TERRAFORM) < 0) {
    return {
      version,
      problem: `Terraform ${version ?? '(unknown version)'} is too old: the proof needs ${MIN_TERRAFORM.join('.')} or later (mock_provider in terraform test, S3 use_lockfile)`,
    };
  }
  return { version };
}

function parseVersion(json: string): string | undefined {
  try {
    return (JSON.parse(json) as { terraform_version?: string }).terraform_version;
  } catch {
    return undefined;
  }
}

/** Negative when `version` is older than `min`; pre-release suffixes are ignored. */
function compareVersions(version: string, min: readonly number[]): number {
  const parts = version.split(/[.-]/).map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < min.length; i++) {
    const d = (parts[i] || 0) - min[i];
    if (d !== 0) return d;
  }
  return 0;
}
