'use strict';
/** bench/RESULTS.md from the measured rows (bench/run.js). */

const n = (v) => (v === undefined ? '?' : v.toLocaleString('en-US'));
const s = (v) => (v === undefined ? 'not run' : `${v.toFixed(2)} s`);

function writeResults({ rows, runs, machine, loads, validate, validateRuns, baseline }) {
  const synthTable = [
    '| spokes | stacks | resources | `gwlb-blueprint synth` (with verify) | peak memory (both processes) | first / second process | ' +
      (baseline ? 'before | peak before | after / before | ' : '') +
      '`npx cdktf synth` | speed-up |',
    `|---:|---:|---:|---:|---:|---:|${baseline ? '---:|---:|---:|' : ''}---:|---:|`,
    ...rows.map(
      (r) =>
        `| ${r.spokes} | ${r.stacks} | ${r.resources} | ${s(r.synth)} | ${r.peak} MB | ${r.mainPeak} / ${r.workerPeak ? `${r.workerPeak} MB` : '-'} | ` +
        (baseline ? `${s(r.before)} | ${r.beforePeak} MB | ${(r.synth / r.before).toFixed(2)}x | ` : '') +
        `${s(r.cdktf)} | ${r.cdktf === undefined ? '' : `${(r.cdktf / r.synth).toFixed(1)}x`} |`,
    ),
  ];
  // In the order each run has them: a phase only some runs have (the proof thread's below 150 stacks, the
  // second process's from there) goes right after the phase it follows in the first run that has it.
  const phaseNames = [];
  for (const r of rows) {
    let after = -1;
    for (const p of Object.keys(r.phases).filter((name) => name !== 'total')) {
      const at = phaseNames.indexOf(p);
      if (at >= 0) after = at;
      else phaseNames.splice(++after, 0, p);
    }
  }
  const phaseTable = [
    `| phase (ms, median) | ${rows.map((r) => `${r.spokes}`).join(' | ')} |`,
    `|---|${rows.map(() => '---:').join('|')}|`,
    ...[...phaseNames, 'total'].map((p) => `| ${p === 'total' ? '**total**' : p} | ${rows.map((r) => (r.phases[p] === undefined ? '' : p === 'total' ? `**${n(r.phases[p])}**` : n(r.phases[p]))).join(' | ')} |`),
  ];
  const proofTable = [
    '| spokes | AZ paths proven (forward and back) | sources | destination ranges | AZ choices (up to, each) | swept (source, range, AZ choice) | `verify` | peak memory |' +
      (baseline ? ' `verify` before | peak before |' : ''),
    `|---:|---:|---:|---:|---:|---:|---:|---:|${baseline ? '---:|---:|' : ''}`,
    ...rows.map(
      (r) =>
        `| ${r.spokes} | ${n(r.proof?.azPaths)} | ${n(r.proof?.sources)} | ${n(r.proof?.destinationRanges)} | ${n(r.proof?.azChoices)} | ${n(r.proof?.swept)} | ${s(r.verify)} | ${r.verifyPeak} MB |` +
        (baseline ? ` ${s(r.verifyBefore)} | ${r.verifyBeforePeak} MB |` : ''),
    ),
  ];
  return `${[
    '# Benchmark',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: median of ${runs} runs (the stock cdktf CLI: ${runs} runs up to 50 spokes, 1 above), each a separate process.`,
    'Blueprints: one region, 3 AZs, one Check Point fleet, one DMZ, one VPN, and N spokes spread over up to 50 accounts (bench/blueprints.js).',
    '`gwlb-blueprint synth` validates, plans, synthesizes every stack, verifies every flow of its own output and replaces the folder of the previous run',
    "(`--force`, as a regeneration does); `npx cdktf synth` runs the same synthesis through this repository's cdktf.json (`GWLB_BLUEPRINT=<file>`),",
    "so the difference is the stock CLI's own overhead. Peak memory is the resident memory of the run's processes summed, sampled every 10 ms in one more run of each, not timed (sampling takes ~10% of a core from the timed runs; the stock CLI's runs are not sampled either).",
    ...(baseline ? [`Before is ${baseline.commit} (\`--baseline ${baseline.dir}\`): its synth and verify on the same blueprints, alternating with this build run by run, so both saw the same load.`] : []),
    '',
    'Machine:',
    `- CPU: ${machine.cpu}; load average (1, 5, 15 min) ${loads.join('; ')}`,
    `- memory: ${machine.memory}`,
    `- ${machine.versions}`,
    '',
    ...synthTable,
    '',
    'Where the time of `synth` goes (`synth --timings`, the phases of the first process; below 150 stacks the proof thread',
    'checks the blueprint and proves the stacks while this process writes them, from 150 a second process writes part of them):',
    '',
    ...phaseTable,
    '',
    'What `verify` proved, with no sampling: every AZ path (one flow traced forward and back: one source range, one destination range,',
    'one pick of every AZ choice on the way) of every flow class, and the sweep of every other destination range from every subnet and office.',
    '',
    ...proofTable,
    '',
    `Start-up: \`gwlb-blueprint validate\` of the reference blueprint, a new process to its result: ${validate.toFixed(2)} s (median of ${validateRuns}).`,
    '',
    'Where the time goes, and what was done about it: bench/PROFILE.md.',
  ].join('\n')}\n`;
}

module.exports = { writeResults };
