/**
 * Reading a synthesized folder the way the proof needs it: its stacks, in the
 * manifest's order, and each stack's Terraform JSON (`cdk.tf.json`). Only the
 * JSON is read, never the blueprint: what is proved is exactly what is handed off.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** The parts of a synthesized stack's Terraform JSON that the proof reads. */
export interface TerraformJson {
  readonly terraform?: { readonly backend?: Record<string, unknown> };
  readonly provider?: Record<string, readonly ProviderBlock[] | ProviderBlock>;
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly data?: Record<string, Record<string, unknown>>;
  readonly output?: Record<string, { readonly value?: unknown }>;
}

export interface ProviderBlock {
  readonly alias?: string;
  readonly region?: string;
  readonly allowed_account_ids?: readonly string[];
}

export interface StackTerraform {
  readonly name: string;
  readonly json: TerraformJson;
  /** The JSON text, searched for references. */
  readonly text: string;
}

/** Every stack of a synthesis that could be read, and why the others could not. */
export interface Synthesis {
  readonly stacks: ReadonlyMap<string, StackTerraform>;
  readonly unreadable: ReadonlyMap<string, string>;
}

/** Stack names of a synthesized folder: the manifest's order, else the folders of `stacks/`. */
export function stacksOf(synthDir: string): string[] {
  const manifestFile = path.join(synthDir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { stacks?: Record<string, unknown> };
    if (manifest.stacks) return Object.keys(manifest.stacks);
  }
  const stacksDir = path.join(synthDir, 'stacks');
  return readdirSync(stacksDir)
    .filter((d) => statSync(path.join(stacksDir, d)).isDirectory())
    .sort();
}

export function readStackTerraform(synthDir: string, stack: string): StackTerraform {
  const file = path.join(synthDir, 'stacks', stack, 'cdk.tf.json');
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: the Terraform proof needs the JSON synthesis (synth without --hcl)`);
  }
  const text = readFileSync(file, 'utf8');
  return { name: stack, json: JSON.parse(text) as TerraformJson, text };
}

/**
 * Every stack named in `names`, even when only some are proved: a consumer's
 * mocks take the shape of its producer's outputs. A stack that cannot be read
 * fails its own proof at setup, not the others'.
 */
export function readSynthesis(synthDir: string, names: readonly string[]): Synthesis {
  const stacks = new Map<string, StackTerraform>();
  const unreadable = new Map<string, string>();
  for (const stack of names) {
    try {
      stacks.set(stack, readStackTerraform(synthDir, stack));
    } catch (err) {
      unreadable.set(stack, (err as Error).message);
    }
  }
  return { stacks, unreadable };
}

/** The stack's AWS provider configurations; one without settings when it declares none. */
export function providerBlocks(json: TerraformJson): ProviderBlock[] {
  const aws = json.provider?.aws;
  if (!aws) return [{}];
  return Array.isArray(aws) ? [...aws] : [aws as ProviderBlock];
}

/** The configuration without an alias: the stack's home account and region. */
export function defaultProvider(json: TerraformJson): ProviderBlock {
  return providerBlocks(json).find((b) => !b.alias) ?? {};
}
