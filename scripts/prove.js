#!/usr/bin/env node
'use strict';
// The Terraform proof of a synthesized folder, as a table: `node scripts/prove.js <synth-dir> [--keep] [--no-share]`.
// --keep keeps the scratch copies (with their gwlb-proof.tftest.hcl); --no-share starts a provider per command.
// Needs `npm run build` first and Terraform >= 1.10 on the PATH. Exits 1 when a stack fails.
const path = require('node:path');
const { proveSynthesized } = require('../dist/terraform/prove.js');
const { formatProofTable } = require('../dist/terraform/proof-table.js');

async function main() {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const shareProvider = !args.includes('--no-share');
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    process.stderr.write('usage: node scripts/prove.js <synth-dir> [--keep] [--no-share]\n');
    return 2;
  }
  const result = await proveSynthesized(path.resolve(dir), {
    keepWorkDir: keep,
    shareProvider,
    onStack: (s) => process.stderr.write(`${s.ok ? 'ok    ' : 'FAILED'} ${s.stack} (${s.seconds.toFixed(1)} s)\n`),
  });
  process.stdout.write(`${formatProofTable(result)}\n`);
  if (keep) process.stdout.write(`scratch copies kept in ${result.workDir}\n`);
  return result.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
