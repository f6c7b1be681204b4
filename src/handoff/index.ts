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
import type { SynthFolder } from '../synth-folder';
import { stackInfosOf } from './stacks';

export const DIAGRAM_FILE = 'diagram.mmd';
export { README_FILE, renderMermaid, renderReadme, stackInfosOf };

/**
 * Writes README.md and diagram.mmd into the synthesized folder, from what was read
 * back of it. `preferredOrder` (the synthesis order) orders the stacks that the
 * manifest's dependencies leave free.
 */
export function writeHandoff(model: NetworkModel, folder: SynthFolder, preferredOrder: readonly string[]): void {
  const infos = stackInfosOf(folder, preferredOrder);
  const diagram = renderMermaid(model);
  writeFileSync(path.join(folder.dir, DIAGRAM_FILE), diagram);
  writeFileSync(path.join(folder.dir, README_FILE), renderReadme({ model, stacks: infos, diagram, diagramFile: DIAGRAM_FILE }));
}
