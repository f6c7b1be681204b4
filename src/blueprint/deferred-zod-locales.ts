/**
 * Start-up: zod 4 (classic) requires every one of its locales at its top level
 * (v4/classic/external.cjs, for `z.locales`: ~50 modules, ~25 ms), though its
 * messages come from the English locale, which v4/classic/schemas.cjs requires by
 * itself. gwlb-blueprint words its own messages (shape-problems.ts) and never reads
 * `z.locales`, so the index is loaded on first use (util/deferred-module.ts).
 * Imported, for this effect alone, before zod by every module that loads zod.
 */
import { deferModule } from '../util/deferred-module';

let index: string | undefined;
try {
  index = require.resolve('zod/v4/locales');
} catch {
  // Another zod: nothing to defer.
}
if (index) deferModule(index, { esModule: true });
