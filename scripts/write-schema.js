#!/usr/bin/env node
'use strict';
// Writes blueprint.schema.json from the built zod schema. Run through `npm run schema` (which builds first).
const fs = require('node:fs');
const path = require('node:path');
const { blueprintJsonSchemaText } = require('../dist/blueprint/json-schema.js');

const target = path.join(__dirname, '..', 'blueprint.schema.json');
fs.writeFileSync(target, blueprintJsonSchemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), target) || target}\n`);
