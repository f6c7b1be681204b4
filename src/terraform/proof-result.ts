/**
 * What a Terraform proof reports, per stack and for the whole synthesized
 * folder: the shapes proveSynthesized returns and the table prints.
 */
import type { ProviderMirror } from './mirror';

export type ProofStep = 'setup' | 'init' | 'validate' | 'test';
export const PROOF_STEPS: readonly ProofStep[] = ['setup', 'init', 'validate', 'test'];

export interface StackProof {
  readonly stack: string;
  readonly ok: boolean;
  /** The step that failed; the later ones did not run. */
  readonly failedStep?: ProofStep;
  /** What Terraform said, trimmed to the part worth reading (empty when ok). */
  readonly stderr: string;
  /** Wall-clock seconds for the whole stack. */
  readonly seconds: number;
  /** Seconds per step that ran. */
  readonly steps: Partial<Record<ProofStep, number>>;
  /** The scratch copy the proof ran in (gone unless keepWorkDir or workDir). */
  readonly dir: string;
}

export interface ProofResult {
  readonly ok: boolean;
  readonly synthDir: string;
  readonly workDir: string;
  readonly terraformVersion?: string;
  readonly mirror?: ProviderMirror;
  readonly concurrency: number;
  /** How validate and test reached the provider: 'shared' (one process for all), else why not. */
  readonly provider: string;
  readonly seconds: number;
  /** In the order of the synthesis manifest. */
  readonly stacks: readonly StackProof[];
}
