/**
 * How a verify result reads, in sections (another check adds one to SECTIONS):
 * what was proven, per flow class a table of source, destination, AZ paths, one
 * path and the verdict (one line per class when it is long and all pass; failing
 * AZ paths listed under their pair), then one line per control, failures named.
 * Every line fits 120 columns.
 */
import type { VerifyResult } from '.';
import { SWEEP_CLASSES, type ClassProof, type FlowExample, type FlowResult, type ProvenClass } from './proof';

export const WIDTH = 120;
const ROW_LIMIT = 60;

type Section = (result: VerifyResult) => string[];

const n = (value: number) => value.toLocaleString('en-US');

const intentNote: Section = (result) => (result.intentFound ? [] : ['No gwlb-blueprint.intent.json here: every flow class must be inspected.', '']);

const proofHeader: Section = ({ proof }) => [
  ...wrap(
    `Proven with no sampling: ${n(proof.azPaths)} AZ paths from ${n(proof.sources)} sources over ${n(proof.destinationRanges)} destination ranges ` +
      `(all of 0.0.0.0/0), up to ${n(proof.azChoices)} AZ choices each, and ${n(proof.swept)} source, range and AZ choice combinations swept for a way out (or in) uninspected.`,
    WIDTH,
  ),
  ...wrap(
    'An AZ path is one flow traced forward and back: one source range, one destination range and one pick of every AZ choice on the way ' +
      '(the AZ an appliance-mode flow hash sends it to, the AZ a TGW delivers into).',
    WIDTH,
  ),
  ...proof.serviceRoutes.flatMap((s) =>
    wrap(`Not inspected, by design: ${s.service} (the AWS-managed prefix list of its addresses) through a gateway endpoint, from ${s.tables.join(', ')}.`, WIDTH, '  '),
  ),
  '',
];

const flowTables: Section = (result) => {
  const lines: string[] = [];
  const byClass = new Map<string, Map<string, FlowResult[]>>();
  for (const f of result.flows) {
    let byRegion = byClass.get(f.flowClass);
    if (!byRegion) byClass.set(f.flowClass, (byRegion = new Map()));
    const list = byRegion.get(f.region);
    if (list) list.push(f);
    else byRegion.set(f.region, [f]);
  }
  for (const totals of result.proof.classes) {
    const flows = byClass.get(totals.flowClass)?.get(totals.region) ?? [];
    if (flows.length === 0) continue;
    lines.push(...classLine(totals).flatMap((l) => wrap(l, WIDTH, '    ')));
    const failing = flows.filter((f) => !f.ok);
    // The sweep lists only the sources that fail it: a passing one has no path to show.
    if (SWEEP_CLASSES.has(totals.flowClass) && failing.length === 0) continue;
    if (failing.length === 0 && flows.length > ROW_LIMIT) {
      lines.push(`  ${n(flows.length)} source/destination pairs, every AZ path passes (--json lists them)`);
      continue;
    }
    const shown = failing.length > 0 && (flows.length > ROW_LIMIT || SWEEP_CLASSES.has(totals.flowClass)) ? failing.slice(0, ROW_LIMIT) : flows;
    lines.push(...pairTable(shown));
    if (shown.length < failing.length) lines.push(`  … ${n(failing.length - shown.length)} more failing pairs (--json lists them)`);
  }
  return lines;
};

const controlsSection: Section = (result) => {
  const lines = ['', 'Security baseline (AWS Security Hub controls):'];
  for (const control of result.controls) {
    lines.push(...wrap(`  ${control.ok ? 'pass' : 'FAIL'}  ${control.id.padEnd(13)} ${control.title} (${control.checked} checked)`, WIDTH, '                      '));
    for (const failure of control.failures) lines.push(...wrap(`        ${failure}`, WIDTH, '          '));
    for (const exception of control.exceptions) lines.push(...wrap(`        exception ${exception}`, WIDTH, '          '));
  }
  return lines;
};

/** One line per deploy-order rule, its failures named below it. */
const deployOrderSection: Section = (result) => {
  const lines = ['', 'Deploy order (each resource waits for what AWS needs first):'];
  for (const rule of result.deployOrder.rules) {
    lines.push(...wrap(`  ${rule.failures.length === 0 ? 'pass' : 'FAIL'}  ${rule.title} (${rule.checked} checked)`, WIDTH, '        '));
    for (const failure of rule.failures.slice(0, FAILURE_LIMIT)) lines.push(...wrap(`        ${failure}`, WIDTH, '          '));
    if (rule.failures.length > FAILURE_LIMIT) lines.push(`        … and ${rule.failures.length - FAILURE_LIMIT} more (--json lists every one)`);
  }
  return lines;
};

const FAILURE_LIMIT = 12;

/** The Reachability Analyzer paths of `synth --post-deploy-checks`, when the folder has any. */
const postDeployChecksSection: Section = ({ postDeployChecks }) => {
  if (postDeployChecks.checked === 0) return [];
  const ok = postDeployChecks.failures.length === 0;
  return [
    '',
    ...wrap(`Post-deploy checks: ${ok ? 'pass' : 'FAIL'}  ${postDeployChecks.checked} Reachability Analyzer paths predict what the proof says of their flow`, WIDTH, '  '),
    ...postDeployChecks.failures.flatMap((f) => wrap(`        ${f}`, WIDTH, '          ')),
  ];
};

/** The report's sections, in order; the verdict line follows them. */
export const SECTIONS: Section[] = [intentNote, proofHeader, flowTables, controlsSection, deployOrderSection, postDeployChecksSection];

export function formatVerifyReport(result: VerifyResult): string {
  const lines = SECTIONS.flatMap((section) => section(result));
  const failedControls = result.controls.filter((c) => !c.ok).length;
  const failedOrder = result.deployOrder.rules.reduce((count, r) => count + r.failures.length, 0);
  const { proof } = result;
  const failed = proof.failed + proof.sweepFailed;
  lines.push(
    '',
    result.ok
      ? `verified: ${n(proof.azPaths)} AZ paths (each forward and return), no way out uninspected, ${result.controls.length} controls pass${exceptionNote(result.controls)}, and the deploy order holds`
      : `NOT verified: ${n(failed)} AZ path${failed === 1 ? '' : 's'} and ${failedControls} control${failedControls === 1 ? '' : 's'} fail` +
          (failedOrder > 0 ? `, and ${failedOrder} resource${failedOrder === 1 ? ' does' : 's do'} not wait for what AWS needs first` : '') +
          (result.postDeployChecks.failures.length > 0 ? `, and ${result.postDeployChecks.failures.length} Reachability Analyzer path${result.postDeployChecks.failures.length === 1 ? '' : 's'} predict${result.postDeployChecks.failures.length === 1 ? 's' : ''} otherwise` : ''),
  );
  return lines.join('\n');
}

const CLASS_TITLES: Readonly<Record<ProvenClass, string>> = {
  'spoke-internet': 'spoke → internet',
  'dmz-internet': 'DMZ → internet',
  'internet-dmz': 'internet → DMZ public',
  'spoke-spoke': 'spoke ↔ spoke',
  'dmz-spoke': 'DMZ ↔ spoke',
  'vpn-spoke': 'VPN ↔ spoke',
  'inter-region': 'inter-region spokes and offices',
  'any-destination': 'any destination, never to the internet uninspected',
  'internet-ingress': 'from the internet into DMZ public and app subnets, never uninspected',
};

function classLine(c: ClassProof): string[] {
  const sweep = SWEEP_CLASSES.has(c.flowClass);
  const policy = sweep ? 'the sweep' : c.policy === 'inspect' ? 'must be inspected' : 'may go direct';
  return [
    `${c.region}  ${CLASS_TITLES[c.flowClass]} (${policy}): ${n(c.azPaths - c.failed)}/${n(c.azPaths)} ${sweep ? 'combinations' : 'AZ paths'} pass`,
    `  over ${n(c.sources)} sources, ${n(c.destinationRanges)} destination ranges and up to ${n(c.azChoices)} AZ choice${c.azChoices === 1 ? '' : 's'} each`,
  ];
}

function pairTable(flows: readonly FlowResult[]): string[] {
  const headers = ['source', 'destination', 'AZ paths', 'path (one of them)', 'verdict'];
  const rows = flows.map((f) => [f.source, f.destination, n(f.azPaths), compact(f.forward.hops), f.ok ? 'pass' : `FAIL ${n(f.failed)}`]);
  const fixed = [0, 1, 2, 4].map((i) => Math.min(28, Math.max(headers[i].length, ...rows.map((r) => r[i].length))));
  const pathWidth = Math.max(30, WIDTH - 2 - fixed.reduce((a, b) => a + b, 0) - 2 * 4);
  const widths = [fixed[0], fixed[1], fixed[2], pathWidth, fixed[3]];
  const lines = tableRow(headers, widths);
  flows.forEach((f, i) => {
    lines.push(...tableRow(rows[i], widths));
    for (const e of f.failures) lines.push(...failureLines(e));
    if (f.failed > f.failures.length) lines.push(`      … ${n(f.failed - f.failures.length)} more failing AZ paths${f.failures.length > 0 ? ' (--json lists those kept)' : ''}`);
  });
  return lines;
}

function failureLines(e: FlowExample): string[] {
  return wrap(`    ✗ ${e.azs}, ${e.sourceRange} → ${e.destinationRange}: ${e.reason ?? ''}`, WIDTH, '        ', false);
}

/** One table row, its cells wrapped to their widths, continuation lines aligned under their column. */
function tableRow(cells: readonly string[], widths: readonly number[]): string[] {
  const wrapped = cells.map((c, i) => wrap(c, widths[i]));
  const height = Math.max(...wrapped.map((w) => w.length));
  const out: string[] = [];
  for (let line = 0; line < height; line++) out.push(`  ${wrapped.map((w, i) => (w[line] ?? '').padEnd(widths[i])).join('  ')}`.trimEnd());
  return out;
}

/** Breaks text into lines of at most `width` characters, at arrows (a path's hops) or spaces where it can; later lines start with `indent`. */
export function wrap(text: string, width: number, indent = '', atArrows = true): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const head = rest.slice(0, width + 1);
    let cut = atArrows ? head.lastIndexOf(' → ') : -1;
    if (cut <= indent.length + width / 3) cut = head.lastIndexOf(' ');
    if (cut <= indent.length) cut = width;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = indent + rest.slice(cut).trimStart();
  }
  lines.push(rest);
  return lines;
}

/** A path without the matched prefixes: the hops an engineer reads. */
function compact(hops: readonly string[]): string {
  return hops.map((h) => h.replace(/ \[[^\]]*\]/g, '')).join(' → ');
}

export function verifyResultJson(result: VerifyResult): unknown {
  const direction = (d: FlowExample['forward']) => ({ hops: d.hops, inspections: d.inspections, ...(d.failure ? { failure: d.failure } : {}) });
  const example = (e: FlowExample) => ({
    azs: e.azs,
    sourceRange: e.sourceRange,
    destinationRange: e.destinationRange,
    ...(e.reason ? { reason: e.reason } : {}),
    forward: direction(e.forward),
    return: direction(e.reverse),
  });
  // The paths the text report shows, and no more: every pair with its counts, one path of it where the
  // report prints one (a class of at most ROW_LIMIT pairs, or a failing pair). Half a million pairs with
  // their hops would be gigabytes of JSON that say nothing the counts do not.
  const pairsByClass = new Map<string, number>();
  for (const f of result.flows) pairsByClass.set(`${f.region}|${f.flowClass}`, (pairsByClass.get(`${f.region}|${f.flowClass}`) ?? 0) + 1);
  const shown = (f: FlowResult) => !f.ok || (!SWEEP_CLASSES.has(f.flowClass) && pairsByClass.get(`${f.region}|${f.flowClass}`)! <= ROW_LIMIT);
  return {
    ok: result.ok,
    intentFound: result.intentFound,
    proof: result.proof,
    flows: result.flows.map((f) => ({
      class: f.flowClass,
      region: f.region,
      source: f.source,
      destination: f.destination,
      policy: f.policy,
      ok: f.ok,
      azPaths: f.azPaths,
      failed: f.failed,
      ...(SWEEP_CLASSES.has(f.flowClass) ? {} : { coverage: f.coverage }),
      ...(shown(f) ? example(f) : {}),
      ...(f.failures.length > 0 ? { failures: f.failures.map(example) } : {}),
    })),
    controls: result.controls,
    deployOrder: result.deployOrder,
    postDeployChecks: result.postDeployChecks,
  };
}

/** ` (EC2.8 and AutoScaling.3 with named exceptions)`, or nothing: an exception is never a silent pass. */
function exceptionNote(controls: VerifyResult['controls']): string {
  const excepted = controls.filter((c) => c.exceptions.length > 0).map((c) => c.id);
  return excepted.length ? ` (${excepted.join(' and ')} with named exceptions)` : '';
}
