#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: synthesis at enterprise scale, against the stock cdktf CLI.
 *
 * For blueprints of 1, 10, 50, 200 and 500 spokes (over up to 50 accounts, 3 AZs)
 * it measures, as separate processes, the median wall time of `gwlb-blueprint synth`
 * (which verifies its own output), of `gwlb-blueprint verify` alone, peak memory of
 * each, resources written, what verify proved (AZ paths from how many sources over
 * how many destination ranges, with up to how many AZ choices each), and the wall
 * time of `npx cdktf synth` of the same blueprint through this repository's
 * cdktf.json, with the ratio. It writes the table to bench/RESULTS.md with the machine described.
 *
 *   npm run bench                 every size, 3 runs each (cdktf: 1 run above 50 spokes)
 *   npm run bench -- --sizes 1,50 --runs 5
 *   npm run bench -- --no-cdktf   skip the stock CLI
 *   npm run bench -- --baseline DIR
 *                                 also time DIR's verify (another commit, built: DIR/bench/measure.js and DIR/dist)
 *                                 on the same folders, alternating run by run, so both see the same machine load
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { generateBlueprint } = require('./blueprints');

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'gwlb-blueprint.js');
const MEASURE = path.join(__dirname, 'measure.js');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const sizes = option('sizes', '1,10,50,200,500').split(',').map(Number);
const runs = Number(option('runs', '3'));
const withCdktf = !process.argv.includes('--no-cdktf');
const baseline = option('baseline', undefined);
const baselineCommit = baseline ? gitCommit(baseline) : undefined;

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

/** Runs `node measure.js <args>` (the CLI in a child that reports its own peak RSS); returns seconds, MB and what verify proved. */
function measureCli(args, measure = MEASURE) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [measure, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`gwlb-blueprint ${args.join(' ')} failed (${result.status}):\n${result.stderr.slice(-2000)}`);
  const report = JSON.parse(result.stderr.trim().split('\n').pop());
  return { seconds, peakMb: report.maxRssMb, proof: report.proof };
}

function measureCdktf(blueprint, outdir) {
  const started = process.hrtime.bigint();
  const result = spawnSync('npx', ['cdktf', 'synth', '--output', outdir], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, GWLB_BLUEPRINT: blueprint, CHECKPOINT_DISABLE: '1', CI: 'true', FORCE_COLOR: '0' },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`npx cdktf synth failed (${result.status}):\n${(result.stdout + result.stderr).slice(-2000)}`);
  return seconds;
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
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores (load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${os.type()} ${os.release()} ${os.arch()}`,
    `- Node.js ${process.version}; cdktf-cli ${require(path.join(ROOT, 'node_modules', 'cdktf-cli', 'package.json')).version}; ${terraform}`,
  ];
}

function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run bench does)');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gwlb-bench-'));
  const header = machine();
  const rows = [];
  // Start-up: a new process to a validation result of the reference blueprint.
  const validate = median(Array.from({ length: Math.max(5, runs) }, () => measureCli(['validate', '-b', path.join(ROOT, 'templates', 'reference.blueprint.json')]).seconds));
  process.stdout.write(`${JSON.stringify({ validateReference: validate })}\n`);
  try {
    for (const spokes of sizes) {
      const blueprint = path.join(work, `spokes-${spokes}.json`);
      fs.writeFileSync(blueprint, JSON.stringify(generateBlueprint(spokes), null, 1));
      const out = path.join(work, `out-${spokes}`);
      const synth = [];
      const verify = [];
      const before = [];
      let peak = 0;
      let verifyPeak = 0;
      let beforePeak = 0;
      let proof;
      for (let i = 0; i < runs; i++) {
        const s = measureCli(['synth', '-b', blueprint, '-o', out, '--force']);
        synth.push(s.seconds);
        peak = Math.max(peak, s.peakMb);
        const v = measureCli(['verify', out]);
        verify.push(v.seconds);
        verifyPeak = Math.max(verifyPeak, v.peakMb);
        proof = v.proof;
        if (baseline) {
          const b = measureCli(['verify', out], path.join(baseline, 'bench', 'measure.js'));
          before.push(b.seconds);
          beforePeak = Math.max(beforePeak, b.peakMb);
        }
      }
      const { stacks, resources } = countResources(out);
      let cdktf;
      if (withCdktf) {
        const cdktfRuns = spokes > 50 ? 1 : runs;
        cdktf = median(Array.from({ length: cdktfRuns }, () => measureCdktf(blueprint, path.join(work, `cdktf-${spokes}`))));
      }
      const row = { spokes, stacks, resources, synth: median(synth), verify: median(verify), peak, verifyPeak, proof, cdktf, ...(baseline ? { before: median(before), beforePeak } : {}) };
      rows.push(row);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const table = [
    '| spokes | stacks | resources | `gwlb-blueprint synth` (with verify) | `verify` alone | peak memory | `npx cdktf synth` | speed-up |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.spokes} | ${r.stacks} | ${r.resources} | ${r.synth.toFixed(2)} s | ${r.verify.toFixed(2)} s | ${r.peak} MB | ${r.cdktf === undefined ? 'not run' : `${r.cdktf.toFixed(2)} s`} | ${r.cdktf === undefined ? '' : `${(r.cdktf / r.synth).toFixed(1)}x`} |`,
    ),
  ];
  const n = (v) => (v === undefined ? '?' : v.toLocaleString('en-US'));
  const proofTable = [
    '| spokes | AZ paths proven (forward and back) | sources | destination ranges | AZ choices (up to, each) | swept (source, range, AZ choice) | `verify` | peak memory |' +
      (baseline ? ' `verify` before | peak before | after / before |' : ''),
    `|---:|---:|---:|---:|---:|---:|---:|---:|${baseline ? '---:|---:|---:|' : ''}`,
    ...rows.map(
      (r) =>
        `| ${r.spokes} | ${n(r.proof?.azPaths)} | ${n(r.proof?.sources)} | ${n(r.proof?.destinationRanges)} | ${n(r.proof?.azChoices)} | ${n(r.proof?.swept)} | ${r.verify.toFixed(2)} s | ${r.verifyPeak} MB |` +
        (baseline ? ` ${r.before.toFixed(2)} s | ${r.beforePeak} MB | ${(r.verify / r.before).toFixed(2)}x |` : ''),
    ),
  ];
  const first = rows.find((r) => r.spokes === 50);
  const last = rows.find((r) => r.spokes === 500);
  const growth = first && last ? `\nGrowth from 50 to 500 spokes (10x the spokes): synth ${(last.synth / first.synth).toFixed(1)}x the time, ${(last.peak / first.peak).toFixed(1)}x the memory.\n` : '';
  const text = [
    '# Benchmark',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: median of ${runs} runs (the stock cdktf CLI: ${runs} runs up to 50 spokes, 1 above), each a separate process.`,
    'Blueprints: one region, 3 AZs, one Check Point fleet, one DMZ, one VPN, and N spokes spread over up to 50 accounts (bench/blueprints.js).',
    '`gwlb-blueprint synth` validates, plans, synthesizes every stack and then verifies every flow of its own output; `npx cdktf synth` runs the same synthesis',
    "through this repository's cdktf.json (`GWLB_BLUEPRINT=<file>`), so the difference is the stock CLI's own overhead.",
    '',
    'Machine:',
    ...header,
    '',
    ...table,
    growth,
    'What `verify` proved, with no sampling: every AZ path (one flow traced forward and back: one source range, one destination range,',
    'one pick of every AZ choice on the way) of every flow class, and the sweep of every other destination range from every subnet and office.',
    ...(baseline
      ? [
          `\`verify\` before is the verify of ${baselineCommit} (\`--baseline ${baseline}\`), run on the same folders, alternating with this one run by run`,
          'so both saw the same machine load; its own report of what it traced is not a proof (it sampled above 64 VPC pairs).',
        ]
      : []),
    '',
    ...proofTable,
    '',
    `Start-up: \`gwlb-blueprint validate\` of the reference blueprint, a new process to its result: ${validate.toFixed(2)} s (median of ${Math.max(5, runs)}).`,
    '',
    'Where the time goes, and what was done about it: bench/PROFILE.md.',
  ].join('\n');
  fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), `${text.trimEnd()}\n`);
  process.stdout.write(`\n${table.join('\n')}\n${growth}\n${proofTable.join('\n')}\n\nwrote bench/RESULTS.md\n`);
}

main();
