/**
 * The hand-off documents written beside the synthesized stacks: a README for the
 * network team and the topology diagram as Mermaid. Both are plain text and
 * deterministic (no dates, no machine paths), so synth output stays
 * byte-identical across runs and machines. SVG is not written here: text
 * measurement differs between machines (see svg.ts).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NetworkModel } from '../blueprint/model';
import { renderMermaid } from './diagram';
import { README_FILE, renderReadme } from './readme';
import { readStacks } from './stacks';

export const DIAGRAM_FILE = 'diagram.mmd';
export { README_FILE, renderMermaid, renderReadme, readStacks };

/** A synthesized stack as the hand-off needs it when its file on disk is HCL: its Terraform as JSON. */
export interface SynthesizedStack {
  readonly node: { readonly id: string };
  toTerraform(): unknown;
}

/**
 * Writes README.md and diagram.mmd into `outdir`, which already holds the stacks
 * and cdktf's manifest.json. `stacks` (in synthesis order) sets the order among
 * stacks that the manifest's dependencies leave free, and supplies the JSON of
 * stacks written as HCL.
 */
export function writeHandoff(model: NetworkModel, outdir: string, stacks: readonly SynthesizedStack[]): void {
  const byName = new Map(stacks.map((s) => [s.node.id, s]));
  const infos = readStacks(outdir, { preferredOrder: stacks.map((s) => s.node.id), json: (name) => byName.get(name)?.toTerraform() });
  const diagram = renderMermaid(model);
  writeFileSync(path.join(outdir, DIAGRAM_FILE), diagram);
  writeFileSync(path.join(outdir, README_FILE), renderReadme({ model, stacks: infos, diagram, diagramFile: DIAGRAM_FILE }));
}
