/**
 * `gwlb-blueprint diagram`: the topology of a blueprint as Mermaid, printed or
 * written to a `.mmd` file, or rendered to `.svg` where the machine has a
 * renderer (headless Chromium and Mermaid's browser bundle; see handoff/svg.ts).
 * Without one, asking for SVG fails with exit 1 and says to write Mermaid instead.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic, refuseExisting } from '../../handoff/atomic-file';
import { renderMermaid } from '../../handoff/diagram';
import { findRenderer, RenderError, renderSvg, type Renderer, type RendererLookup } from '../../handoff/svg';
import { loadCheckedBlueprint } from '../../blueprint/checked';
import { UserError } from '../errors';
import { outputWriteError } from '../../util/fs-errors';
import type { Io } from '../../util/io';

export interface DiagramOptions {
  readonly blueprint: string;
  readonly out?: string;
  readonly force?: boolean;
}

/** Injectable for tests: where a renderer is looked for, and how it renders. */
export interface DiagramDeps {
  readonly findRenderer?: () => RendererLookup;
  readonly renderSvg?: (source: string, renderer: Renderer) => string;
}

const MERMAID_EXTENSIONS = ['.mmd', '.mermaid'];

export async function runDiagram(options: DiagramOptions, io: Io, deps: DiagramDeps = {}): Promise<void> {
  const { model } = loadCheckedBlueprint(options.blueprint, io);
  const source = renderMermaid(model);
  const out = options.out;
  if (!out) {
    io.out(source);
    return;
  }
  const ext = path.extname(out).toLowerCase();
  if (!MERMAID_EXTENSIONS.includes(ext) && ext !== '.svg') {
    throw new UserError(`cannot tell what to write to ${out}: name a .mmd file (Mermaid) or a .svg file (rendered)`);
  }
  if (!options.force && existsSync(out)) refuseExisting(out);
  if (ext === '.svg') {
    const lookup = (deps.findRenderer ?? findRenderer)();
    if (!lookup.ok) {
      const mmd = `${out.slice(0, out.length - ext.length)}.mmd`;
      throw new UserError(
        `cannot render SVG on this machine: no ${lookup.missing.join(', and no ')}. Nothing was written. ` +
          `Write the diagram as Mermaid instead (gwlb-blueprint diagram -o ${mmd}); GitHub, GitLab and most Markdown viewers draw it.`,
      );
    }
    let svg: string;
    try {
      svg = (deps.renderSvg ?? renderSvg)(source, lookup.renderer);
    } catch (err) {
      if (err instanceof RenderError) throw new UserError(`${err.message}; nothing was written (write a .mmd file instead)`);
      throw err;
    }
    write(() => writeFileAtomic(out, svg, { force: options.force }));
  } else {
    write(() => writeFileAtomic(out, source, { force: options.force }));
  }
  io.out(`Wrote ${out}`);
}

function write(body: () => void): void {
  try {
    body();
  } catch (err) {
    throw outputWriteError(err);
  }
}
