#!/usr/bin/env node
'use strict';
// Runs the gwlb-blueprint CLI in this process and reports its peak resident memory on
// stderr as the last line (JSON), so the benchmark can read it on any platform.
const { main } = require('../dist/cli/main.js');

main(process.argv.slice(2), {
  out: () => undefined,
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  interactive: false,
}).then((code) => {
  process.stderr.write(`${JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  process.exitCode = code;
});
