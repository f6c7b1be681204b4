/**
 * cdktf 0.21 turns the keys of every element's meta-arguments (provider,
 * depends_on, lifecycle, …) into snake case on each pass (util.js
 * keysToSnakeCase, called by terraform-resource.js and the data sources and
 * backends through the module's exports), running three regular expressions per
 * key: a few thousand keys, all alike, ~20 ms at 48 spokes and ~70 ms at 500.
 * Here the same walk runs with cdktf's own `snakeCase` remembered per key; the
 * walk keeps every quirk of cdktf's (`tags` and `environment` copied as they are,
 * tokens left alone, arrays mapped, keys set by assignment on a plain object).
 * Under GWLB_CDKTF_STOCK=1 (read on each call, as the stacks read it when they
 * are constructed) cdktf's own function runs; the examples are written byte for
 * byte either way (test/cdk/resolve-once.test.ts compares the two).
 */
import { Tokenization } from 'cdktf';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import util = require('cdktf/lib/util');

const snakeKeys = new Map<string, string>();

function snakeCaseOf(key: string): string {
  let snake = snakeKeys.get(key);
  if (snake === undefined) snakeKeys.set(key, (snake = util.snakeCase(key)));
  return snake;
}

function keysToSnakeCase(object: any): any {
  if (Tokenization.isResolvable(object)) return object;
  if (Array.isArray(object)) return object.map((e) => (typeof e === 'object' ? keysToSnakeCase(e) : e));
  const out: any = {};
  for (const key of Object.keys(object)) {
    if (key === 'tags' || key === 'environment') {
      out[key] = object[key];
      continue;
    }
    let value = object[key];
    if (typeof value === 'object') value = keysToSnakeCase(value);
    if (Array.isArray(value)) value = value.map((e) => (typeof e === 'object' ? keysToSnakeCase(e) : e));
    out[snakeCaseOf(key)] = value;
  }
  return out;
}

const exported = util as { keysToSnakeCase: (object: unknown) => unknown };
const stock = exported.keysToSnakeCase;
exported.keysToSnakeCase = (object) => (process.env.GWLB_CDKTF_STOCK === '1' ? stock(object) : keysToSnakeCase(object));
