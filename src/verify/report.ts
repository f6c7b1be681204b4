/**
 * How a verify result reads: per flow class a table of source, destination, AZs,
 * the path as hops and the verdict (compressed to one line per class when it
 * is long and all pass), then one line per control, failures named.
 */
import { table } from '../blueprint/summary';
import type { VerifyResult } from '.';
import type { FlowResult } from './flows';

export function formatVerifyReport(result: VerifyResult): string {
  const lines: string[] = [];
  if (!result.intentFound) lines.push('No gwlb-blueprint.intent.json here: every flow class must be inspected.', '');
  for (const [name, flows] of groupBy(result.flows, (f) => `${f.region}  ${CLASS_TITLES[f.flowClass]}`)) {
    const failed = flows.filter((f) => !f.ok);
    const policy = flows[0].policy === 'inspect' ? 'must be inspected' : 'may go direct';
    lines.push(`${name} (${policy}): ${flows.length - failed.length}/${flows.length} pass`);
    const pairs = groupBy(flows, (f) => `${f.source} → ${f.destination}`);
    if (failed.length === 0 && pairs.size > ROW_LIMIT) {
      lines.push(`  ${pairs.size} source/destination pairs, every traced AZ path passes (--json lists them)`);
      continue;
    }
    const rows: string[][] = [];
    for (const [, pair] of pairs) {
      const broken = pair.filter((f) => !f.ok);
      if (broken.length === 0) {
        rows.push([pair[0].source, pair[0].destination, `${pair.length} AZ paths`, compact(pair[0].forward.hops), 'pass']);
      } else {
        for (const f of broken.slice(0, 3)) rows.push([f.source, f.destination, f.azs, f.forward.hops.join(' → '), `FAIL: ${f.reason}`]);
        if (broken.length > 3) rows.push([pair[0].source, pair[0].destination, '', `… ${broken.length - 3} more AZ paths fail the same way`, 'FAIL']);
      }
    }
    lines.push(...indent(table(['source', 'destination', 'AZ', 'path', 'verdict'], rows.slice(0, ROW_LIMIT * 4))));
  }
  lines.push('', 'Security baseline (AWS Security Hub controls):');
  for (const control of result.controls) {
    lines.push(`  ${control.ok ? 'pass' : 'FAIL'}  ${control.id.padEnd(13)} ${control.title} (${control.checked} checked)`);
    for (const failure of control.failures) lines.push(`        ${failure}`);
    for (const exception of control.exceptions) lines.push(`        exception ${exception}`);
  }
  lines.push(...deployOrderLines(result));
  const failedFlows = result.flows.filter((f) => !f.ok).length;
  const failedControls = result.controls.filter((c) => !c.ok).length;
  const failedOrder = result.deployOrder.rules.reduce((n, r) => n + r.failures.length, 0);
  lines.push(
    '',
    result.ok
      ? `verified: ${result.flows.length} flows (each forward and return) and ${result.controls.length} controls pass${exceptionNote(result.controls)}, and the deploy order holds`
      : `NOT verified: ${failedFlows} flow${failedFlows === 1 ? '' : 's'} and ${failedControls} control${failedControls === 1 ? '' : 's'} fail` +
          (failedOrder > 0 ? `, and ${failedOrder} resource${failedOrder === 1 ? ' does' : 's do'} not wait for what AWS needs first` : ''),
  );
  return lines.join('\n');
}

/** One line per deploy-order rule, its failures named below it. */
function deployOrderLines(result: VerifyResult): string[] {
  const lines = ['', 'Deploy order (each resource waits for what AWS needs first):'];
  for (const rule of result.deployOrder.rules) {
    lines.push(`  ${rule.failures.length === 0 ? 'pass' : 'FAIL'}  ${rule.title} (${rule.checked} checked)`);
    for (const failure of rule.failures.slice(0, FAILURE_LIMIT)) lines.push(`        ${failure}`);
    if (rule.failures.length > FAILURE_LIMIT) lines.push(`        … and ${rule.failures.length - FAILURE_LIMIT} more (--json lists every one)`);
  }
  return lines;
}

const ROW_LIMIT = 60;
const FAILURE_LIMIT = 12;

const CLASS_TITLES: Readonly<Record<FlowResult['flowClass'], string>> = {
  'spoke-internet': 'spoke → internet',
  'dmz-internet': 'DMZ app → internet',
  'internet-dmz': 'internet → DMZ public',
  'spoke-spoke': 'spoke ↔ spoke',
  'dmz-spoke': 'DMZ ↔ spoke',
  'vpn-spoke': 'VPN ↔ spoke',
  'inter-region': 'inter-region spokes and offices',
};

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function indent(text: string): string[] {
  return text.split('\n').map((l) => `  ${l}`);
}

/** A passing path without the matched prefixes: the hops an engineer reads. */
function compact(hops: readonly string[]): string {
  return hops.map((h) => h.replace(/ \[[^\]]*\]/g, '')).join(' → ');
}

export function verifyResultJson(result: VerifyResult): unknown {
  return {
    ok: result.ok,
    intentFound: result.intentFound,
    flows: result.flows.map((f) => ({
      class: f.flowClass,
      region: f.region,
      source: f.source,
      destination: f.destination,
      azs: f.azs,
      policy: f.policy,
      ok: f.ok,
      ...(f.reason ? { reason: f.reason } : {}),
      forward: { hops: f.forward.hops, inspections: f.forward.inspections },
      return: { hops: f.reverse.hops, inspections: f.reverse.inspections },
    })),
    controls: result.controls,
    deployOrder: result.deployOrder,
  };
}

/** ` (EC2.8 and AutoScaling.3 with named exceptions)`, or nothing: an exception is never a silent pass. */
function exceptionNote(controls: VerifyResult['controls']): string {
  const excepted = controls.filter((c) => c.exceptions.length > 0).map((c) => c.id);
  return excepted.length ? ` (${excepted.join(' and ')} with named exceptions)` : '';
}
