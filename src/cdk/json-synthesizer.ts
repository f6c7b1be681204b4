/**
 * Writes a stack as Terraform JSON, doing what cdktf 0.21's StackSynthesizer
 * does for JSON (lib/synthesize/synthesizer.js): aspects, the resource-move
 * version check, validations, the manifest entry with the stack's annotations,
 * custom synthesis of its constructs, then the stack's JSON. Two differences:
 * the JSON is written by stableJson (the same bytes as cdktf's
 * json-stable-stringify, faster), and `finishText` sees the text before it is
 * written, so what must be rewritten in it (constructs/terraform-literal.ts,
 * the `__proto__` placeholder) is not read back from disk afterwards.
 * `synthesizer` is cdktf's public extension point for exactly this (a stack's
 * IStackSynthesizer).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConstructOrder, type IConstruct } from 'constructs';
import { AnnotationMetadataEntryType, type IStackSynthesizer, type ISynthesisSession, type TerraformStack } from 'cdktf';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import synthesizer = require('cdktf/lib/synthesize/synthesizer');
// eslint-disable-next-line @typescript-eslint/no-require-imports
import errors = require('cdktf/lib/errors');
import { stableJson } from './stable-json';

/** How cdktf marks a construct with its own synthesis step (synthesizer.js, addCustomSynthesis). */
const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');
const ANNOTATION_TYPES: readonly string[] = [AnnotationMetadataEntryType.INFO, AnnotationMetadataEntryType.WARN, AnnotationMetadataEntryType.ERROR];

/** A synthesis session that writes each stack's text its own way (app-synthesis.ts). */
export interface WritingSession extends ISynthesisSession {
  /** Writes `file` (relative to the output folder, `/`-separated), creating its folder. @default fs.writeFileSync, into the stack's folder made here */
  readonly writeFile?: (file: string, text: string) => void;
}

export class JsonStackSynthesizer implements IStackSynthesizer {
  /** As cdktf decides it when a stack is constructed (terraform-stack.js). */
  private readonly continueOnErrorAnnotations = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;

  constructor(
    private readonly stack: TerraformStack,
    private readonly finishText: (text: string) => string = (text) => text,
  ) {}

  synthesize(session: ISynthesisSession): void {
    const { stack } = this;
    synthesizer.invokeAspects(stack);
    if (stack.hasResourceMove()) {
      // Loaded only here: it brings semver, and no stack of ours moves a resource.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ValidateTerraformVersion } = require('cdktf/lib/validations/validate-terraform-version') as typeof import('cdktf/lib/validations/validate-terraform-version');
      stack.node.addValidation(new ValidateTerraformVersion('>=1.5', 'Resource move functionality is only supported for Terraform >=1.5. Please upgrade your Terraform version.'));
    }
    if (!session.skipValidation) stack.runAllValidations();
    const entry = session.manifest.forStack(stack);
    const { writeFile } = session as WritingSession;
    const workingDirectory = path.join(session.outdir, entry.workingDirectory);
    // A writer of its own creates the folders when it writes (after the synthesis).
    if (!writeFile && !fs.existsSync(workingDirectory)) fs.mkdirSync(workingDirectory);
    for (const node of stack.node.findAll(ConstructOrder.POSTORDER)) {
      (node as unknown as Record<symbol, { onSynthesize(s: ISynthesisSession): void } | undefined>)[CUSTOM_SYNTHESIS]?.onSynthesize(session);
    }
    const annotations = stack.node.findAll().flatMap((node: IConstruct) =>
      node.node.metadata
        .filter((m) => ANNOTATION_TYPES.includes(m.type))
        .map((m) => ({ constructPath: node.node.path, level: m.type as AnnotationMetadataEntryType, message: m.data as string, stacktrace: m.trace })),
    );
    // The manifest entry is cdktf's to fill in here (it is read-only for everyone else).
    (entry as { annotations: unknown }).annotations = annotations;
    const failed = annotations.filter((a) => a.level === AnnotationMetadataEntryType.ERROR);
    if (!this.continueOnErrorAnnotations && failed.length > 0) {
      throw errors.encounteredAnnotationWithLevelError(failed.map((a) => `[${a.constructPath}] ${a.message}`).join('\n'));
    }
    const text = this.finishText(stableJson(stack.toTerraform()));
    if (writeFile) writeFile(entry.synthesizedStackPath.split(path.sep).join('/'), text);
    else fs.writeFileSync(path.join(session.outdir, entry.synthesizedStackPath), text);
  }
}
