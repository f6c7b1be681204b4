#!/usr/bin/env node
'use strict';
// The cdktf app of this repository: `npx cdktf synth` synthesizes the blueprint named by
// GWLB_BLUEPRINT (default: the embedded reference) into cdktf's output folder.
const path = require('node:path');
const blueprint = process.env.GWLB_BLUEPRINT || path.join(__dirname, '..', 'templates', 'reference.blueprint.json');
require('../dist/index.js').synthesizeBlueprintFile(blueprint);
