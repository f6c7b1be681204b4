/**
 * The commonest token of a stack: a string that is one reference and nothing else
 * (`vpc.id`, `${TfToken[TOKEN.42]}`), ~3 000 of them at 48 spokes. cdktf 0.21 resolves
 * each through five layers (lib/tokens/private/resolve.js: the string tokenized with its
 * escapes, string-fragments.js mapTokens, resolvable.js resolveToken, the result resolved
 * again and post-processed, the fragments joined, the result scanned for number tokens),
 * ~24 µs a string. For a string of exactly one string token whose token is a Reference
 * (lib/tfExpression.js) every layer but the Reference's own resolve returns what it is
 * given: one fragment, no escapes, no post-processor (a Reference registers none), and a
 * result that is plain (resolve.ts) resolves to itself. So the Reference resolves here,
 * on the context cdktf would give it, and anything else, or a result that is not plain,
 * goes to cdktf. The Reference registers a cross-stack reference exactly as it would
 * under cdktf, on preparing, from the same stack. test/cdk/resolve-once.test.ts writes
 * the examples and a hostile network byte for byte with and without this.
 */
import type { IConstruct } from 'constructs';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tfExpression = require('cdktf/lib/tfExpression');
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tokenMap = require('cdktf/lib/tokens/private/token-map');

/** encoding.js STRING_TOKEN_REGEX, anchored: the whole string is one string token. */
const ONE_STRING_TOKEN = /^\$\{TfToken\[([a-zA-Z0-9:._-]+)\]\}$/;

/** Reference is not exported; `ref` builds one. */
const REFERENCE = Object.getPrototypeOf(tfExpression.ref('probe')).constructor as new (...args: never[]) => { resolve(context: unknown): unknown };

interface Context {
  readonly preparing: boolean;
  readonly scope: IConstruct;
  suppressBraces?: boolean;
  ignoreEscapes?: boolean;
  warnEscapes?: boolean;
  iteratorContext?: unknown;
  registerPostProcessor(): void;
  resolve(x: unknown): unknown;
}

/**
 * What cdktf resolves `s` to, when `s` is one reference; undefined when it is anything else
 * (the caller asks cdktf). `isPlain` is resolve.ts's test of a plain string.
 */
export function resolveReferenceString(s: string, scope: IConstruct, preparing: boolean, isPlain: (s: string) => boolean, resolveInCdktf: (x: unknown, context: Context) => unknown): string | undefined {
  if (process.env.GWLB_CDKTF_STOCK === '1') return undefined;
  const match = ONE_STRING_TOKEN.exec(s);
  if (!match) return undefined;
  const token = tokenMap.TokenMap.instance().lookupToken(match[1]);
  if (!(token instanceof REFERENCE)) return undefined;
  // The context makeContext() gives a token of a top-level string: nothing inherited.
  const context: Context = {
    preparing,
    scope,
    suppressBraces: undefined,
    ignoreEscapes: undefined,
    warnEscapes: undefined,
    iteratorContext: undefined,
    registerPostProcessor() {
      throw new Error('internal: a Reference registered a post-processor');
    },
    resolve: (x) => resolveInCdktf(x, context),
  };
  const resolved = (token as { resolve(context: unknown): unknown }).resolve(context);
  return typeof resolved === 'string' && isPlain(resolved) ? resolved : undefined;
}
