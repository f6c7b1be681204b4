/**
 * Start-up: cdktf and @cdktf/provider-aws ship every compiled file with its source
 * map inlined as a base64 comment on its last line. Of the 9.1 MB of JavaScript a
 * 48-spoke synth loads from them, 6.3 MB is that comment (launch-template/index.js:
 * 869 KB, of which 616 KB), and V8 scans every byte of it at each start: compiling
 * the five largest provider files takes 21-23 ms with the comment, 11-13 ms without.
 * Source maps serve only stack traces under `--enable-source-maps`, coverage
 * (NODE_V8_COVERAGE) and debuggers, so where none is on, the comment is cut before
 * the file is compiled. Nothing before it changes: line and column numbers stay the same.
 *
 * Node's own loader still reads the file and decides its format; only the text it
 * hands to `module._compile` is cut (the way require hooks such as `pirates` hook it,
 * and chained with them). One hook per process, whatever module registry loaded this
 * file: jest gives each test file its own, and lends them node's loader.
 */
import Module = require('node:module');
import * as path from 'node:path';

/** The last line of a file compiled with an inline map (tsc and jsii write it so). */
const INLINE_MAP = '\n//# sourceMappingURL=data:';

interface CompilingModule {
  _compile(content: string, filename: string, ...rest: unknown[]): unknown;
}

type Loader = (module: CompilingModule, filename: string) => unknown;

/** The process's hook: the folders it cuts maps in, and how many files it cut. */
interface Hook {
  readonly folders: string[];
  cut: number;
}

const HOOK = Symbol.for('gwlb-blueprint.inline-source-maps');
const registry = globalThis as { [HOOK]?: Hook };

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

/**
 * Whether a process wants source maps, or the original files, for what it loads: source-mapped
 * stack traces, coverage, or a debugger (which shows the sources a map names). `sourceMapsEnabled`
 * is Node 20.7's (and follows `process.setSourceMapsEnabled`); before it, the flag is looked for
 * where it can be given.
 */
export function sourceMapsWanted(proc: { readonly sourceMapsEnabled?: boolean; readonly execArgv: readonly string[]; readonly env: NodeJS.ProcessEnv }): boolean {
  const flags = [...proc.execArgv, ...(proc.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return proc.sourceMapsEnabled === true || proc.env.NODE_V8_COVERAGE !== undefined || flags.some((a) => a.startsWith('--enable-source-maps') || a.startsWith('--inspect'));
}

/**
 * Compiles the JavaScript files under `packageFolder` (a package's resolved folder) without
 * their inline source maps from now on, unless source maps are wanted (asked again at every file).
 */
export function skipInlineSourceMaps(packageFolder: string): void {
  const extensions = (Module as unknown as { _extensions?: Record<string, Loader> })._extensions;
  if (!extensions?.['.js'] || sourceMapsWanted(process)) return;
  const hook = registry[HOOK] ?? installHook(extensions);
  const folder = packageFolder.endsWith(path.sep) ? packageFolder : `${packageFolder}${path.sep}`;
  if (!hook.folders.includes(folder)) hook.folders.push(folder);
}

function installHook(extensions: Record<string, Loader>): Hook {
  const hook: Hook = { folders: [], cut: 0 };
  registry[HOOK] = hook;
  const loadJs = extensions['.js'];
  extensions['.js'] = function (this: unknown, module: CompilingModule, filename: string) {
    if (hook.folders.some((folder) => filename.startsWith(folder)) && !sourceMapsWanted(process)) {
      // Once, for this module: whatever _compile it had (a hook's, or the prototype's), given the text without the map.
      const own = Object.prototype.hasOwnProperty.call(module, '_compile') ? module._compile : undefined;
      module._compile = function (content, file, ...rest) {
        if (own) module._compile = own;
        else delete (module as Partial<CompilingModule>)._compile;
        const text = withoutInlineSourceMap(content);
        if (text !== content) hook.cut++;
        return module._compile(text, file, ...rest);
      };
    }
    return loadJs.call(this, module, filename);
  };
  return hook;
}

/** How many files this process compiled without their inline source map (the tests ask). */
export function inlineSourceMapsCut(): number {
  return registry[HOOK]?.cut ?? 0;
}
