/**
 * Rendering Mermaid to SVG with headless Chromium: how the renderer is found
 * (and reported missing), and, where this machine has one, a real rendering of
 * the reference diagram.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { renderMermaid } from '../../src/handoff/diagram';
import { CHROMIUM_ENV, MERMAID_ENV, RENDERER_ENV, findRenderer, renderSvg } from '../../src/handoff/svg';
import { REFERENCE_FILE, modelOf } from './support';

describe('findRenderer', () => {
  let dir: string;
  let chromium: string;
  let bundle: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gwlb-renderer-'));
    chromium = path.join(dir, 'chromium');
    writeFileSync(chromium, '#!/bin/sh\nexit 0\n');
    chmodSync(chromium, 0o755);
    bundle = path.join(dir, 'mermaid.min.js');
    writeFileSync(bundle, '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const noMermaidPackage = () => {
    throw new Error('Cannot find module');
  };

  it(`reports none when ${RENDERER_ENV}=none`, () => {
    expect(findRenderer({ env: { [RENDERER_ENV]: 'none', PATH: dir, [MERMAID_ENV]: bundle } })).toEqual({ ok: false, missing: [`renderer (${RENDERER_ENV}=none)`] });
  });

  it('finds Chromium on PATH and the bundle named by the environment', () => {
    expect(findRenderer({ env: { PATH: `/nonexistent${path.delimiter}${dir}`, [MERMAID_ENV]: bundle }, resolve: noMermaidPackage })).toEqual({
      ok: true,
      renderer: { chromium, mermaidJs: bundle },
    });
  });

  it('finds the bundle of an installed mermaid package', () => {
    const lookup = findRenderer({ env: { PATH: dir }, resolve: (request) => path.join('/pkg', request) });
    expect(lookup).toEqual({ ok: true, renderer: { chromium, mermaidJs: '/pkg/mermaid/dist/mermaid.min.js' } });
  });

  it('says what is missing', () => {
    const lookup = findRenderer({ env: { PATH: '/nonexistent', [CHROMIUM_ENV]: path.join(dir, 'no-such-browser') }, resolve: noMermaidPackage });
    expect(lookup.ok).toBe(false);
    const missing = lookup.ok ? [] : lookup.missing;
    expect(missing).toHaveLength(2);
    expect(missing[0]).toContain(`${CHROMIUM_ENV}=${path.join(dir, 'no-such-browser')}`);
    expect(missing[1]).toContain('npm package "mermaid"');
  });
});

describe('renderSvg', () => {
  const lookup = findRenderer();
  const why = lookup.ok ? '' : lookup.missing.join('; ');
  const renders = lookup.ok ? it : it.skip;

  renders(
    lookup.ok ? 'renders the reference diagram with Mermaid in headless Chromium' : `renders the reference diagram: SKIPPED, no renderer on this machine (${why})`,
    () => {
      if (!lookup.ok) return;
      const svg = renderSvg(renderMermaid(modelOf(REFERENCE_FILE)), lookup.renderer);
      expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      // plain SVG text, readable by any SVG viewer (no HTML labels)
      expect(svg).not.toContain('foreignObject');
      // Mermaid splits a label into one <tspan> per word: compare the text alone
      const text = svg.replace(/<style>[^<]*<\/style>/g, '').replace(/<[^>]+>/g, '');
      const labels = ['route table inspection', 'GWLB endpoints ×3', 'account network · 111111111111', 'Check Point CloudGuard', 'after inspection', 'Internet'];
      expect(labels.filter((l) => !text.includes(l))).toEqual([]);
      expect(/Syntax error|Parse error/i.test(text)).toBe(false);
    },
    60_000,
  );
});
