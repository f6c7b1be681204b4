/**
 * Mermaid → SVG with what the machine has: a headless Chromium (Debian's
 * `chromium` package, or Chrome) opening a local page that loads Mermaid's
 * browser bundle. Nothing is downloaded and no browser automation library is
 * needed: Chromium's `--dump-dom` prints the page once Mermaid has drawn.
 *
 * Either part may be missing (CI, a laptop without Chromium): findRenderer says
 * what is missing and the caller falls back to Mermaid text. Text measurement
 * depends on the fonts installed, so an SVG is not byte-identical across
 * machines; it is never part of `synth` output.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Env var: path of a Chromium or Chrome binary. */
export const CHROMIUM_ENV = 'GWLB_BLUEPRINT_CHROMIUM';
/** Env var: path of Mermaid's browser bundle (`mermaid.min.js`). */
export const MERMAID_ENV = 'GWLB_BLUEPRINT_MERMAID_JS';
/** Env var: `none` pretends no renderer exists (tests, and people who want the fallback). */
export const RENDERER_ENV = 'GWLB_BLUEPRINT_RENDERER';

const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export interface Renderer {
  readonly chromium: string;
  readonly mermaidJs: string;
}

export type RendererLookup = { readonly ok: true; readonly renderer: Renderer } | { readonly ok: false; readonly missing: readonly string[] };

export interface FindRendererOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Resolves a module path; injectable for tests. @default require.resolve */
  readonly resolve?: (request: string) => string;
}

export function findRenderer(options: FindRendererOptions = {}): RendererLookup {
  const env = options.env ?? process.env;
  if (env[RENDERER_ENV] === 'none') return { ok: false, missing: [`renderer (${RENDERER_ENV}=none)`] };
  const missing: string[] = [];
  const chromium = findChromium(env);
  if (!chromium) missing.push(`Chromium or Chrome (looked for ${env[CHROMIUM_ENV] ? `${CHROMIUM_ENV}=${env[CHROMIUM_ENV]}` : `${BROWSER_NAMES.join(', ')} on PATH; set ${CHROMIUM_ENV}`})`);
  const mermaidJs = findMermaidBundle(env, options.resolve ?? require.resolve);
  if (!mermaidJs) missing.push(`Mermaid's browser bundle (npm package "mermaid", or set ${MERMAID_ENV} to a mermaid.min.js)`);
  return chromium && mermaidJs ? { ok: true, renderer: { chromium, mermaidJs } } : { ok: false, missing };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  const explicit = env[CHROMIUM_ENV];
  if (explicit) return isExecutable(explicit) ? explicit : undefined;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of BROWSER_NAMES) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function findMermaidBundle(env: NodeJS.ProcessEnv, resolve: (request: string) => string): string | undefined {
  const explicit = env[MERMAID_ENV];
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  try {
    return resolve('mermaid/dist/mermaid.min.js');
  } catch {
    return undefined;
  }
}

export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

/** Mermaid settings for a slide: plain SVG text (no HTML in foreignObject, so any SVG viewer shows the labels). */
const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'base',
  // The same picture from Mermaid 11 and 12 (12 defaults to ELK and the "neo" look).
  look: 'classic',
  layout: 'dagre',
  htmlLabels: false,
  themeVariables: { fontFamily: 'DejaVu Sans, Liberation Sans, Arial, sans-serif', fontSize: '15px', primaryColor: '#ffffff', lineColor: '#495057' },
  // Spacing and curve come from the diagram's own front matter (handoff/diagram.ts).
  flowchart: { htmlLabels: false, padding: 10, diagramPadding: 12, wrappingWidth: 400, useMaxWidth: false },
} as const;

const MARK = 'GWLB-SVG:';

function page(mermaidJs: string, source: string): string {
  // JSON inside <script>: `<` is escaped so no `</script>` in a label can end the element.
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>gwlb-blueprint diagram</title></head>
<body><pre id="out">pending</pre>
<script src="${pathToFileURL(mermaidJs).href}"></script>
<script>
(async () => {
  const out = document.getElementById('out');
  try {
    mermaid.initialize(${json(MERMAID_CONFIG)});
    const { svg } = await mermaid.render('gwlb', ${json(source)});
    const holder = document.createElement('div');
    holder.innerHTML = svg;
    const text = new XMLSerializer().serializeToString(holder.querySelector('svg'));
    const bytes = new TextEncoder().encode(text);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    out.textContent = ${json(MARK)} + btoa(binary);
  } catch (err) {
    out.textContent = 'ERROR:' + (err && err.message ? err.message : String(err));
  }
})();
</script></body></html>
`;
}

export interface RenderOptions {
  /** @default 60000 */
  readonly timeoutMs?: number;
}

/** Renders Mermaid source to a standalone SVG document. */
export function renderSvg(source: string, renderer: Renderer, options: RenderOptions = {}): string {
  const work = mkdtempSync(path.join(tmpdir(), 'gwlb-blueprint-render-'));
  try {
    const html = path.join(work, 'diagram.html');
    writeFileSync(html, page(renderer.mermaidJs, source));
    const result = spawnSync(
      renderer.chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--allow-file-access-from-files',
        `--user-data-dir=${path.join(work, 'profile')}`,
        '--virtual-time-budget=20000',
        '--dump-dom',
        pathToFileURL(html).href,
      ],
      { encoding: 'utf8', timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (result.error) throw new RenderError(`could not run ${renderer.chromium}: ${result.error.message}`);
    const dom = result.stdout ?? '';
    const marked = dom.indexOf(MARK);
    if (marked < 0) {
      const failure = /ERROR:([^<]*)/.exec(dom);
      const why = failure ? `Mermaid said: ${decodeEntities(failure[1]).trim()}` : `${path.basename(renderer.chromium)} exited ${result.status}: ${(result.stderr ?? '').trim().split('\n').slice(-1)[0] ?? ''}`;
      throw new RenderError(`rendering the diagram failed (${why})`);
    }
    const base64 = dom.slice(marked + MARK.length).match(/^[A-Za-z0-9+/=]*/)![0];
    const svg = Buffer.from(base64, 'base64').toString('utf8');
    if (!svg.startsWith('<svg')) throw new RenderError('rendering the diagram produced no SVG');
    return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
