#!/usr/bin/env node
'use strict';
// Part of `npm run build`: npm never packs package-lock.json, yet `gwlb-blueprint init` cuts the
// scaffold's lock file from it (src/wizard/scaffold-lock.ts), so that a project installs exactly
// the dependency tree this generator was built and tested with. The copy travels in dist/.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
fs.copyFileSync(path.join(root, 'package-lock.json'), path.join(root, 'dist', 'dependency-lock.json'));
