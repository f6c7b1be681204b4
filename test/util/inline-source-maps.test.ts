import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withoutInlineSourceMap } from '../../src/util/inline-source-maps';
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
});
