/**
 * How a diff reads: for a terminal (text, 120 columns), for a pull-request
 * comment (Markdown) and for machines (JSON). Flows first (what no plan shows),
 * then stacks and resources, then the verdict that sets the exit code.
 */
import { wrap, WIDTH } from '../verify/report';
import type { DiffResult } from '.';
import { LOSSES, type FlowChange, type FlowChangeKind, type FlowState } from './flows';
import type { AttributeChange, ResourceDiff, StackDiff } from './resources';
import { compareEnglish } from '../util/compare';

/** Resource lines listed per stack; the rest are counted (--json lists them all). */
const RESOURCE_LIMIT = 40;
/** Flow lines listed per kind. */
const FLOW_LIMIT = 50;
/** Characters of a value shown in a change. */
const VALUE_LIMIT = 60;

const TITLES: Readonly<Record<FlowChangeKind, string>> = {
  'newly-uninspected': 'Newly uninspected (inspected on every AZ path before; now some AZ path passes no appliance)',
  'newly-unreachable': 'Newly unreachable (delivered both ways before; now some AZ path does not arrive)',
  'newly-failing': 'Newly refused by verify (asymmetric, or inspected more often than intended)',
  moved: 'Moved to another fleet',
  'newly-inspected': 'Newly inspected',
  'newly-reachable': 'Newly reachable',
  'newly-passing': 'Newly passing verify',
};
const ORDER: readonly FlowChangeKind[] = ['newly-uninspected', 'newly-unreachable', 'newly-failing', 'moved', 'newly-inspected', 'newly-reachable', 'newly-passing'];

const fleets = (s: FlowState) => (s.fleets.length > 0 ? s.fleets.join(' + ') : 'no fleet');

function stateText(s: FlowState): string {
  if (s.status === 'inspected') return `inspected by ${fleets(s)} on all ${s.azPaths} AZ paths`;
  if (s.status === 'uninspected') return `${s.affected} of ${s.azPaths} AZ paths pass no appliance${s.fleets.length > 0 ? ` (the rest: ${fleets(s)})` : ''}`;
  if (s.status === 'unreachable') return `${s.affected} of ${s.azPaths} AZ paths do not arrive${s.reason ? ` (${s.reason})` : ''}`;
  return `refused by verify on ${s.affected} of ${s.azPaths} AZ paths${s.reason ? ` (${s.reason})` : ''}`;
}

function flowLine(c: FlowChange): string {
  const what = `${c.region} ${c.flowClass}: ${c.source} → ${c.destination}`;
  if (c.kind === 'moved') return `${what}: from ${fleets(c.before)} to ${fleets(c.after)}`;
  return `${what}: was ${stateText(c.before)}; now ${stateText(c.after)}`;
}

/** A value in a line: a remote-state read as `<state>.<output>`, and long text cut in the middle, where references differ. */
const shown = (v: unknown) => {
  const text = v === undefined ? '(none)' : JSON.stringify(v).replace(/data\.terraform_remote_state\.(?:cross_stack_reference_input_)?([A-Za-z0-9_-]+)\.outputs\.(?:cross_stack_output_)?/g, 'state:$1.');
  return text.length > VALUE_LIMIT ? `${text.slice(0, 20)}…${text.slice(text.length - (VALUE_LIMIT - 21))}` : text;
};
const changeText = (c: AttributeChange) => `${c.path}: ${shown(c.before)} → ${shown(c.after)}`;

function resourceLine(r: ResourceDiff): string {
  const address = `${r.type}.${r.name}`;
  if (r.kind === 'added') return `+ ${address}`;
  if (r.kind === 'destroyed') return `- ${address} (destroyed)`;
  if (r.replacedBecause) return `-/+ ${address} REPLACED: ${r.replacedBecause.join('; ')}`;
  return `~ ${address}`;
}

function stackLine(s: StackDiff): string {
  if (s.kind === 'added') return `+ ${s.name}: new stack, ${s.resourcesAfter} resources`;
  if (s.kind === 'destroyed') return `- ${s.name}: DESTROYED, ${s.resourcesBefore} resources`;
  const count = (kind: ResourceDiff['kind']) => s.resources.filter((r) => r.kind === kind).length;
  const replaced = s.resources.filter((r) => r.replacedBecause).length;
  const parts = [`${count('added')} added`, `${count('changed') - replaced} changed in place`, `${replaced} replaced`, `${count('destroyed')} destroyed`];
  return `~ ${s.name}: ${parts.join(', ')}`;
}

const sorted = (list: readonly ResourceDiff[]) =>
  [...list].sort((a, b) => rank(a) - rank(b) || compareEnglish(`${a.type}.${a.name}`, `${b.type}.${b.name}`));
const rank = (r: ResourceDiff) => (r.kind === 'destroyed' ? 0 : r.replacedBecause ? 1 : r.kind === 'added' ? 2 : 3);

const sideText = (label: string, s: DiffResult['old']) =>
  `${label} ${s.label} (${s.kind}${s.writtenBy ? ` written by gwlb-blueprint ${s.writtenBy}` : ''}${s.verifies ? ', verifies' : ', DOES NOT VERIFY: run gwlb-blueprint verify on it'})`;

export function formatDiffText(result: DiffResult): string {
  const lines: string[] = [sideText('OLD', result.old), sideText('NEW', result.new), ''];
  lines.push(...flowSection(result).flatMap((l) => wrap(l, WIDTH, '      ')));
  lines.push('', 'Stacks:');
  const changed = result.stacks.filter((s) => s.kind !== 'unchanged');
  if (changed.length === 0) lines.push('  no stack changes');
  for (const s of changed) {
    lines.push(...wrap(`  ${stackLine(s)}`, WIDTH, '      '));
    if (s.kind === 'added' || s.kind === 'destroyed') continue;
    for (const p of s.providers) lines.push(...wrap(`      provider ${changeText(p)}`, WIDTH, '          '));
    const list = sorted(s.resources);
    for (const r of list.slice(0, RESOURCE_LIMIT)) {
      lines.push(...wrap(`    ${resourceLine(r)}`, WIDTH, '        '));
      if (r.kind === 'changed') for (const c of r.changes.slice(0, 6)) lines.push(...wrap(`        ${changeText(c)}`, WIDTH, '          '));
      if (r.changes.length > 6) lines.push(`        … ${r.changes.length - 6} more attributes`);
    }
    if (list.length > RESOURCE_LIMIT) lines.push(`    … ${list.length - RESOURCE_LIMIT} more resources (--json lists them)`);
    if (s.outputs.added.length > 0) lines.push(...wrap(`    outputs added: ${s.outputs.added.join(', ')}`, WIDTH, '      '));
    if (s.outputs.removed.length > 0) lines.push(...wrap(`    outputs removed: ${s.outputs.removed.join(', ')}`, WIDTH, '      '));
    if (s.outputs.changed.length > 0) lines.push(...wrap(`    outputs with another value: ${s.outputs.changed.join(', ')} (the stacks that read them change when they are next applied)`, WIDTH, '      '));
  }
  lines.push('', ...verdict(result).flatMap((l) => wrap(l, WIDTH, '  ')));
  return lines.join('\n');
}

function flowSection(result: DiffResult): string[] {
  const { changes, added, removed } = result.flows;
  const lines = ['Flows:'];
  if (changes.length === 0) lines.push('  no flow changes how it is treated');
  for (const kind of ORDER) {
    const list = changes.filter((c) => c.kind === kind);
    if (list.length === 0) continue;
    lines.push(`  ${TITLES[kind]}: ${list.length}`);
    for (const c of list.slice(0, FLOW_LIMIT)) lines.push(`    ${flowLine(c)}`);
    if (list.length > FLOW_LIMIT) lines.push(`    … ${list.length - FLOW_LIMIT} more (--json lists them)`);
  }
  if (added > 0 || removed > 0) lines.push(`  ${added} new source/destination pairs, ${removed} gone (with the VPCs and offices added or removed)`);
  return lines;
}

function verdict(result: DiffResult): string[] {
  if (result.blocking.length === 0) return ['Safe to apply (exit 0): no flow loses inspection or delivery, and nothing that exists is replaced or destroyed.'];
  return ['Review before applying (exit 3):', ...result.blocking.map((b) => `  - ${b}`)];
}

const md = (text: string) => text.replace(/[|\\`*_<>]/g, (c) => `\\${c}`);

/** The same, as a pull-request comment. */
export function formatDiffMarkdown(result: DiffResult): string {
  const lines: string[] = ['## gwlb-blueprint diff', ''];
  lines.push(result.blocking.length === 0 ? '**Safe to apply**: no flow loses inspection or delivery, and nothing that exists is replaced or destroyed.' : '**Review before applying**:');
  for (const b of result.blocking) lines.push(`- ${md(b)}`);
  lines.push('', `OLD: \`${result.old.label}\` (${result.old.kind}${result.old.verifies ? '' : ', does not verify'}) · NEW: \`${result.new.label}\` (${result.new.kind}${result.new.verifies ? '' : ', does not verify'})`, '');
  lines.push('### Flows', '');
  if (result.flows.changes.length === 0) lines.push('No flow changes how it is treated.', '');
  for (const kind of ORDER) {
    const list = result.flows.changes.filter((c) => c.kind === kind);
    if (list.length === 0) continue;
    lines.push(`**${LOSSES.has(kind) ? '⚠ ' : ''}${md(TITLES[kind])}**: ${list.length}`, '', '| region | class | source | destination | before | after |', '|---|---|---|---|---|---|');
    for (const c of list.slice(0, FLOW_LIMIT)) {
      const [before, after] = c.kind === 'moved' ? [fleets(c.before), fleets(c.after)] : [stateText(c.before), stateText(c.after)];
      lines.push(`| ${md(c.region)} | ${c.flowClass} | ${md(c.source)} | ${md(c.destination)} | ${md(before)} | ${md(after)} |`);
    }
    if (list.length > FLOW_LIMIT) lines.push(`| … | ${list.length - FLOW_LIMIT} more | | | | |`);
    lines.push('');
  }
  lines.push('### Stacks', '');
  const changed = result.stacks.filter((s) => s.kind !== 'unchanged');
  if (changed.length === 0) lines.push('No stack changes.');
  for (const s of changed) {
    lines.push(`- ${md(stackLine(s).slice(2))}`);
    if (s.kind === 'added' || s.kind === 'destroyed') continue;
    const list = sorted(s.resources).filter((r) => r.kind !== 'changed' || r.replacedBecause);
    for (const r of list.slice(0, RESOURCE_LIMIT)) lines.push(`  - \`${resourceLine(r).split(' ')[0]}\` ${md(resourceLine(r).slice(resourceLine(r).indexOf(' ') + 1))}`);
    if (list.length > RESOURCE_LIMIT) lines.push(`  - … ${list.length - RESOURCE_LIMIT} more`);
  }
  return `${lines.join('\n')}\n`;
}

export function diffResultJson(result: DiffResult): unknown {
  return {
    ok: result.blocking.length === 0,
    blocking: result.blocking,
    old: result.old,
    new: result.new,
    flows: result.flows,
    stacks: result.stacks.filter((s) => s.kind !== 'unchanged'),
  };
}
