/**
 * Blueprint warnings under `cdktf synth`: the cdktf CLI prints the app's stderr
 * as `[ERROR] default - …`, so the app records warnings as cdktf annotations on
 * the stack they concern (which the CLI prints as `WARN [stack]: …`), and writes
 * them to stderr only when it runs without the CLI. The real `npx cdktf synth`
 * is run by test/journey/npx-init.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildModel } from '../../src/blueprint/model';
import { synthesizeBlueprintFile } from '../../src/synth/app';
import { stackOfWarning } from '../../src/synth/warnings';
import { reference, regionOf } from '../helpers/blueprints';

const model = buildModel(reference());
const stacks = ['acme-eu-west-2-hub', 'acme-eu-west-2-egress', 'acme-eu-west-2-dmz-prod-dmz', 'acme-eu-west-2-dmz-partner-dmz', 'acme-eu-west-2-spoke-prod-app'];

describe('stackOfWarning', () => {
  it.each([
    [['regions', 'eu-west-2', 'fleets', 'cloudguard', 'minSize'], 'acme-eu-west-2-egress'],
    [['regions', 'eu-west-2', 'egress', 'cidr'], 'acme-eu-west-2-egress'],
    [['regions', 'eu-west-2', 'dmzs', 'partner-dmz', 'cidr'], 'acme-eu-west-2-dmz-partner-dmz'],
    [['regions', 'eu-west-2', 'spokes', 'prod-app', 'cidr'], 'acme-eu-west-2-spoke-prod-app'],
    [['regions', 'eu-west-2', 'vpnConnections', 'london-office', 'cidrs'], 'acme-eu-west-2-hub'],
    [['regions', 'eu-west-2', 'availabilityZones'], 'acme-eu-west-2-hub'],
    [['interRegion'], 'acme-eu-west-2-hub'],
  ])('%j belongs to %s', (at, stack) => {
    expect(stackOfWarning(model, at, stacks)).toBe(stack);
  });
});

describe('synthesizeBlueprintFile', () => {
  let dir: string;
  let file: string;
  const saved = { outdir: process.env.CDKTF_OUTDIR, cwd: process.cwd(), exitCode: process.exitCode };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-warn-'));
    const bp = reference();
    regionOf(bp).fleets.cloudguard.minSize = 2; // below the 3 AZs: a warning, at the fleet
    file = path.join(dir, 'blueprint.json');
    writeFileSync(file, JSON.stringify(bp, null, 2));
  });
  afterEach(() => {
    if (saved.outdir === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = saved.outdir;
    process.chdir(saved.cwd);
    process.exitCode = saved.exitCode;
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  function stderrOf(body: () => void): string {
    const written: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    body();
    return written.join('');
  }

  it('under the cdktf CLI, writes no warning to stderr and records it on the egress stack', () => {
    process.env.CDKTF_OUTDIR = path.join(dir, 'cdktf.out');
    const said = stderrOf(() => synthesizeBlueprintFile(file));
    expect(said).toBe('');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'manifest.json'), 'utf8')) as { stacks: Record<string, { annotations: { level: string; message: string }[] }> };
    // The reference's own warnings (no bootstrap secret, no CME) and this one, all about the fleet: all on the egress stack.
    expect(manifest.stacks['acme-eu-west-2-egress'].annotations).toEqual([
      { constructPath: 'acme-eu-west-2-egress', level: '@cdktf/warn', message: expect.stringMatching(/blueprint\.json:\d+:\d+: warning \$\.regions\["eu-west-2"\]\.fleets\.cloudguard\.vendor = "checkpoint": no bootstrapSecret/) },
      { constructPath: 'acme-eu-west-2-egress', level: '@cdktf/warn', message: expect.stringMatching(/blueprint\.json:\d+:\d+: warning \$\.regions\["eu-west-2"\]\.fleets\.cloudguard\.vendor = "checkpoint": no management\.cme/) },
      { constructPath: 'acme-eu-west-2-egress', level: '@cdktf/warn', message: expect.stringMatching(/blueprint\.json:\d+:\d+: warning \$\.regions\["eu-west-2"\]\.fleets\.cloudguard\.minSize = 2: is below the region's 3 AZs/) },
    ]);
    expect(manifest.stacks['acme-eu-west-2-hub'].annotations).toEqual([]);
  });

  it('run on its own, writes the warnings to stderr as validate does', () => {
    delete process.env.CDKTF_OUTDIR;
    process.chdir(dir);
    const said = stderrOf(() => synthesizeBlueprintFile(file));
    expect(said).toMatch(/warning \$\.regions\["eu-west-2"\]\.fleets\.cloudguard\.minSize = 2/);
  });

  it('a blueprint that breaks a rule prints its errors and its warnings, and exits 1', () => {
    const bp = JSON.parse(readFileSync(file, 'utf8'));
    bp.regions['eu-west-2'].spokes['prod-app'].cidr = '10.255.0.0/16';
    writeFileSync(file, JSON.stringify(bp));
    process.env.CDKTF_OUTDIR = path.join(dir, 'cdktf.out');
    const said = stderrOf(() => expect(synthesizeBlueprintFile(file)).toBeUndefined());
    expect(said).toContain('overlaps');
    expect(said).toContain('warning $.regions["eu-west-2"].fleets.cloudguard.minSize');
    expect(process.exitCode).toBe(1);
  });
});
