import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sourceMapsWanted, withoutInlineSourceMap } from '../../src/util/inline-source-maps';
import { DIST } from '../helpers/in-node';

const MAP = '//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozfQ==';

describe('the inline source map of a compiled file', () => {
  it('is cut where it is the last line, with or without a final newline', () => {
    expect(withoutInlineSourceMap(`"use strict";\nexports.a = 1;\n${MAP}`)).toBe('"use strict";\nexports.a = 1;\n');
    expect(withoutInlineSourceMap(`exports.a = 1;\n${MAP}\n`)).toBe('exports.a = 1;\n');
  });

  it('is kept where code follows it, and a map in a file of its own is no inline map', () => {
    const followed = `exports.a = 1;\n${MAP}\nexports.b = 2;\n`;
    expect(withoutInlineSourceMap(followed)).toBe(followed);
    const external = 'exports.a = 1;\n//# sourceMappingURL=index.js.map\n';
    expect(withoutInlineSourceMap(external)).toBe(external);
    expect(withoutInlineSourceMap('exports.a = 1;\n')).toBe('exports.a = 1;\n');
  });

  it('is found at the end when the same text appears earlier in the file', () => {
    const text = `const s = \`\n${MAP}\`;\nexports.s = s;\n${MAP}\n`;
    expect(withoutInlineSourceMap(text)).toBe(`const s = \`\n${MAP}\`;\nexports.s = s;\n`);
  });

  // What the cdk seam loads, in a real node: how many files lost their map, and where cdktf throws.
  const probe = [
    `require(${JSON.stringify(path.join(DIST, 'cdk', 'core.js'))});`,
    `require(${JSON.stringify(path.join(DIST, 'cdk', 'aws.js'))});`,
    `const cut = require(${JSON.stringify(path.join(DIST, 'util', 'inline-source-maps.js'))}).inlineSourceMapsCut();`,
    "let frame = '';",
    "try { require('cdktf/lib/util').deepMerge(1, 2); } catch (e) { frame = e.stack.split('\\n').find((l) => l.includes('cdktf/lib/util.js')); }",
    'console.log(JSON.stringify({ cut, frame }));',
  ].join('\n');
  const run = (nodeFlags: string[], env: NodeJS.ProcessEnv = {}) => {
    // A coverage run of jest itself must not decide what the first probe sees.
    const { NODE_V8_COVERAGE: _coverage, ...inherited } = process.env;
    const output = execFileSync(process.execPath, [...nodeFlags, '-e', probe], { encoding: 'utf8', cwd: path.dirname(DIST), env: { ...inherited, ...env } });
    return JSON.parse(output) as { cut: number; frame: string };
  };

  it('is cut from every file of cdktf, constructs and the provider classes the seam loads, where code stays where it was', () => {
    const coverage = mkdtempSync(path.join(os.tmpdir(), 'gwlb-coverage-'));
    try {
      const cut = run([]);
      // 80 of cdktf's files, 6 of constructs', 45 provider classes in this version; each ships its map inline.
      expect(cut.cut).toBeGreaterThan(100);
      const providerFile = readFileSync(require.resolve('@cdktf/provider-aws/lib/vpc'), 'utf8');
      expect(providerFile).toContain('\n//# sourceMappingURL=data:');
      // Under coverage the maps stay: the same error is thrown from the same line and column.
      const kept = run([], { NODE_V8_COVERAGE: coverage });
      expect(kept.cut).toBe(0);
      expect(cut.frame).toMatch(/cdktf\/lib\/util\.js:\d+:\d+/);
      expect(cut.frame).toBe(kept.frame);
    } finally {
      rmSync(coverage, { recursive: true, force: true });
    }
  });

  it('is kept where source maps are on: the stack traces need it', () => {
    expect(run(['--enable-source-maps']).cut).toBe(0);
    expect(run([], { NODE_OPTIONS: '--enable-source-maps' }).cut).toBe(0);
  });

  it('is wanted under source-mapped traces, coverage or a debugger, however they were asked for (Node before 20.7 has no sourceMapsEnabled)', () => {
    const proc = (execArgv: string[], env: NodeJS.ProcessEnv = {}, sourceMapsEnabled?: boolean) => ({ execArgv, env, ...(sourceMapsEnabled !== undefined ? { sourceMapsEnabled } : {}) });
    expect(sourceMapsWanted(proc([]))).toBe(false);
    expect(sourceMapsWanted(proc([], { NODE_OPTIONS: '--max-old-space-size=512' }, false))).toBe(false);
    expect(sourceMapsWanted(proc(['--enable-source-maps']))).toBe(true);
    expect(sourceMapsWanted(proc([], { NODE_OPTIONS: '--max-old-space-size=512 --enable-source-maps' }))).toBe(true);
    expect(sourceMapsWanted(proc([], { NODE_V8_COVERAGE: '/tmp/coverage' }))).toBe(true);
    expect(sourceMapsWanted(proc(['--inspect-brk=9229']))).toBe(true);
    expect(sourceMapsWanted(proc([], {}, true))).toBe(true);
  });

  it('chains with require hooks installed before and after it, once per process, and stops when source maps are turned on', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-maps-'));
    try {
      const pkg = path.join(dir, 'pkg');
      mkdirSync(pkg);
      writeFileSync(path.join(pkg, 'package.json'), '{"name":"pkg"}');
      for (const name of ['a', 'b', 'c']) writeFileSync(path.join(pkg, `${name}.js`), `exports.name = '${name}';\n${MAP}\n`);
      const hooks = JSON.stringify(path.join(DIST, 'util', 'inline-source-maps.js'));
      const script = [
        "const Module = require('node:module');",
        // A pirates-style hook, as it wraps: the module's _compile first, then the loader it found.
        'const seen = [];',
        'const hookJs = (tag) => { const next = Module._extensions[".js"]; Module._extensions[".js"] = function (mod, filename) { const compile = mod._compile; mod._compile = function (code, file) { mod._compile = compile; if (file.includes("/pkg/")) seen.push(tag + ":" + (code.includes("sourceMappingURL") ? "map" : "cut")); return mod._compile(code, file); }; return next.call(this, mod, filename); }; };',
        "hookJs('before');",
        `require(${hooks}).skipInlineSourceMaps(${JSON.stringify(pkg)});`,
        // A second copy of the module, as a second module registry would load it: still one hook.
        `const loader = Module._extensions['.js']; delete require.cache[require.resolve(${hooks})];`,
        `require(${hooks}).skipInlineSourceMaps(${JSON.stringify(pkg)});`,
        "const once = Module._extensions['.js'] === loader;",
        "hookJs('after');",
        `const names = [require(${JSON.stringify(path.join(pkg, 'a.js'))}).name];`,
        `const cutBefore = require(${hooks}).inlineSourceMapsCut();`,
        'process.setSourceMapsEnabled(true);',
        `names.push(require(${JSON.stringify(path.join(pkg, 'b.js'))}).name);`,
        `console.log(JSON.stringify({ once, names, seen, cutBefore, cutAfter: require(${hooks}).inlineSourceMapsCut() }));`,
      ].join('\n');
      const { NODE_V8_COVERAGE: _coverage, NODE_OPTIONS: _options, ...env } = process.env;
      const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env })) as unknown;
      expect(result).toEqual({
        once: true,
        names: ['a', 'b'],
        // The hook installed before runs its _compile first and sees the map, the one installed after sees
        // the text without it; b, loaded once source maps are on, keeps its map.
        seen: ['before:map', 'after:cut', 'before:map', 'after:map'],
        cutBefore: 1,
        cutAfter: 1,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
