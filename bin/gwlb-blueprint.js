#!/usr/bin/env node
'use strict';
// First, before anything loads: when V8 optimizes, for a run of seconds (src/util/v8-tiering.ts).
require('../dist/util/v8-tiering.js').tuneTieringForShortRun();
// Signals, broken output streams and a closed terminal end the command with one line (src/cli/process.ts).
require('../dist/cli/process.js').runFromCommandLine(process.argv.slice(2));
