/** The command line, run in-process through main(argv, memoryIo()), and once as a real process. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { RULES } from '../../src/blueprint/rules';
import { memoryIo } from '../../src/util/io';
import { main } from '../../src/cli/main';
import { REFERENCE_FILE, ROOT, reference, regionOf } from '../helpers/blueprints';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | object): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('validate', () => {
  it('prints the summary of a valid blueprint and exits 0', async () => {
    const { code, stdout, stderr } = await run('validate', '-b', REFERENCE_FILE);
    expect(code).toBe(0);
    expect(stdout).toContain(`${REFERENCE_FILE} is valid.`);
    expect(stdout).toContain('acme: 4 accounts, 1 region, state local');
    expect(stdout).toContain('eu-west-2: 3 AZs (euw2-az1, euw2-az2, euw2-az3), TGW in network ASN 64520');
    // egress 10.255.0.0/20 over 3 AZs: tgw /28, gwlbe /28, appliance /24, public /26
    expect(stdout).toMatch(/egress +network +10\.255\.0\.0\/20 +\/28 +\/28 +\/24 +\/26/);
    // a /16 spoke keeps room for the region's 3 AZs: 3 x /18 workload subnets
    expect(stdout).toMatch(/spoke prod-app +production +10\.10\.0\.0\/16 +\/28 .*\/18/);
    expect(stdout).toContain('vpn london-office: 203.0.113.10 ASN 65010, BGP');
    // whatever it prints on stderr are warnings only
    for (const line of stderr.split('\n').filter(Boolean)) expect(line).toMatch(/: warning \$/);
  });

  it('reads a YAML blueprint', async () => {
    const file = write('net.yaml', `# the reference, as YAML\n${toYaml(reference())}`);
    const { code, stdout } = await run('validate', '--blueprint', file);
    expect(code).toBe(0);
    expect(stdout).toContain('is valid.');
  });

  it('prints warnings with their path and still exits 0', async () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.minSize = 2;
    const file = write('warn.json', bp);
    const { code, stderr } = await run('validate', '-b', file);
    expect(code).toBe(0);
    expect(stderr).toContain(`warning $.regions["eu-west-2"].fleets.cloudguard.minSize = 2:`);
  });

  it('refuses a bad blueprint with exit 1, printing file, line, path and value', async () => {
    const bp = reference();
    regionOf(bp).egress.cidr = '10.255.0.1/20';
    const file = write('bad.json', JSON.stringify(bp, null, 2));
    const { code, stdout, stderr } = await run('validate', '-b', file);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    // the line of egress.cidr in the file as written; the key sits at column 9 (four levels of two spaces)
    const line = JSON.stringify(bp, null, 2).split('\n').findIndex((l) => l.includes('"cidr": "10.255.0.1/20"')) + 1;
    expect(stderr).toContain(`${file}:${line}:9: error $.regions["eu-west-2"].egress.cidr = "10.255.0.1/20": has host bits set`);
    expect(stderr).toContain('error: 1 problem found; nothing was written');
  });

  it('reports every problem and counts them', async () => {
    const bp = reference();
    regionOf(bp).egress.cidr = '10.255.0.1/20';
    bp.accounts.partner.id = '42';
    const { code, stderr } = await run('validate', '-b', write('two.json', bp));
    expect(code).toBe(1);
    expect(stderr).toContain('$.accounts.partner.id = "42"');
    expect(stderr).toContain('$.regions["eu-west-2"].egress.cidr = "10.255.0.1/20"');
    expect(stderr).toContain('error: 3 problems found'); // the ID, partner's roleArn that no longer matches it, the CIDR
  });

  it('refuses malformed JSON with exit 1 and the line and column', async () => {
    const file = write('broken.json', '{\n  "name": "acme",\n  "accounts": {}\n  "regions": {}\n}\n');
    const { code, stderr } = await run('validate', '-b', file);
    expect(code).toBe(1);
    expect(stderr).toBe(`error: ${file}:4:3: malformed JSON: comma expected`);
  });

  it('names a missing file and exits 1', async () => {
    const file = path.join(dir, 'nowhere.json');
    const { code, stderr } = await run('validate', '-b', file);
    expect(code).toBe(1);
    expect(stderr).toBe(`error: ${file}: no such file`);
  });

  it('lists every rule with --rules', async () => {
    const { code, stdout } = await run('validate', '--rules');
    expect(code).toBe(0);
    const ids = stdout.split('\n').map((line) => line.split(/\s+/)[0]);
    expect(ids).toEqual(RULES.map((r) => r.id));
  });
});

describe('usage errors', () => {
  it('refuses an unknown option with exit 1', async () => {
    const { code, stderr } = await run('validate', '--nope');
    expect(code).toBe(1);
    expect(stderr).toContain("unknown option '--nope'");
  });

  it('refuses an unknown command with exit 1', async () => {
    const { code, stderr } = await run('frobnicate');
    expect(code).toBe(1);
    expect(stderr).toContain("unknown command 'frobnicate'");
  });

  it('refuses a missing option value with exit 1', async () => {
    const { code, stderr } = await run('validate', '-b');
    expect(code).toBe(1);
    expect(stderr).toContain("option '-b, --blueprint <file>' argument missing");
  });
});

describe('help and version', () => {
  it('prints help for the program and exits 0', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: gwlb-blueprint');
    for (const command of ['validate', 'synth', 'verify', 'init', 'diagram']) expect(stdout).toContain(command);
  });

  it.each(['validate', 'synth', 'verify', 'init', 'diagram'])('prints help for %s and exits 0', async (command) => {
    const { code, stdout, stderr } = await run(command, '--help');
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: gwlb-blueprint ${command}`);
    expect(stderr).toBe('');
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await run('--version')).toEqual({ code: 0, stdout: version, stderr: '' });
  });
});

describe('the installed command', () => {
  it('validates the reference blueprint as a real process (needs `npm run build`)', () => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
    const result = spawnSync(process.execPath, ['bin/gwlb-blueprint.js', 'validate', '-b', 'templates/reference.blueprint.json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20000,
    });
    for (const line of result.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/: warning \$/);
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith('templates/reference.blueprint.json is valid.\n')).toBe(true);
    expect(result.stdout).toContain('acme: 4 accounts, 1 region, state local');
  });
});

describe('synth keeps a deployed address layout', () => {
  it('records each region\'s AZ slots in manifest.json and refuses to re-plan them silently', async () => {
    const out = path.join(dir, 'layout-out');
    const file = write('layout.json', reference());
    expect((await run('synth', '-b', file, '-o', out)).code).toBe(0);
    const manifestFile = path.join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    expect(manifest['gwlb-blueprint'].layout).toEqual({ regions: { 'eu-west-2': { azSlots: 3 } } });

    // As an older version (which kept room for six AZs) would have recorded it.
    manifest['gwlb-blueprint'].layout.regions['eu-west-2'].azSlots = 6;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const refused = await run('synth', '-b', file, '-o', out, '--force');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('records 6 AZ slots for eu-west-2, and this blueprint would now get 3');
    expect(refused.stderr).toContain('Set regions["eu-west-2"].azSlots to 6');
    expect(JSON.parse(readFileSync(manifestFile, 'utf8'))['gwlb-blueprint'].layout.regions['eu-west-2'].azSlots).toBe(6);

    // Stated in the blueprint, the layout is the user's choice.
    const pinned = reference();
    regionOf(pinned).azSlots = 6;
    expect((await run('synth', '-b', write('pinned.json', pinned), '-o', out, '--force')).code).toBe(0);
    expect(JSON.parse(readFileSync(manifestFile, 'utf8'))['gwlb-blueprint'].layout.regions['eu-west-2'].azSlots).toBe(6);
  });
});

describe('the HCL hand-off', () => {
  it('synth --hcl writes HCL that verify reads back, exit 0, and its README regenerates it as HCL', async () => {
    const out = path.join(dir, 'hcl-out');
    const synth = await run('synth', '-b', REFERENCE_FILE, '-o', out, '--hcl');
    expect(synth.code).toBe(0);
    expect(synth.stdout).toContain(`(to check again: gwlb-blueprint verify ${out})`);
    expect(existsSync(path.join(out, 'stacks', 'acme-eu-west-2-hub', 'cdk.tf'))).toBe(true);
    expect(existsSync(path.join(out, 'stacks', 'acme-eu-west-2-hub', 'cdk.tf.json'))).toBe(false);
    const verify = await run('verify', out);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^verified: [\d,]+ AZ paths .* 10 controls pass\b/m);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toContain(`npx gwlb-blueprint synth -b blueprint.json -o <this folder> --hcl --force`);
  });
});

describe('synth output at scale', () => {
  it('lists up to 20 stacks, then says how many more and where they all are', async () => {
    const { stackSummary, LISTED_STACKS } = await import('../../src/cli/commands/synth');
    const names = Array.from({ length: 500 }, (_, i) => `net-eu-west-2-spoke-s${i}`);
    const lines = stackSummary(names, 'generated/README.md');
    expect(lines).toHaveLength(LISTED_STACKS + 1);
    expect(lines[0]).toBe('  net-eu-west-2-spoke-s0');
    expect(lines.at(-1)).toBe('  … and 480 more (generated/README.md lists every stack, in apply order)');
    expect(stackSummary(names.slice(0, 20), 'x')).toHaveLength(20);
  });
});

describe('verify without a folder', () => {
  const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'gwlb-blueprint.js'), ...args], { cwd, encoding: 'utf8', timeout: 60000 });

  it('reads cdktf.out, else generated, and says which (needs `npm run build`)', async () => {
    const project = path.join(dir, 'project');
    expect((await run('synth', '-b', REFERENCE_FILE, '-o', path.join(project, 'generated'))).code).toBe(0);
    const generated = cli(project, 'verify');
    expect(generated.stderr).toContain('verify: reading generated (no folder given)');
    expect(generated.status).toBe(0);
    expect((await run('synth', '-b', REFERENCE_FILE, '-o', path.join(project, 'cdktf.out'))).code).toBe(0);
    expect(cli(project, 'verify').stderr).toContain('verify: reading cdktf.out (no folder given)');
  });

  it('with neither, exits 1 and says what it looked for', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'gwlb-verify-none-'));
    const result = cli(empty, 'verify');
    rmSync(empty, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error: no folder given, and there is no cdktf.out or generated here');
  });
});
