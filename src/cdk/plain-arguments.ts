/**
 * cdktf 0.21 renders the arguments of a Terraform function (`Fn.jsonencode(policy)`)
 * in TFExpression.resolveArg (lib/tfExpression.js): for an object or a list it first
 * resolves the whole value, then renders each member by resolving that member again,
 * so a policy document is resolved once per level of its depth and every string in it
 * tokenized at each level: ~0.4 ms a policy, two or three policies a spoke.
 *
 * An argument that is plain data (resolve.ts isPlainTree) resolves to an equal copy of
 * itself, so rendering it needs no resolution: here it is rendered as resolveArg
 * renders it (`{"key" = value, …}`, `[a, b]`, strings through cdktf's own
 * resolveString, numbers, booleans and null as they are), and anything else is left to
 * cdktf, whose members come back here. Under GWLB_CDKTF_STOCK=1 (read on each call, as
 * the stacks read it when they are constructed) cdktf's own method runs; the examples
 * and a network of hostile strings are written byte for byte either way
 * (test/cdk/resolve-once.test.ts compares the two).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tfExpression = require('cdktf/lib/tfExpression');
import { isPlainTree } from './resolve';

interface ArgumentRenderer {
  resolveArg(context: unknown, arg: unknown): unknown;
  resolveString(str: string, resolvedArg: string): unknown;
}

function render(expression: ArgumentRenderer, arg: unknown): unknown {
  if (typeof arg === 'string') return expression.resolveString(arg, arg);
  if (Array.isArray(arg)) return `[${arg.map((element) => render(expression, element)).join(', ')}]`;
  if (typeof arg === 'object' && arg !== null) {
    const record = arg as Record<string, unknown>;
    const members = Object.keys(record).filter((key) => record[key] !== undefined);
    return `{${members.map((key) => `"${key}" = ${render(expression, record[key])}`).join(', ')}}`;
  }
  return arg;
}

function installPlainArguments(): void {
  // TFExpression is not exported; every expression cdktf builds (a function call here) inherits from it.
  const probe = tfExpression.call('probe', []);
  const prototype = Object.getPrototypeOf(Object.getPrototypeOf(probe)) as ArgumentRenderer;
  const stock = prototype.resolveArg;
  if (typeof stock !== 'function' || typeof prototype.resolveString !== 'function') return;
  prototype.resolveArg = function (this: ArgumentRenderer, context: unknown, arg: unknown): unknown {
    if (arg === undefined || process.env.GWLB_CDKTF_STOCK === '1' || !isPlainTree(arg)) return stock.call(this, context, arg);
    return render(this, arg);
  };
}
installPlainArguments();
