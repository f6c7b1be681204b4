/**
 * Start-up: cdktf and @cdktf/provider-aws ship every compiled file with its source
 * map inlined as a base64 comment on its last line. Of the 9.1 MB of JavaScript a
 * 48-spoke synth loads from them, 6.3 MB is that comment (launch-template/index.js:
 * 869 KB, of which 616 KB), and V8 scans every byte of it at each start: compiling
 * the five largest provider files takes 21-23 ms with the comment, 11-13 ms without.
 * Source maps serve only stack traces under `--enable-source-maps` and coverage
 * (NODE_V8_COVERAGE), so where neither is on, the comment is cut before the file
 * is compiled. Nothing before it changes: line and column numbers stay the same.
 *
 * Node's own loader still reads the file and decides its format; only the text it
 * hands to `module._compile` is cut (the way require hooks such as `pirates` hook it).
 * Under a module system of its own (jest) nothing is changed.
 */
import Module = require('node:module');
import * as path from 'node:path';

/** The last line of a file compiled with an inline map (tsc and jsii write it so). */
const INLINE_MAP = '\n//# sourceMappingURL=data:';

interface CompilingModule {
  _compile(content: string, filename: string, ...rest: unknown[]): unknown;
}

type Loader = (module: CompilingModule, filename: string) => unknown;

const folders: string[] = [];
let cut = 0;

/** The text without its inline source map, where its last line is one. */
export function withoutInlineSourceMap(content: string): string {
  // Searched forwards: the code before the map is the shorter part (a third of the file).
  let at = content.indexOf(INLINE_MAP);
  if (at >= 0 && !onLastLine(content, at)) at = content.lastIndexOf(INLINE_MAP);
  return at >= 0 && onLastLine(content, at) ? content.slice(0, at + 1) : content;
}

/** Whether the line that starts after `content[at]` (a newline) is the last, a final newline apart. */
function onLastLine(content: string, at: number): boolean {
  const end = content.indexOf('\n', at + 1);
  return end < 0 || end === content.length - 1;
}

/** Whether source maps are in use in this process: then they are left alone. */
function sourceMapsInUse(): boolean {
  // process.sourceMapsEnabled is Node 20.7's: before it, the flag is looked for where it can be given.
  const flag = (a: string) => a.startsWith('--enable-source-maps');
  return process.sourceMapsEnabled === true || process.env.NODE_V8_COVERAGE !== undefined || process.execArgv.some(flag) || (process.env.NODE_OPTIONS ?? '').split(/\s+/).some(flag);
}

/**
 * Compiles the JavaScript files under `packageFolder` (a package's resolved folder) without
 * their inline source maps from now on, unless source maps are in use.
 */
export function skipInlineSourceMaps(packageFolder: string): void {
  const extensions = (Module as unknown as { _extensions?: Record<string, Loader> })._extensions;
  if (!extensions?.['.js'] || typeof require.cache !== 'object' || sourceMapsInUse()) return;
  if (folders.length === 0) {
    const loadJs = extensions['.js'];
    extensions['.js'] = function (this: unknown, module: CompilingModule, filename: string) {
      if (folders.some((folder) => filename.startsWith(folder))) {
        // Once, for this module: the prototype's _compile, given the text without the map.
        module._compile = function (content, file, ...rest) {
          delete (module as Partial<CompilingModule>)._compile;
          const text = withoutInlineSourceMap(content);
          if (text !== content) cut++;
          return module._compile(text, file, ...rest);
        };
      }
      return loadJs.call(this, module, filename);
    };
  }
  const folder = packageFolder.endsWith(path.sep) ? packageFolder : `${packageFolder}${path.sep}`;
  if (!folders.includes(folder)) folders.push(folder);
}

/** How many files were compiled without their inline source map (for tests and --timings). */
export function inlineSourceMapsCut(): number {
  return cut;
}
