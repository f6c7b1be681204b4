/**
 * `__proto__` and other names of Object.prototype as keys: JSON and YAML make them
 * ordinary keys, and so must validation (zod's records skip `__proto__`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { parseBlueprintText } from '../../src/blueprint/load';
import { formatPath, formatProblem } from '../../src/blueprint/problems';
import { validateBlueprint } from '../../src/blueprint/validate';
import { main } from '../../src/cli/main';
import { memoryIo } from '../../src/util/io';
import { reference } from '../helpers/blueprints';

/** The reference blueprint as JSON text, with the key `from` at `where` renamed to `to`. */
function renamed(where: string, from: string, to: string): string {
  const text = JSON.stringify(reference(), null, 2);
  const at = text.indexOf(`"${where}"`);
  const key = text.indexOf(`"${from}"`, at);
  if (at < 0 || key < 0) throw new Error(`no ${from} after ${where}`);
  return `${text.slice(0, key)}"${to}"${text.slice(key + from.length + 2)}`;
}

const errorsOf = (text: string, file = 'net.json') => {
  const source = parseBlueprintText(text, file);
  return validateBlueprint(source.value)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => formatProblem(p, source.file, source.locate(p.path)));
};

describe('__proto__ as a name', () => {
  it.each([
    ['an account', 'accounts', 'partner', '$.accounts.__proto__'],
    ['a region', 'regions', 'eu-west-2', '$.regions.__proto__'],
    ['a fleet', 'fleets', 'cloudguard', '$.regions["eu-west-2"].fleets.__proto__'],
    ['a DMZ', 'dmzs', 'prod-dmz', '$.regions["eu-west-2"].dmzs.__proto__'],
    ['a spoke', 'spokes', 'prod-app', '$.regions["eu-west-2"].spokes.__proto__'],
    ['a VPN', 'vpnConnections', 'london-office', '$.regions["eu-west-2"].vpnConnections.__proto__'],
  ])('is refused as %s, with its path and position, in JSON and YAML', (_what, where, from, shown) => {
    const json = renamed(where, from, '__proto__');
    const line = json.slice(0, json.indexOf('"__proto__"')).split('\n').length;
    const errors = errorsOf(json);
    expect(errors.find((e) => e.includes(` ${shown} = "__proto__": is not a`))).toMatch(new RegExp(`^net\\.json:${line}:\\d+: error`));
    const yaml = toYaml(JSON.parse(json));
    expect(errorsOf(yaml, 'net.yaml').some((e) => e.includes(` ${shown} = "__proto__": is not a`))).toBe(true);
  });

  it('is refused as an unknown field inside an object', () => {
    const bp = JSON.parse('{"__proto__": {"x": 1}}');
    Object.assign(bp, reference());
    expect(validateBlueprint(bp).problems.map((p) => formatPath(p.path))).toContain('$.__proto__');
  });
});

describe('__proto__ as a tag key', () => {
  it('is kept, in its place among the other tags, and its value is checked like any other', () => {
    const bp = { ...reference(), tags: JSON.parse('{"Owner": "net", "__proto__": "kept", "Team": "ops"}') };
    const result = validateBlueprint(bp);
    expect(result.model?.tags).toBeDefined();
    expect(Object.keys(result.model!.tags)).toEqual(['Owner', '__proto__', 'Team']);
    expect(Object.getOwnPropertyDescriptor(result.model!.tags, '__proto__')?.value).toBe('kept');
    expect(Object.getPrototypeOf(result.model!.tags)).toBe(Object.prototype);

    const bad = validateBlueprint({ ...reference(), tags: JSON.parse('{"__proto__": 5}') });
    expect(bad.problems.map((p) => formatProblem(p))).toContain('error $.tags.__proto__ = 5: expected a string, got a number (quote it, e.g. "5") [schema]');
  });

  it('reaches the synthesized Terraform through the whole command line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-proto-'));
    try {
      const file = path.join(dir, 'net.json');
      writeFileSync(file, JSON.stringify(reference()).replace('"tags":{', '"tags":{"__proto__":"kept",'));
      const out = path.join(dir, 'out');
      const io = memoryIo();
      expect(await main(['synth', '-b', file, '-o', out], io)).toBe(0);
      const hub = JSON.parse(readFileSync(path.join(out, 'stacks', 'acme-eu-west-2-hub', 'cdk.tf.json'), 'utf8'));
      expect(Object.getOwnPropertyDescriptor(hub.provider.aws[0].default_tags[0].tags, '__proto__')?.value).toBe('kept');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('constructor (and other names of Object.prototype)', () => {
  it('works as an account, fleet, DMZ, spoke and VPN name, and as a tag key', () => {
    for (const [where, from] of [
      ['accounts', 'partner'],
      ['fleets', 'cloudguard'],
      ['dmzs', 'prod-dmz'],
      ['spokes', 'prod-app'],
      ['vpnConnections', 'london-office'],
    ]) {
      let text = renamed(where, from, 'constructor');
      if (where === 'accounts') text = text.replace(/"account": "partner"/g, '"account": "constructor"');
      if (where === 'fleets') text = text.replace(/"fleet": "cloudguard"/g, '"fleet": "constructor"');
      expect(errorsOf(text)).toEqual([]);
    }
    const tagged = validateBlueprint({ ...reference(), tags: { constructor: 'x', toString: 'y', hasOwnProperty: 'z' } });
    expect(tagged.model?.tags).toEqual({ constructor: 'x', toString: 'y', hasOwnProperty: 'z' });
  });

  it('is still refused as a reference to something the blueprint does not define', () => {
    const bp = reference();
    bp.regions['eu-west-2'].spokes!['prod-app'].account = 'constructor';
    bp.regions['eu-west-2'].egress.fleet = 'constructor';
    const errors = validateBlueprint(bp).problems.filter((p) => p.severity === 'error').map((p) => formatPath(p.path));
    expect(errors).toEqual(expect.arrayContaining(['$.regions["eu-west-2"].spokes["prod-app"].account', '$.regions["eu-west-2"].egress.fleet']));
  });
});
