'use strict';
// The cdktf app of this network: `npx cdktf synth` and `npx cdktf deploy` run it (see cdktf.json).
// It validates blueprint.json and synthesizes one Terraform stack per hub, egress VPC, DMZ and
// spoke. Edit blueprint.json, not this file.
const path = require('node:path');
// First, before the generator loads: when V8 optimizes, for a run of seconds (as gwlb-blueprint's own commands do).
require('gwlb-blueprint/dist/util/v8-tiering.js').tuneTieringForShortRun();
const { synthesizeBlueprintFile } = require('gwlb-blueprint');

synthesizeBlueprintFile(path.join(__dirname, 'blueprint.json'));
