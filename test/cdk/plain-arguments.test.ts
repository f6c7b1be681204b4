/**
 * Terraform function arguments that are plain data are rendered by src/cdk/plain-arguments.ts
 * instead of cdktf's resolveArg: the text must be cdktf's own, for every kind of value a
 * policy or template argument can hold, hostile strings included.
 */
import { DefaultTokenResolver, Fn, StringConcat, TerraformStack, Testing, Token, Tokenization } from '../../src/cdk/core';
import { isPlainTree } from '../../src/cdk/resolve';

function rendered(value: unknown, stock: boolean): unknown {
  const previous = process.env.GWLB_CDKTF_STOCK;
  if (stock) process.env.GWLB_CDKTF_STOCK = '1';
  else delete process.env.GWLB_CDKTF_STOCK;
  try {
    const stack = new TerraformStack(Testing.app(), 'stack');
    return Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
  } finally {
    if (previous === undefined) delete process.env.GWLB_CDKTF_STOCK;
    else process.env.GWLB_CDKTF_STOCK = previous;
  }
}

const HOSTILE = ['${var.x}', '%{ if true }x%{ endif }', '$${already}', 'say "hi"', '"quoted"', '"', '""', 'back\\slash', 'line\nbreak', 'tab\tend', '', 'ünïcødé ✓'];
/** Strings cdktf could read as encoded number tokens: left to cdktf (resolve.ts plainString). */
const NUMBER_LIKE = ['1e5', '-e-', '2e+10 units'];

const ARGUMENTS: Record<string, unknown> = {
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] }] },
  hostile: { strings: HOSTILE, keyed: Object.fromEntries(HOSTILE.filter((s) => !s.includes('"')).map((s, i) => [`k${i}`, s])) },
  scalars: { n: 0, negative: -1.5, big: 1e21, yes: true, no: false, nothing: null },
  lists: [[], [null, 1, 'a'], [[['deep']]], [{}]],
  members: { kept: 'v', dropped: undefined, '10': 'integer-like keys come first', '2': 'in ascending order', 'a-b c': 'spaced key' },
  scalar: 'just a string',
  number: 42,
  flag: true,
  none: null,
};

describe('plain Terraform function arguments', () => {
  for (const [name, argument] of Object.entries(ARGUMENTS)) {
    it(`renders ${name} as cdktf does`, () => {
      expect(isPlainTree(argument)).toBe(true);
      const value = { jsonencode: Fn.jsonencode(argument), join: Fn.join(',', [Token.asString(Fn.jsonencode(argument)), 'tail']) };
      const ours = rendered(value, false);
      expect(ours).toEqual(rendered(value, true));
      expect(JSON.stringify(ours)).toContain('jsonencode(');
    });
  }

  it('leaves arguments with tokens in them to cdktf, whose plain members come back rendered alike', () => {
    const stack = new TerraformStack(Testing.app(), 'refs');
    const reference = Token.asString(Fn.upper('x'));
    const argument = { Statement: [{ Resource: `${reference}:*`, Action: ['a', 'b'], Condition: { StringEquals: { k: HOSTILE } } }], list: Token.asList(Fn.split(',', 'a,b')) };
    expect(isPlainTree(argument)).toBe(false);
    expect(stack).toBeDefined();
    expect(rendered({ policy: Fn.jsonencode(argument) }, false)).toEqual(rendered({ policy: Fn.jsonencode(argument) }, true));
  });

  it('calls nothing plain that cdktf would resolve differently or refuse', () => {
    // A list with an undefined element shifts in cdktf's rendering; a Date, a function, a construct,
    // a __proto__ key and tokens are cdktf's to render (or to refuse).
    expect(isPlainTree([1, undefined])).toBe(false);
    expect(isPlainTree(undefined)).toBe(false);
    expect(isPlainTree({ d: new Date(0) })).toBe(false);
    expect(isPlainTree({ f: () => 1 })).toBe(false);
    expect(isPlainTree(JSON.parse('{"__proto__": "x"}'))).toBe(false);
    expect(isPlainTree({ t: Token.asString(Fn.upper('x')) })).toBe(false);
    expect(isPlainTree({ n: Token.asNumber(Fn.lengthOf(['a'])) })).toBe(false);
    // A map token is a key beside plain ones; a list token an element beside plain ones.
    expect(isPlainTree({ m: { plain: 'p', ...Token.asStringMap(Fn.tomap({ k: 'v' })) } })).toBe(false);
    expect(isPlainTree({ [Token.asString(Fn.upper('k'))]: 'plain value' })).toBe(false);
    expect(isPlainTree(['first', ...Token.asList(Fn.split(',', 'a,b'))])).toBe(false);
    expect(isPlainTree([1, ...Token.asNumberList(Fn.range(0, 3))])).toBe(false);
    expect(isPlainTree(new TerraformStack(Testing.app(), 'construct'))).toBe(false);
    expect(NUMBER_LIKE.map((s) => isPlainTree({ s }))).toEqual(NUMBER_LIKE.map(() => false));
    expect(rendered({ v: Fn.jsonencode({ NUMBER_LIKE, HOSTILE }) }, false)).toEqual(rendered({ v: Fn.jsonencode({ NUMBER_LIKE, HOSTILE }) }, true));
    const odd = [1, undefined, 'x'];
    expect(rendered({ v: Fn.jsonencode(odd) }, false)).toEqual(rendered({ v: Fn.jsonencode(odd) }, true));
  });
});
