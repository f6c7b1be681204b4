/**
 * Resolving each element once (src/cdk/resolve-once.ts, resolve.ts) changes no
 * byte of what cdktf writes: every example and a network of hostile strings
 * (template syntax, quotes, backslashes, line breaks, a `__proto__` tag key, an
 * S3 backend whose lock-file setting is an override, hub outputs whose
 * depends_on is an override), as JSON and as HCL, written with the cache and
 * with GWLB_CDKTF_STOCK=1 (cdktf's own passes and synthesizer). Compared as cdktf wrote
 * them (stacks, their lock and user-data files, the manifest), before the HCL
 * formatter (a function of what cdktf wrote).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import type { NetworkModel } from '../../src/blueprint/model';
import { validateBlueprint } from '../../src/blueprint/validate';
import { AppSynthesis, Aspects, DefaultTokenResolver, Fn, StringConcat, TerraformStack, Token, Tokenization, Testing, type IAspect } from '../../src/cdk/core';
import { resolveFast } from '../../src/cdk/resolve';
import { finishStacks, networkApp } from '../../src/synth/synthesize';
import type { SynthWarning } from '../../src/synth/warnings';
import { hostileModel, QUOTING, TEMPLATE_INJECTIONS } from '../helpers/hostile';
import { filesUnder } from '../helpers/files';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = [path.join('templates', 'reference.blueprint.json'), ...readdirSync(path.join(ROOT, 'examples')).map((f) => path.join('examples', f))];

function exampleModel(file: string): NetworkModel {
  return validateBlueprint(readBlueprintFile(path.join(ROOT, file)).value).model!;
}

/** The example's warnings, as the cdktf app records them: annotations in the manifest. */
function exampleWarnings(file: string): SynthWarning[] {
  const problems = validateBlueprint(readBlueprintFile(path.join(ROOT, file)).value).problems;
  return problems.filter((p) => p.severity === 'warning').map((p) => ({ text: `${p.rule}: ${p.message}`, path: p.path }));
}

function hostile(): NetworkModel {
  const { model } = hostileModel([...TEMPLATE_INJECTIONS, QUOTING]);
  return { ...model, tags: { ...JSON.parse('{"__proto__": "proto ${x}"}'), ...model.tags } };
}

/** What cdktf writes for `model` (stacks and manifest), with or without resolving once. */
function cdktfOutput(model: NetworkModel, hcl: boolean, once: boolean, aspect?: IAspect, warnings: readonly SynthWarning[] = []): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-resolve-once-'));
  const previous = process.env.GWLB_CDKTF_STOCK;
  if (!once) process.env.GWLB_CDKTF_STOCK = '1';
  try {
    const { app, stacks } = networkApp(model, { outdir: dir, warnings }, hcl);
    // On the stacks: cdktf 0.21 applies the aspects of a stack and what it holds (synthesizer.js, invokeAspects), not the App's.
    if (aspect) for (const stack of stacks) Aspects.of(stack).add(aspect);
    const synthesis = new AppSynthesis(app);
    synthesis.prepare();
    synthesis.synthesize();
    finishStacks(dir, stacks);
    return { ...filesUnder(dir), 'manifest.json': synthesis.manifestJson({}, {}) };
  } finally {
    if (previous === undefined) delete process.env.GWLB_CDKTF_STOCK;
    else process.env.GWLB_CDKTF_STOCK = previous;
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('resolving each element once', () => {
  const models: [string, () => NetworkModel, SynthWarning[]][] = [
    ...EXAMPLES.map((f) => [f, () => exampleModel(f), exampleWarnings(f)] as [string, () => NetworkModel, SynthWarning[]]),
    ['hostile strings', hostile, []],
  ];

  it.each(models)('writes %s byte for byte as cdktf does, JSON and HCL, its warnings annotated', (_, model, warnings) => {
    for (const hcl of [false, true]) {
      const cached = cdktfOutput(model(), hcl, true, undefined, warnings);
      expect(Object.keys(cached).length).toBeGreaterThan(2);
      expect(cached).toEqual(cdktfOutput(model(), hcl, false, undefined, warnings));
    }
  });

  it('annotates the warnings in the manifest (what the examples above compare)', () => {
    const warnings = exampleWarnings('templates/reference.blueprint.json');
    expect(warnings.length).toBeGreaterThan(0);
    const manifest = cdktfOutput(exampleModel('templates/reference.blueprint.json'), false, true, undefined, warnings)['manifest.json'];
    for (const w of warnings) expect(manifest).toContain(JSON.stringify(w.text));
  });

  it('carries the strings it must escape, and the overrides', () => {
    const out = Object.values(cdktfOutput(hostile(), false, true)).join('\n');
    for (const text of ['$${file(\\"/etc/hostname\\")}', '%%{ if true }x%%{ endif }', '"__proto__": "proto $${x}"', '"use_lockfile": true', '"required_version": ">= 1.11"']) expect(out).toContain(text);
    const multi = Object.values(cdktfOutput(exampleModel('examples/multi-region.blueprint.yaml'), false, true)).join('\n');
    expect(multi).toMatch(/"depends_on": \[\s*"aws_ram_resource_share_accepter\./);
  });

  it('leaves the cache aside when an Aspect is registered: what the aspect changes after preparing is written', () => {
    const tagVpcs: IAspect = {
      visit(node) {
        if ((node as { terraformResourceType?: string }).terraformResourceType === 'aws_vpc') (node as unknown as TerraformStack).addOverride('tags.Aspect', 'visited');
      },
    };
    const model = exampleModel('examples/single-account.blueprint.json');
    const cached = cdktfOutput(model, false, true, tagVpcs);
    expect(Object.values(cached).join('\n')).toContain('"Aspect": "visited"');
    expect(cached).toEqual(cdktfOutput(model, false, false, tagVpcs));
  });
});

describe('resolveFast', () => {
  it('resolves plain data with tokens in it as cdktf resolves it', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const list = Token.asList(Fn.split(',', 'a,b'));
    const value = {
      plain: ['10.0.0.0/16', 1e5, true, null, undefined, 'dollar $${x}', 'not a number token 1e5', '-e-'],
      joined: Fn.join('-', ['a', Token.asString(Fn.upper('b'))]),
      inside: `prefix ${Fn.lower('X')} suffix`,
      number: Token.asNumber(Fn.lengthOf(list)),
      list,
      nested: { deeper: [{ map: Token.asStringMap(Fn.tomap({ k: 'v' })) }, [], {}] },
      numbers: Token.asNumberList(Fn.range(0, 3)),
      empty: undefined,
      date: new Date(0),
    };
    const stock = Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
    expect(resolveFast(stack, value)).toEqual(stock);
    expect(JSON.stringify(resolveFast(stack, value))).toBe(JSON.stringify(stock));
  });

  it('fails where cdktf fails, with its message', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const listInString = { a: { b: `#{TfToken[TOKEN.1]}` } };
    const stock = () => Tokenization.resolve(listInString, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
    expect(stock).toThrow();
    expect(() => resolveFast(stack, listInString)).toThrow(messageOf(stock));
    expect(() => resolveFast(stack, { f: () => 1 })).toThrow(/function/i);
    // A list token among other elements, or a map token among plain keys: found there, not only where it is alone.
    for (const mixed of [
      { l: ['first', ...Token.asList(Fn.split(',', 'a,b')), 'last'] },
      { n: [1, ...Token.asNumberList(Fn.range(0, 3)), 2] },
      { m: { plain: 'p', ...Token.asStringMap(Fn.tomap({ k: 'w' })) } },
    ]) {
      const refused = () => Tokenization.resolve(mixed, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
      expect(refused).toThrow();
      expect(() => resolveFast(stack, mixed)).toThrow(messageOf(refused));
    }
  });
});

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  return '';
}
