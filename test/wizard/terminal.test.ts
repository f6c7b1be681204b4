/**
 * The real, built CLI in a real pseudo-terminal (tmux): press Enter at every
 * prompt of `gwlb-blueprint init`, then install this package into the
 * scaffolded project from the local checkout, offline, and run `npx cdktf synth`
 * there. Skipped, with one line saying so, where tmux is not installed.
 *
 * The install is the layout npm would make, built by hand so it needs neither
 * the network nor anything in the npm cache: the package itself is `npm pack` of
 * this checkout, unpacked (so its `files` list is what is tested), and its
 * dependencies and cdktf-cli are links into this checkout's node_modules.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildModel } from '../../src/blueprint/model';
import { hubStackName, vpcStackName } from '../../src/stacks/names';
import { scaffoldFiles } from '../../src/wizard/scaffold';
import { listTree, readJson, reference, ROOT, scratchDir, withAzSlots } from './helpers';

const TARBALL = `gwlb-blueprint-${readJson<{ version: string }>(path.join(ROOT, 'package.json')).version}.tgz`;

const TMUX_FOUND = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
if (!TMUX_FOUND) process.stderr.write('test/wizard/terminal.test.ts: skipped, tmux is not installed (the scripted-answer tests of init still ran)\n');
const maybe = TMUX_FOUND ? test : test.skip;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: options.timeout ?? 60_000, cwd: options.cwd, env: options.env ?? process.env });
  if (result.error) throw result.error;
  return result;
}

function expectOk(result: SpawnSyncReturns<string>, what: string): void {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
}

/**
 * This checkout as npm would install it: `npm pack`, unpacked. When a source file
 * is newer than `dist/` (a plain `npx jest` run while editing), the unpacked copy
 * gets its own fresh build: the shared `dist/` is never rewritten under the feet
 * of other tests that run the built CLI at the same time.
 */
function packThisCheckout(scratch: string): string {
  const pack = () => run('npm', ['pack', '--ignore-scripts', '--pack-destination', scratch, '--json'], { cwd: ROOT });
  // Once more if it fails: a build running beside the tests (another `npm run build`) may rewrite dist/ while it is read.
  let packed = pack();
  if (packed.status !== 0) packed = pack();
  expectOk(packed, 'npm pack');
  const tarball = path.join(scratch, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
  const unpacked = path.join(scratch, 'package');
  mkdirSync(unpacked);
  expectOk(run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']), 'tar');

  const outputs = ['dist/index.js', 'dist/cli/main.js', 'dist/cli/commands/init.js', 'dist/wizard/flow.js'].map((f) => path.join(ROOT, f));
  const built = outputs.every((f) => existsSync(f)) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)));
  if (newest(path.join(ROOT, 'src')) > built) {
    // tsc writes every file even when another file has a type error; `npm run build` is where those fail.
    run('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', path.join(unpacked, 'dist')], { cwd: ROOT, timeout: 120_000 });
  }
  return unpacked;
}

/** The layout `npm install` makes, offline: the packed package copied in, its dependencies and cdktf-cli linked to this checkout's. */
function installInto(project: string, unpacked: string): void {
  const modules = path.join(project, 'node_modules');
  mkdirSync(modules, { recursive: true });
  cpSync(unpacked, path.join(modules, 'gwlb-blueprint'), { recursive: true });
  const link = (name: string) => {
    const at = path.join(modules, name);
    mkdirSync(path.dirname(at), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules', name), at, 'dir');
  };
  const pkg = readJson<{ dependencies: Record<string, string> }>(path.join(ROOT, 'package.json'));
  for (const dependency of Object.keys(pkg.dependencies)) link(dependency);
  link('cdktf-cli');
  const bin = path.join(modules, '.bin');
  mkdirSync(bin);
  const cdktfBin = readJson<{ bin: Record<string, string> }>(path.join(ROOT, 'node_modules', 'cdktf-cli', 'package.json')).bin.cdktf;
  symlinkSync(path.join('..', 'cdktf-cli', cdktfBin), path.join(bin, 'cdktf'));
  symlinkSync(path.join('..', 'gwlb-blueprint', 'bin', 'gwlb-blueprint.js'), path.join(bin, 'gwlb-blueprint'));
}

let unpacked = '';
let cli = '';
beforeAll(() => {
  if (!TMUX_FOUND) return;
  const scratch = scratchDir();
  unpacked = packThisCheckout(scratch);
  // The CLI runs from an installed copy too, as `npx gwlb-blueprint init` would.
  const tool = path.join(scratch, 'tool');
  installInto(tool, unpacked);
  cli = path.join(tool, 'node_modules', 'gwlb-blueprint', 'bin', 'gwlb-blueprint.js');
}, 120_000);

class Tmux {
  private readonly socket: string;
  constructor(private readonly dir: string) {
    this.socket = path.join(dir, 'tmux.sock');
    // Our own server and no user configuration; the pane stays after the command exits so its transcript can be read.
    writeFileSync(path.join(dir, 'tmux.conf'), 'set -g history-limit 10000\nset -g remain-on-exit on\n');
  }
  tmux(...args: string[]): SpawnSyncReturns<string> {
    return run('tmux', ['-S', this.socket, '-f', path.join(this.dir, 'tmux.conf'), ...args], { env: { ...process.env, TERM: process.env.TERM || 'xterm-256color' }, timeout: 10_000 });
  }
  start(command: string): void {
    expectOk(this.tmux('new-session', '-d', '-s', 'init', '-x', '160', '-y', '50', command), 'tmux new-session');
  }
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'init').stdout;
  }
  transcript(): string {
    return this.tmux('capture-pane', '-p', '-S', '-', '-t', 'init').stdout;
  }
  enter(): void {
    this.tmux('send-keys', '-t', 'init', 'Enter');
  }
  stop(): void {
    this.tmux('kill-server');
  }
}

/** Presses Enter whenever a new prompt is waiting (Inquirer marks one with "? "), until the command has exited. */
async function enterUntilExit(tmux: Tmux, exitFile: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let answered = '';
  let presses = 0;
  while (Date.now() < deadline) {
    if (existsSync(exitFile) && readFileSync(exitFile, 'utf8').trim() !== '') return presses;
    const screen = tmux.screen();
    const waiting = screen.split('\n').some((line) => line.startsWith('? '));
    if (waiting && screen !== answered) {
      answered = screen;
      tmux.enter();
      presses++;
      if (presses > 300) break;
    }
    await sleep(40);
  }
  throw new Error(`init did not finish within ${timeoutMs} ms after ${presses} Enters; the terminal showed:\n${tmux.transcript()}`);
}

maybe(
  'init in a real terminal: Enter at every prompt, then `npx cdktf synth` offline in the scaffolded project finds every stack',
  async () => {
    const timings: string[] = [];
    const lap = (() => {
      let last = Date.now();
      return (what: string) => {
        timings.push(`${what} ${Date.now() - last} ms`);
        last = Date.now();
      };
    })();
    lap('start');

    const scratch = scratchDir();
    const project = path.join(scratch, 'net');
    const exitFile = path.join(scratch, 'exit-code');
    const tmux = new Tmux(scratch);
    try {
      tmux.start(`node '${cli}' init '${project}'; echo $? > '${exitFile}'`);
      const presses = await enterUntilExit(tmux, exitFile, 40_000);
      lap(`wizard (${presses} Enters)`);
      const transcript = tmux.transcript();
      expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
      // What a person saw: the AZ ID advice, the summary with the plan, the confirmation, the next steps.
      expect(transcript).toContain('AZ IDs (euw2-az1) name the same physical zone in every account');
      expect(transcript).toMatch(/egress\s+network\s+10\.255\.0\.0\/20/);
      expect(transcript).toContain(`✔ Write this network and its cdktf project to ${project}/? Yes`);
      expect(transcript).toContain(`Wrote ${project}/: ${scaffoldFiles(TARBALL).join(', ')}`);
      expect(transcript).not.toMatch(/^> /m); // no answer was refused
      expect(presses).toBeGreaterThan(50);
    } finally {
      tmux.stop();
    }

    expect(listTree(project)).toEqual(scaffoldFiles(TARBALL).sort());
    // The reference network as the example offers it: its AZ slots written down, no RAM sharing nobody ticked.
    const written = withAzSlots(reference(), { 'eu-west-2': 3 });
    delete written.regions['eu-west-2'].dmzs!['prod-dmz'].shareWith;
    expect(readJson(path.join(project, 'blueprint.json'))).toEqual(written);

    installInto(project, unpacked);
    lap('install');
    const synth = run('npx', ['cdktf', 'synth'], {
      cwd: project,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', npm_config_offline: 'true', npm_config_update_notifier: 'false' },
      timeout: 90_000,
    });
    lap('cdktf synth');
    expectOk(synth, 'npx cdktf synth');

    const model = buildModel(reference());
    const expected = model.regions.flatMap((r) => [hubStackName(model, r), ...[r.egress, ...r.dmzs, ...r.spokes].map((v) => vpcStackName(model, r, v))]);
    expect(readdirSync(path.join(project, 'cdktf.out', 'stacks')).sort()).toEqual([...expected].sort());
    for (const stack of expected) expect(existsSync(path.join(project, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'))).toBe(true);
    process.stdout.write(`terminal.test.ts: ${timings.join(', ')}\n`);
  },
  150_000,
);

maybe('Ctrl-C in a real terminal, half-way through: exit 1, "aborted; nothing written", nothing left behind', async () => {
  const scratch = scratchDir();
  const exitFile = path.join(scratch, 'exit-code');
  const tmux = new Tmux(scratch);
  try {
    tmux.start(`node '${cli}' init '${path.join(scratch, 'net')}'; echo $? > '${exitFile}'`);
    // Enter until the egress CIDR is asked, then Ctrl-C.
    const deadline = Date.now() + 20_000;
    let answered = '';
    for (;;) {
      if (Date.now() > deadline) throw new Error(`never reached the egress CIDR question:\n${tmux.transcript()}`);
      const screen = tmux.screen();
      const pending = screen.split('\n').filter((line) => line.startsWith('? ')).at(-1);
      if (pending?.startsWith('? egress: VPC CIDR')) break;
      if (pending && screen !== answered) {
        answered = screen;
        tmux.enter();
      }
      await sleep(40);
    }
    tmux.tmux('send-keys', '-t', 'init', 'C-c');
    while (!(existsSync(exitFile) && readFileSync(exitFile, 'utf8').trim() !== '')) {
      if (Date.now() > deadline) throw new Error(`init did not exit after Ctrl-C:\n${tmux.transcript()}`);
      await sleep(40);
    }
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('1');
    expect(tmux.transcript()).toContain('error: aborted; nothing written');
  } finally {
    tmux.stop();
  }
  expect(readdirSync(scratch).filter((f) => !['exit-code', 'tmux.conf', 'tmux.sock'].includes(f))).toEqual([]);
}, 60_000);
