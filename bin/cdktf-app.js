#!/usr/bin/env node
'use strict';
// The cdktf app of this repository: `npx cdktf synth` synthesizes the blueprint named by
// GWLB_BLUEPRINT (default: the embedded reference) into cdktf's output folder.
//
// In a checkout, dist/ is built here when it is missing or older than src/: `npm ci` builds
// nothing (the package builds in `prepack`, not in an install script), and a synth of stale
// JavaScript would not be the code beside it. An installed package has no src/ and is used as is.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

function newest(dir) {
  let time = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const at = path.join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(at) : fs.statSync(at).mtimeMs);
  }
  return time;
}

function buildIfStale() {
  const src = path.join(root, 'src');
  if (!fs.existsSync(src)) return;
  const built = path.join(root, 'dist', 'index.js');
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newest(src)) return;
  // The build prints nothing when it succeeds; on failure tsc's messages go to stderr.
  const npm = /npm-cli\.js$/.test(process.env.npm_execpath || '') ? [process.execPath, process.env.npm_execpath] : [process.platform === 'win32' ? 'npm.cmd' : 'npm'];
  const result = spawnSync(npm[0], [...npm.slice(1), 'run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  if (result.status !== 0) {
    process.stderr.write('error: `npm run build` failed; fix the errors above, then synthesize again\n');
    process.exit(1);
  }
}

buildIfStale();
// Before the app loads: when V8 optimizes, for a run of seconds (src/util/v8-tiering.ts).
require('../dist/util/v8-tiering.js').tuneTieringForShortRun();
const blueprint = process.env.GWLB_BLUEPRINT || path.join(root, 'templates', 'reference.blueprint.json');
require('../dist/index.js').synthesizeBlueprintFile(blueprint);
