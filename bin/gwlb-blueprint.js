#!/usr/bin/env node
'use strict';
// `gwlb-blueprint ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
require('../dist/cli/main.js').main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
