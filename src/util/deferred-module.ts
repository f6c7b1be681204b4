/**
 * A module loaded on first use: until then a stand-in takes its place in the module
 * cache, and the first call, construction or property read loads the real module and
 * forwards to it. For modules that start-up loads only because a package requires them
 * at its top level (cdk/deferred-modules.ts, blueprint/deferred-zod-locales.ts). Under
 * a module system without require.cache (jest) nothing is deferred.
 */
import Module = require('node:module');

export interface DeferOptions {
  /**
   * The module is compiled from ES modules (`exports.__esModule` is true): its stand-in says
   * so without loading it, so that an importer's `__importStar` keeps the stand-in whole
   * instead of copying (and so loading) every export. @default false
   */
  readonly esModule?: boolean;
}

/** Defers the module at `file` (a resolved path) unless it is loaded already. */
export function deferModule(file: string, options: DeferOptions = {}): void {
  if (typeof require.cache !== 'object' || require.cache[file]) return;
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      delete require.cache[file];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      real = require(file) as object;
    }
    return real;
  };
  const standIn = new Module(file, module);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = new Proxy(function deferred() {}, {
    apply: (_, self, args) => Reflect.apply(load() as (...a: unknown[]) => unknown, self, args),
    construct: (_, args) => Reflect.construct(load() as new (...a: unknown[]) => object, args),
    get: (_, property) => (options.esModule && property === '__esModule' && !real ? true : Reflect.get(load(), property)),
    has: (_, property) => Reflect.has(load(), property),
  });
  require.cache[file] = standIn;
}
