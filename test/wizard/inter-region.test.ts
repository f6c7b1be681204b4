/**
 * The questions between regions (issue 8): asked only when the answers hold two
 * regions or more, defaulting to every-region inspection over a full mesh (left
 * out of the blueprint), or to what the base blueprint says.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import type { Blueprint } from '../../src/blueprint/schema';
import { validateBlueprint } from '../../src/blueprint/validate';
import { askBlueprint } from '../../src/wizard/flow';
import { ScriptedPrompter, type Script } from '../../src/wizard/scripted-prompter';
import { initScripted, reference, ROOT } from './helpers';

async function ask(script: Script, base: Blueprint = reference()): Promise<{ blueprint: Blueprint; prompter: ScriptedPrompter }> {
  const prompter = new ScriptedPrompter(script);
  const blueprint = await askBlueprint(prompter, base);
  expect(prompter.unused).toEqual([]);
  expect(prompter.refusals).toEqual([]);
  return { blueprint, prompter };
}

function validModel(blueprint: Blueprint) {
  const checked = validateBlueprint(blueprint);
  expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return checked.model!;
}

/** The reference network plus a second region, inspected once per pair. */
const twoRegions: Script = {
  'regions[0].another': true,
  'regions[1].code': 'us-east-1',
  'regions[1].spokes[0].name': 'billing',
  'interRegion.inspection': 'once',
};

describe('two regions, inspected once', () => {
  test('asks after the last region, with the base\'s defaults and one help line, and writes inspection: once', async () => {
    const { blueprint, prompter } = await ask(twoRegions);
    const ids = prompter.asked.map((q) => q.id);
    expect(ids.slice(ids.indexOf('regions[1].another'), ids.indexOf('state.backend') + 1)).toEqual([
      'regions[1].another',
      'interRegion.inspection',
      'interRegion.peerAll',
      'state.backend',
    ]);
    const inspection = prompter.asked.find((q) => q.id === 'interRegion.inspection')!;
    expect(inspection.default).toBe('every-region');
    expect(prompter.asked.find((q) => q.id === 'interRegion.peerAll')).toMatchObject({ message: 'Peer every pair of regions (1 TGW peering)?', default: true });
    expect(prompter.notes).toContainEqual({ kind: 'help', text: "every-region = each region's fleet sees both directions; once = one region per pair inspects (the first alphabetically)." });

    expect(Object.keys(blueprint.regions)).toEqual(['eu-west-2', 'us-east-1']);
    // A full mesh is the default: no list of peerings.
    expect(blueprint.interRegion).toEqual({ inspection: 'once' });
    // In the blueprint's field order: after the regions, before the state.
    expect(Object.keys(blueprint)).toEqual(['$schema', 'name', 'tags', 'accounts', 'regions', 'interRegion', 'state'].filter((k) => k in blueprint));
    expect(blueprint.regions['us-east-1']).toMatchObject({
      transitGateway: { account: 'network', amazonSideAsn: 64521 },
      egress: { account: 'network', fleet: 'cloudguard' },
      spokes: { billing: { account: 'network' } },
    });

    const model = validModel(blueprint);
    expect(model.interRegion).toEqual({ inspection: 'once', peerings: [{ requester: 'eu-west-2', accepter: 'us-east-1', inspectedBy: ['eu-west-2'] }] });
  });

  test('through init: the README lists the peering stack', async () => {
    const run = await initScripted(twoRegions);
    expect(run.error).toBeUndefined();
    const readme = readFileSync(path.join(run.dir, 'README.md'), 'utf8');
    expect(readme).toContain(
      '- `acme-peering-eu-west-2-us-east-1`: TGW peering eu-west-2 ↔ us-east-1 and the static routes across it, inspected in eu-west-2 only (account network)',
    );
    expect(readme).toContain('acme-us-east-1-hub');
  });

  test('every-region (Enter) leaves interRegion out', async () => {
    const { blueprint } = await ask({ ...twoRegions, 'interRegion.inspection': 'every-region' });
    expect(blueprint).not.toHaveProperty('interRegion');
    expect(validModel(blueprint).interRegion.peerings.map((p) => p.inspectedBy)).toEqual([['eu-west-2', 'us-east-1']]);
  });
});

describe('picking the pairs to peer', () => {
  const threeRegions: Script = {
    ...twoRegions,
    'regions[1].another': true,
    'regions[2].code': 'ap-southeast-1',
    'regions[2].spokes[0].name': 'apac',
    'interRegion.peerAll': false,
  };

  test('declining the full mesh offers every pair, all ticked, and writes the ones kept', async () => {
    const { blueprint, prompter } = await ask({ ...threeRegions, 'interRegion.peerings': ['eu-west-2 us-east-1', 'ap-southeast-1 eu-west-2'] });
    const pairs = prompter.asked.find((q) => q.id === 'interRegion.peerings')!;
    expect(pairs.kind).toBe('checkbox');
    expect(pairs.default).toEqual(['eu-west-2 us-east-1', 'ap-southeast-1 eu-west-2', 'ap-southeast-1 us-east-1']);
    expect(blueprint.interRegion).toEqual({
      inspection: 'once',
      peerings: [
        ['eu-west-2', 'us-east-1'],
        ['eu-west-2', 'ap-southeast-1'],
      ],
    });
    const model = validModel(blueprint);
    expect(model.interRegion.peerings.map((p) => `${p.requester} ${p.accepter} ${p.inspectedBy.join(',')}`)).toEqual([
      'ap-southeast-1 eu-west-2 ap-southeast-1',
      'eu-west-2 us-east-1 eu-west-2',
    ]);
  });

  test('a base that lists its peerings keeps them, in its own order and orientation; a new region is peered by default', async () => {
    const base = readBlueprintFile(path.join(ROOT, 'examples', 'multi-region.blueprint.yaml')).value as Blueprint;
    base.interRegion = { inspection: 'once', peerings: [['us-east-1', 'eu-west-1']] };
    const same = await ask({}, base);
    expect(same.blueprint).toEqual(base);
    expect(same.prompter.asked.find((q) => q.id === 'interRegion.inspection')!.default).toBe('once');

    const grown = await ask({ 'regions[1].another': true, 'regions[2].code': 'eu-central-1' }, base);
    expect(grown.blueprint.interRegion!.peerings).toEqual([
      ['us-east-1', 'eu-west-1'],
      ['eu-west-1', 'eu-central-1'],
      ['us-east-1', 'eu-central-1'],
    ]);
    validModel(grown.blueprint);
  });

  test('going back to one region asks nothing and drops the peerings that name a region no longer there', async () => {
    const base = readBlueprintFile(path.join(ROOT, 'examples', 'multi-region.blueprint.yaml')).value as Blueprint;
    base.interRegion = { inspection: 'once', peerings: [['eu-west-1', 'us-east-1']] };
    const { blueprint, prompter } = await ask({ 'regions[0].another': false }, base);
    expect(prompter.asked.some((q) => q.id.startsWith('interRegion'))).toBe(false);
    expect(blueprint.interRegion).toEqual({ inspection: 'once', peerings: [] });
  });
});

test('one region: no question between regions, and Enter everywhere still gives the reference', async () => {
  const { blueprint, prompter } = await ask({});
  expect(prompter.asked.some((q) => q.id.startsWith('interRegion'))).toBe(false);
  expect(blueprint).toEqual(reference());
});

test('Enter everywhere reproduces the five-region example', async () => {
  const from = readBlueprintFile(path.join(ROOT, 'examples', 'five-regions.blueprint.json')).value as Blueprint;
  const { blueprint, prompter } = await ask({}, from);
  expect(blueprint).toEqual(from);
  expect(prompter.asked.find((q) => q.id === 'interRegion.peerAll')!.message).toBe('Peer every pair of regions (10 TGW peerings)?');
});
