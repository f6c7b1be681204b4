#!/usr/bin/env node
'use strict';
// Signals, broken output streams and a closed terminal end the command with one line (src/cli/process.ts).
require('../dist/cli/process.js').runFromCommandLine(process.argv.slice(2));
