#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: synthesis at enterprise scale, against the stock cdktf CLI.
 *
 * For blueprints of 1 to 1000 spokes (over up to 50 accounts, 3 AZs) it measures, as
 * separate processes, the median wall time of `gwlb-blueprint synth --force` into a
 * folder it replaces (synth verifies its own output), its phases (`--timings`), the
 * peak memory of the run (the process and, from 150 stacks, its second process: their
 * resident memory summed, sampled every 10 ms from /proc where there is one, in an
 * untimed first run), of
 * `gwlb-blueprint verify` alone, what verify proved, and the wall time of `npx cdktf
 * synth` of the same blueprint through this repository's cdktf.json, with the ratio.
 * It writes bench/RESULTS.md with the machine and its load described.
 *
 *   npm run bench                 every size, 3 runs each (cdktf: 3 runs up to 50 spokes, 1 above)
 *   npm run bench -- --sizes 1,48 --runs 5
 *   npm run bench -- --no-cdktf   skip the stock CLI
 *   npm run bench -- --results FILE  write there instead of bench/RESULTS.md
 *   npm run bench -- --baseline DIR
 *                                 also time DIR's synth and verify (another commit, built: DIR/bench/measure.js
 *                                 and DIR/dist) on the same blueprints, alternating run by run, so both see the same load
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { generateBlueprint } = require('./blueprints');
const { writeResults } = require('./results');

const ROOT = path.join(__dirname, '..');
const MEASURE = path.join(__dirname, 'measure.js');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const sizes = option('sizes', '1,10,48,200,500,1000').split(',').map(Number);
const runs = Number(option('runs', '3'));
const withCdktf = !process.argv.includes('--no-cdktf');
const baseline = option('baseline', undefined);
const resultsFile = option('results', path.join(__dirname, 'RESULTS.md'));

function gitCommit(dir) {
  try {
    return execFileSync('git', ['-C', dir, 'log', '-1', '--format=%h'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return path.basename(dir);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Resident memory (MB) of `pid` and of its children, from /proc; undefined where there is none. */
function treeRssMb(pid) {
  const rss = (p) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  if (!fs.existsSync(`/proc/${pid}/status`)) return undefined;
  let total = rss(pid);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(pid)) total += rss(entry);
    } catch {
      /* gone */
    }
  }
  return total;
}

/** The `--timings` table of a run's stderr: phase → ms, and the notes under it. */
function parseTimings(stderr) {
  const lines = stderr.split('\n');
  const start = lines.findIndex((l) => /^phase\s+ms$/.test(l));
  if (start < 0) return undefined;
  const phases = {};
  const notes = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^(.*?)\s+(\d+)$/.exec(line);
    if (m && !line.startsWith('{')) phases[m[1]] = Number(m[2]);
    else if (line && !line.startsWith('{')) notes.push(line);
  }
  return { phases, notes };
}

/**
 * Runs `node measure.js <args>` (the CLI in a child that reports its own peak RSS); with `sample`, also samples
 * its memory and its children's every 10 ms. A sample reads /proc (~1 ms), ~10% of a core, which a timed run of
 * both cores would lose (48 spokes: 0.94 s sampled against 0.85 s, alternating runs): timed runs are not sampled,
 * as the stock CLI's are not.
 */
function measureCli(args, measure = MEASURE, { sample = false } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [measure, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let treePeak = 0;
    let sampled = false;
    child.stderr.on('data', (c) => (stderr += c));
    const timer = sample
      ? setInterval(() => {
          const mb = treeRssMb(child.pid);
          if (mb !== undefined) (sampled = true), (treePeak = Math.max(treePeak, mb));
        }, 10)
      : undefined;
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`gwlb-blueprint ${args.join(' ')} failed (${code}):\n${stderr.slice(-2000)}`));
      const report = JSON.parse(stderr.trim().split('\n').pop());
      const timings = parseTimings(stderr);
      const worker = timings?.notes.map((n) => /second process.*peak memory (\d+) MB/.exec(n)).find(Boolean);
      resolve({ seconds, peakMb: report.maxRssMb, treePeakMb: sampled ? Math.round(treePeak) : report.maxRssMb + (worker ? Number(worker[1]) : 0), workerPeakMb: worker ? Number(worker[1]) : 0, proof: report.proof, timings });
    });
  });
}

function measureCdktf(blueprint, outdir) {
  const started = process.hrtime.bigint();
  try {
    execFileSync('npx', ['cdktf', 'synth', '--output', outdir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
      env: { ...process.env, GWLB_BLUEPRINT: blueprint, CHECKPOINT_DISABLE: '1', CI: 'true', FORCE_COLOR: '0' },
    });
  } catch (err) {
    throw new Error(`npx cdktf synth failed: ${String(err.stdout ?? '') + String(err.stderr ?? '')}`.slice(-2000));
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function countResources(outdir) {
  let count = 0;
  const stacks = path.join(outdir, 'stacks');
  for (const stack of fs.readdirSync(stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(stacks, stack, 'cdk.tf.json'), 'utf8'));
    for (const byName of Object.values(json.resource ?? {})) count += Object.keys(byName).length;
  }
  return { stacks: fs.readdirSync(stacks).length, resources: count };
}

function machine() {
  const cpus = os.cpus();
  let terraform = 'not found';
  try {
    terraform = execFileSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).split('\n')[0];
  } catch {
    /* not installed */
  }
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${os.type()} ${os.release()} ${os.arch()}`,
    versions: `Node.js ${process.version}; cdktf-cli ${require(path.join(ROOT, 'node_modules', 'cdktf-cli', 'package.json')).version}; ${terraform}`,
  };
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run bench does)');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gwlb-bench-'));
  const loads = [`at start ${load()}`];
  const rows = [];
  const validate = [];
  for (let i = 0; i < Math.max(5, runs); i++) validate.push((await measureCli(['validate', '-b', path.join(ROOT, 'templates', 'reference.blueprint.json')])).seconds);
  process.stdout.write(`${JSON.stringify({ validateReference: median(validate) })}\n`);
  try {
    for (const spokes of sizes) {
      const blueprint = path.join(work, `spokes-${spokes}.json`);
      fs.writeFileSync(blueprint, JSON.stringify(generateBlueprint(spokes), null, 1));
      const out = path.join(work, `out-${spokes}`);
      const outBefore = path.join(work, `before-${spokes}`);
      const all = { synth: [], verify: [], before: [], verifyBefore: [] };
      // A first run of each writes the folder that the measured runs replace (--force), as a regeneration does;
      // it is the one whose memory is sampled, and it is not timed.
      const memoryRun = await measureCli(['synth', '-b', blueprint, '-o', out, '--force'], MEASURE, { sample: true });
      const memoryRunBefore = baseline ? await measureCli(['synth', '-b', blueprint, '-o', outBefore, '--force'], path.join(baseline, 'bench', 'measure.js'), { sample: true }) : undefined;
      for (let i = 0; i < runs; i++) {
        all.synth.push(await measureCli(['synth', '-b', blueprint, '-o', out, '--force', '--timings']));
        if (baseline) all.before.push(await measureCli(['synth', '-b', blueprint, '-o', outBefore, '--force'], path.join(baseline, 'bench', 'measure.js')));
        all.verify.push(await measureCli(['verify', out]));
        if (baseline) all.verifyBefore.push(await measureCli(['verify', out], path.join(baseline, 'bench', 'measure.js')));
      }
      const { stacks, resources } = countResources(out);
      let cdktf;
      if (withCdktf) {
        const cdktfRuns = spokes > 50 ? 1 : runs;
        const times = [];
        for (let i = 0; i < cdktfRuns; i++) times.push(measureCdktf(blueprint, path.join(work, `cdktf-${spokes}`)));
        cdktf = median(times);
      }
      const phases = {};
      for (const name of Object.keys(all.synth[0].timings?.phases ?? {})) phases[name] = median(all.synth.map((s) => s.timings?.phases[name] ?? 0));
      const peak = (list, key) => Math.max(...list.map((r) => r[key]));
      const row = {
        spokes,
        stacks,
        resources,
        synth: median(all.synth.map((s) => s.seconds)),
        peak: memoryRun.treePeakMb,
        mainPeak: peak(all.synth, 'peakMb'),
        workerPeak: peak(all.synth, 'workerPeakMb'),
        phases,
        verify: median(all.verify.map((v) => v.seconds)),
        verifyPeak: peak(all.verify, 'peakMb'),
        proof: all.verify[0].proof,
        cdktf,
        ...(baseline
          ? { before: median(all.before.map((b) => b.seconds)), beforePeak: memoryRunBefore.treePeakMb, verifyBefore: median(all.verifyBefore.map((b) => b.seconds)), verifyBeforePeak: peak(all.verifyBefore, 'peakMb') }
          : {}),
        load: load(),
      };
      rows.push(row);
      loads.push(`after ${spokes} spokes ${row.load}`);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const text = writeResults({ rows, runs, machine: machine(), loads, validate: median(validate), validateRuns: Math.max(5, runs), baseline: baseline && { dir: baseline, commit: gitCommit(baseline) } });
  fs.writeFileSync(resultsFile, text);
  process.stdout.write(`\n${text}\nwrote ${resultsFile}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exitCode = 1;
});
