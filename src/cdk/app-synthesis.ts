/**
 * Synthesis of a cdktf App in steps, so that a process can write some of its
 * stacks and another process the rest (synth/partition). `App.synth()` of cdktf
 * 0.21 (lib/app.js) prepares every stack, has each stack's synthesizer write it,
 * validates the App and writes the manifest; here the same steps run on the
 * stacks this process writes, and in between the cross-stack references that
 * the preparing pass registers in other processes' stacks can be exchanged.
 *
 * A cross-stack reference from stack S to stack T adds an output to T
 * (`cross-stack-output-<identifier>`) when S is prepared. When T is written by
 * another process, that process must add the same output before it writes T:
 * `outgoingReferences` lists them by stack, `addIncomingReferences` adds them.
 * The outputs are objects keyed by name in Terraform JSON, and stacks are written
 * with sorted keys, so when they are added does not change a byte.
 */
import { TerraformStack, type App } from 'cdktf';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import errors = require('cdktf/lib/errors');
import type { WritingSession } from './json-synthesizer';

/** Identifiers of cross-stack outputs, by the name of the stack they belong to. */
export type StackReferences = Readonly<Record<string, readonly string[]>>;

/** A stack's entry of cdktf's manifest.json (lib/manifest.js), as plain data. */
export type ManifestEntry = Readonly<Record<string, unknown>>;

interface StackInternals {
  /** Outputs registered for references from other stacks, by identifier (lib/terraform-stack.js). */
  readonly crossStackOutputs: Readonly<Record<string, unknown>>;
}

export class AppSynthesis {
  /** Every stack of the App, in the order App.synth() takes them. */
  readonly stacks: readonly TerraformStack[];
  /** The stacks this process writes. */
  readonly own: readonly TerraformStack[];

  constructor(
    readonly app: App,
    writes: (stack: TerraformStack) => boolean = () => true,
  ) {
    this.stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    this.own = this.stacks.filter(writes);
  }

  /** Prepares the stacks this process writes (the pass that registers cross-stack references). */
  prepare(): void {
    for (const stack of this.own) stack.prepareStack();
  }

  /** The cross-stack outputs that preparing this process's stacks registered in stacks another process writes. */
  outgoingReferences(): StackReferences {
    const own = new Set(this.own);
    const out: Record<string, string[]> = {};
    for (const stack of this.stacks) {
      if (own.has(stack)) continue;
      const identifiers = Object.keys((stack as unknown as StackInternals).crossStackOutputs);
      if (identifiers.length > 0) out[stack.node.id] = identifiers;
    }
    return out;
  }

  /** Registers what other processes' stacks reference in this process's stacks. */
  addIncomingReferences(references: StackReferences): void {
    for (const stack of this.own) {
      for (const identifier of references[stack.node.id] ?? []) stack.registerOutgoingCrossStackReference(identifier);
    }
  }

  /**
   * Writes each of this process's stacks through its synthesizer, as App.synth() does;
   * where our synthesizer writes (JSON: json-synthesizer.ts), through `writeFile`
   * (relative file, text), which cdktf's own synthesizer knows nothing of.
   */
  synthesize(writeFile?: (file: string, text: string) => void): void {
    const session: WritingSession = { outdir: this.app.outdir, skipValidation: this.app.skipValidation, manifest: this.app.manifest, ...(writeFile ? { writeFile } : {}) };
    for (const stack of this.own) stack.synthesizer.synthesize(session);
  }

  /** App-level validations, as App.synth() runs them after the stacks (unless skipValidation). */
  validateApp(): void {
    if (this.app.skipValidation) return;
    const problems = this.app.node.validate();
    if (problems.length > 0) throw errors.appValidationFailure(problems.join('\n  '));
  }

  /** The manifest entries of this process's stacks (written by synthesize). */
  manifestEntries(): Record<string, ManifestEntry> {
    const stacks = this.app.manifest.stacks as Record<string, unknown>;
    return Object.fromEntries(this.own.map((s) => [s.node.id, stacks[s.node.id] as ManifestEntry]));
  }

  /**
   * manifest.json as cdktf writes it (every key sorted, lib/manifest.js), with
   * `entries` (other processes' stacks, or amended ones) in place of this App's
   * and `extra` keys after cdktf's.
   */
  manifestJson(entries: Readonly<Record<string, ManifestEntry>>, extra: Readonly<Record<string, unknown>>): string {
    const manifest = this.app.manifest.buildManifest();
    const stacks = { ...manifest.stacks, ...entries };
    return `${JSON.stringify({ ...(sortedKeys({ ...manifest, stacks }) as object), ...extra }, null, 2)}\n`;
  }
}

/** `value` with every object's keys in sorted order and undefined members dropped, as json-stable-stringify orders them. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) out[key] = sortedKeys(member);
  }
  return out;
}
