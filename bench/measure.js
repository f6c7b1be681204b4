#!/usr/bin/env node
'use strict';
// Runs the gwlb-blueprint CLI in this process and reports its peak resident memory on
// stderr as the last line (JSON), so the benchmark can read it on any platform; for
// verify, also what the report says was proven (the "Proven with no sampling" lines).
// As bin/gwlb-blueprint.js does first: when V8 optimizes, for a run of seconds (src/util/v8-tiering.ts).
require('../dist/util/v8-tiering.js').tuneTieringForShortRun();
// As src/cli/process.ts does: synth's proof thread starts before the command line loads.
if (process.argv[2] === 'synth') require('../dist/synth/proof-thread.js').ProofThread.prestart();
const { main } = require('../dist/cli/main.js');

let printed = '';
main(process.argv.slice(2), {
  out: (text) => {
    if (printed.length < 4096) printed += `${text}\n`;
  },
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  interactive: false,
}).then((code) => {
  const flat = printed.replace(/\n/g, ' ');
  const number = (re) => {
    const m = re.exec(flat);
    return m ? Number(m[1].replace(/,/g, '')) : undefined;
  };
  const proof = /Proven with no sampling/.test(flat)
    ? {
        azPaths: number(/Proven with no sampling: ([\d,]+) AZ paths/),
        sources: number(/AZ paths from ([\d,]+) sources/),
        destinationRanges: number(/over ([\d,]+) destination ranges/),
        azChoices: number(/up to ([\d,]+)\s+AZ choices each, and/),
        swept: number(/and ([\d,]+) source, range and AZ choice combinations swept/),
      }
    : undefined;
  process.stderr.write(`${JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...(proof ? { proof } : {}) })}\n`);
  process.exitCode = code;
});
