/**
 * cdktf's token resolution with a fast path for plain data. cdktf 0.21
 * (lib/tokens/private/resolve.js) walks every value of a fragment the same way:
 * for each object key and each value it allocates a resolution context and two
 * closures, and tests every string against its token patterns. Almost all of
 * what a stack holds is plain data (attribute names, CIDRs, tags); only a few
 * values are tokens (references, functions, lazy values).
 *
 * `resolveFast` walks plain data itself and hands every node that is not plain,
 * with its path, to cdktf's own `resolve`, which then resolves that node exactly
 * as it would have. That is the same result because a plain node's resolution
 * context carries nothing but the scope and the preparing flag: the inherited
 * fields (suppressBraces, ignoreEscapes, warnEscapes, iteratorContext) are set
 * only by a token resolving itself, on its own context. The path only names a
 * node in error messages and bounds the depth (200), as cdktf's does.
 *
 * "Plain" is decided with cdktf's own predicates (lib/tokens/private/encoding.js):
 * a string is plain unless it holds a token marker (`${TfToken[`, `#{TfToken[`,
 * `&{TfToken[`), equals a map-token placeholder or looks like an encoded number
 * token; a number unless it decodes as a token; an array unless it holds list
 * tokens; an object unless it is resolvable, has a map-token key or is a construct.
 * A list or map token is a string with `TfToken[` in it (`#{TfToken[…]}`,
 * `&{TfToken[…]}`), so cdktf's per-element and per-key tests (which build a
 * TokenString for each) run only where such a string is there to find.
 */
import type { IConstruct } from 'constructs';
import { DefaultTokenResolver, StringConcat, Token, Tokenization } from 'cdktf';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import encoding = require('cdktf/lib/tokens/private/encoding');
// eslint-disable-next-line @typescript-eslint/no-require-imports
import privateResolve = require('cdktf/lib/tokens/private/resolve');
import { resolveReferenceString } from './reference-strings';

/** The resolver cdktf's own `resolve(scope, obj)` uses (lib/_tokens.js): stateless. */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** cdktf's pattern of a number token inside a string (encoding.js NUMBER_TOKEN_REGEX), without its global flag. */
const NUMBER_TOKEN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;

/** Deeper than this, cdktf refuses a value as a circular reference (resolve.js). */
const MAX_DEPTH = 200;

function plainString(s: string): boolean {
  return !s.includes('TfToken[') && s !== Token.STRING_MAP_TOKEN_VALUE && s !== Token.ANY_MAP_TOKEN_VALUE && !NUMBER_TOKEN.test(s);
}

/** encoding.containsStringListTokenElement or containsNumberListTokenElement, with the string test only where a marker is. */
function holdsListToken(xs: unknown[]): boolean {
  return (xs.some((x) => typeof x === 'string' && x.includes('TfToken[')) && encoding.containsStringListTokenElement(xs)) || encoding.containsNumberListTokenElement(xs);
}

/** What cdktf's resolve.js calls a construct (and refuses to resolve). */
function isConstruct(x: object): boolean {
  return (x as { _children?: unknown })._children !== undefined && (x as { _metadata?: unknown })._metadata !== undefined;
}

/**
 * Whether `x` and all it holds is plain data: what cdktf's resolve returns as an equal
 * copy of it. A member of an object may be undefined (resolve drops it); an element of a
 * list may not (resolve drops it and the list shifts), nor may `x` itself.
 */
export function isPlainTree(x: unknown, depth = 0): boolean {
  switch (typeof x) {
    case 'string':
      return plainString(x);
    case 'number':
      return x !== Token.NUMBER_MAP_TOKEN_VALUE && !Token.isUnresolved(x);
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (x === null) return true;
  if (depth >= MAX_DEPTH / 2 || x instanceof Date) return false;
  if (Array.isArray(x)) {
    if (holdsListToken(x)) return false;
    return x.every((element) => isPlainTree(element, depth + 1));
  }
  const record = x as Record<string, unknown>;
  // A map-token key is not a plainString: encoding.containsMapToken would find nothing more.
  if (Tokenization.isResolvable(record) || isConstruct(record)) return false;
  return Object.keys(record).every((key) => key !== '__proto__' && plainString(key) && (record[key] === undefined || isPlainTree(record[key], depth + 1)));
}

/** Resolves `obj` in `scope` exactly as cdktf's `resolve(scope, obj, preparing)` does. */
export function resolveFast<T>(scope: IConstruct, obj: T, preparing = false): T {
  const path: string[] = [];
  const delegate = (x: unknown): unknown => privateResolve.resolve(x, { scope, prefix: [...path], resolver: RESOLVER, preparing });
  const inCdktf = (x: unknown, previousContext: unknown): unknown => privateResolve.resolve(x, { scope, prefix: [...path], resolver: RESOLVER, preparing, previousContext } as never);

  function walk(x: unknown): unknown {
    if (path.length > MAX_DEPTH) return delegate(x);
    switch (typeof x) {
      case 'undefined':
      case 'boolean':
      case 'bigint':
      case 'symbol':
        return x;
      case 'string':
        return plainString(x) ? x : (resolveReferenceString(x, scope, preparing, plainString, inCdktf) ?? delegate(x));
      case 'number':
        return x !== Token.NUMBER_MAP_TOKEN_VALUE && !Token.isUnresolved(x) ? x : delegate(x);
      case 'function':
        return delegate(x);
    }
    if (x === null || x instanceof Date) return x;
    if (Array.isArray(x)) {
      if (holdsListToken(x)) return delegate(x);
      const out: unknown[] = [];
      for (let i = 0; i < x.length; i++) {
        path.push(`${i}`);
        const value = walk(x[i]);
        path.pop();
        if (value !== undefined) out.push(value);
      }
      return out;
    }
    const record = x as Record<string, unknown>;
    if (Tokenization.isResolvable(record) || isConstruct(record)) return delegate(x);
    // A map-token key is not a plainString: this also delegates what encoding.containsMapToken finds.
    const keys = Object.keys(record);
    if (!keys.every(plainString)) return delegate(x);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      path.push(key);
      const value = walk(record[key]);
      path.pop();
      if (value !== undefined) out[key] = value;
    }
    return out;
  }

  return walk(obj) as T;
}
