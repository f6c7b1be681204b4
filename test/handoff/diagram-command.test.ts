/**
 * `gwlb-blueprint diagram`: Mermaid on stdout by default, `-o x.mmd` written
 * atomically and never over an existing file without --force, `-o x.svg`
 * rendered where a renderer exists and refused with exit 1 (and a pointer to
 * .mmd) where none does.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runDiagram } from '../../src/cli/commands/diagram';
import { UserError } from '../../src/util/errors';
import { memoryIo } from '../../src/util/io';
import { main } from '../../src/cli/main';
import { renderMermaid } from '../../src/handoff/diagram';
import { RENDERER_ENV, RenderError, type RendererLookup } from '../../src/handoff/svg';
import { REFERENCE_FILE, modelOf } from './support';

let dir: string;
let expected: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwlb-diagram-cli-'));
  expected = renderMermaid(modelOf(REFERENCE_FILE));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

const noRenderer = (): RendererLookup => ({ ok: false, missing: ['Chromium or Chrome (looked for chromium on PATH)'] });
const fakeRenderer = (): RendererLookup => ({ ok: true, renderer: { chromium: '/bin/true', mermaidJs: '/dev/null' } });

describe('gwlb-blueprint diagram', () => {
  it('prints the Mermaid diagram on stdout by default', async () => {
    const { code, stdout } = await run('diagram', '-b', REFERENCE_FILE);
    expect(code).toBe(0);
    expect(stdout).toBe(expected);
    expect(stdout).toContain('\nflowchart LR\n');
  });

  it('writes -o file.mmd, and says where', async () => {
    const file = path.join(dir, 'net.mmd');
    const { code, stdout } = await run('diagram', '-b', REFERENCE_FILE, '-o', file);
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it('refuses to replace an existing file without --force, and replaces it with --force', async () => {
    const file = path.join(dir, 'existing.mmd');
    writeFileSync(file, 'old');
    const refused = await run('diagram', '-b', REFERENCE_FILE, '-o', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error: ${file} exists; nothing was written (use --force to replace it)`);
    expect(readFileSync(file, 'utf8')).toBe('old');
    const forced = await run('diagram', '-b', REFERENCE_FILE, '-o', file, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    // no temporary file is left beside it
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('-o file.svg without a renderer exits 1, says to write .mmd instead, and writes nothing', async () => {
    const file = path.join(dir, 'net.svg');
    const previous = process.env[RENDERER_ENV];
    process.env[RENDERER_ENV] = 'none';
    try {
      const { code, stderr } = await run('diagram', '-b', REFERENCE_FILE, '-o', file);
      expect(code).toBe(1);
      expect(stderr).toContain('error: cannot render SVG on this machine');
      expect(stderr).toContain(`gwlb-blueprint diagram -o ${path.join(dir, 'net.mmd')}`);
    } finally {
      if (previous === undefined) delete process.env[RENDERER_ENV];
      else process.env[RENDERER_ENV] = previous;
    }
    expect(existsSync(file)).toBe(false);
  });

  it('names what is missing when the renderer lookup finds nothing', async () => {
    const file = path.join(dir, 'missing.svg');
    const attempt = runDiagram({ blueprint: REFERENCE_FILE, out: file }, memoryIo(), { findRenderer: noRenderer });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(runDiagram({ blueprint: REFERENCE_FILE, out: file }, memoryIo(), { findRenderer: noRenderer })).rejects.toThrow(
      /no Chromium or Chrome \(looked for chromium on PATH\)\. Nothing was written\. Write the diagram as Mermaid instead/,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('-o file.svg with a renderer writes what it rendered from the Mermaid source', async () => {
    const file = path.join(dir, 'rendered.svg');
    const io = memoryIo();
    const sources: string[] = [];
    await runDiagram({ blueprint: REFERENCE_FILE, out: file }, io, {
      findRenderer: fakeRenderer,
      renderSvg: (source) => {
        sources.push(source);
        return '<svg xmlns="http://www.w3.org/2000/svg"/>\n';
      },
    });
    expect(sources).toEqual([expected]);
    expect(readFileSync(file, 'utf8')).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>\n');
    expect(io.stdout).toEqual([`Wrote ${file}`]);
  });

  it('a failed rendering is a user error and writes nothing', async () => {
    const file = path.join(dir, 'failed.svg');
    const attempt = runDiagram({ blueprint: REFERENCE_FILE, out: file }, memoryIo(), {
      findRenderer: fakeRenderer,
      renderSvg: () => {
        throw new RenderError('rendering the diagram failed (chromium exited 1)');
      },
    });
    await expect(attempt).rejects.toThrow('rendering the diagram failed (chromium exited 1); nothing was written (write a .mmd file instead)');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a file type it cannot write', async () => {
    const { code, stderr } = await run('diagram', '-b', REFERENCE_FILE, '-o', path.join(dir, 'net.png'));
    expect(code).toBe(1);
    expect(stderr).toContain('name a .mmd file (Mermaid) or a .svg file (rendered)');
  });

  it('reports a blueprint that does not validate, as validate does', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'x' }));
    const { code, stdout } = await run('diagram', '-b', file);
    expect(code).toBe(1);
    expect(stdout).toBe('');
  });
});
