/** Synthesizes a blueprint's stacks in memory with cdktf's Testing app, for construct and stack tests. */
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import type { NetworkModel } from '../../src/blueprint/model';
import { validateBlueprint } from '../../src/blueprint/validate';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { synthesizeNetwork } from '../../src/synth/synthesize';

export const ROOT = path.join(__dirname, '..', '..');
export const REFERENCE = path.join(ROOT, 'templates', 'reference.blueprint.json');

export interface SynthesizedStack {
  /** What Testing.synth returns: the matchers read this. */
  readonly synth: string;
  readonly json: any;
}

export function modelOf(file: string): NetworkModel {
  return modelOfValue(readBlueprintFile(file).value, file);
}

export function modelOfValue(value: unknown, label = 'blueprint'): NetworkModel {
  const result = validateBlueprint(value);
  if (!result.model) throw new Error(`${label} does not validate: ${JSON.stringify(result.problems.filter((p) => p.severity === 'error'))}`);
  return result.model;
}

/**
 * The stacks as `synth` writes them (a full app synthesis, so cross-stack references
 * are resolved into remote-state reads as in the real output).
 */
export function synthStacks(model: NetworkModel): Record<string, SynthesizedStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-stacks-test-'));
  try {
    const { stacks } = synthesizeNetwork(model, { outdir: dir });
    const out: Record<string, SynthesizedStack> = {};
    for (const name of stacks) {
      const synth = readFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), 'utf8');
      out[name] = { synth, json: JSON.parse(synth) };
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Resources of one type in a stack, by logical ID. */
export function resources(stack: SynthesizedStack, type: string): Record<string, any> {
  return stack.json.resource?.[type] ?? {};
}

/** `${aws_x.name.attr}` → `name`, or undefined for anything else. */
export function refName(expression: unknown, type: string): string | undefined {
  const match = typeof expression === 'string' ? new RegExp(`^\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.`).exec(expression) : null;
  return match?.[1];
}

export interface RouteRow {
  readonly table: string;
  readonly destination: string;
  readonly target: string;
}

/** Every aws_route of a stack as `route table → destination → target resource`, for routing assertions. */
export function routeRows(stack: SynthesizedStack): RouteRow[] {
  return Object.values(resources(stack, 'aws_route')).map((r: any) => {
    const targetExpression = r.transit_gateway_id ?? r.nat_gateway_id ?? r.vpc_endpoint_id ?? r.gateway_id;
    const target = /^\$\{([a-z_]+)\.([A-Za-z0-9_-]+)/.exec(String(targetExpression));
    const kind = r.transit_gateway_id ? 'tgw' : target ? `${target[1]}.${target[2]}` : String(targetExpression);
    return { table: refName(r.route_table_id, 'aws_route_table') ?? '?', destination: r.destination_cidr_block, target: kind };
  });
}

/** The stacks and every file written beside them (`bootstrap/...`), by stack name and relative path. */
export function synthStacksWithFiles(model: NetworkModel): { stacks: Record<string, SynthesizedStack>; files: Record<string, Record<string, string>> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-stacks-test-'));
  try {
    const { stacks: names } = synthesizeNetwork(model, { outdir: dir });
    const stacks: Record<string, SynthesizedStack> = {};
    const files: Record<string, Record<string, string>> = {};
    for (const name of names) {
      const stackDir = path.join(dir, 'stacks', name);
      const synth = readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8');
      stacks[name] = { synth, json: JSON.parse(synth) };
      files[name] = {};
      const bootstrap = path.join(stackDir, 'bootstrap');
      if (existsSync(bootstrap)) for (const file of readdirSync(bootstrap)) files[name][`bootstrap/${file}`] = readFileSync(path.join(bootstrap, file), 'utf8');
    }
    return { stacks, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
