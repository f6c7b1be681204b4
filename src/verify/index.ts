/**
 * `verify`: proves, before deploy, that synthesized Terraform inspects every flow
 * it must, symmetrically and without bypass, and meets the security baseline.
 * It reads the Terraform JSON (and the intent file `synth` writes), never the blueprint.
 *
 *   network-graph.ts  the network the Terraform describes, read strictly (strict.ts, refused.ts)
 *   ranges.ts         the destination ranges every route table answers alike in
 *   trace.ts          memoised paths per range (tgw-crossing.ts, path.ts)
 *   flows.ts          every flow class, source, destination range and AZ choice, judged (judge.ts)
 *   sweep.ts          no other destination range leaves for the internet uninspected
 *   ingress-sweep.ts  nothing enters a DMZ's public or app subnets from the internet uninspected
 *   controls.ts       the Security Hub controls
 *   deploy-order.ts   every resource waits for what AWS needs first (dependency-graph.ts)
 *   post-deploy-checks.ts  the Reachability Analyzer paths predict what the proof says
 */
import { blocksOf, RFC1918 } from '../blueprint/cidr';
import { UserError } from '../util/errors';
import { checkDeployOrder, type DeployOrderResult } from './deploy-order';
export { checkDeployOrder } from './deploy-order';
export { terraformSetOf } from './terraform-json';
export { parseIntent } from './intent';
import { readSynthFolder, type SynthFolder } from '../synth-folder';
import { checkControls, type ControlResult } from './controls';
import { internalBlocksOf, regionsOf, vpnsOf } from './flow-regions';
import { proveFlowClasses, type FlowResult } from './flows';
import { checkIntentAgainst, parseIntent, type Intent } from './intent';
import { buildNetworkGraph, type NetworkGraph } from './network-graph';
import { Materializer, SWEEP_CLASSES, type ClassProof } from './proof';
import { DestinationRanges } from './ranges';
import { ingressSweep } from './ingress-sweep';
import { checkPostDeployPaths, type PostDeployChecksResult } from './post-deploy-checks';
import { sweep } from './sweep';
import { Tracer } from './trace';
import { TraceContext } from './trace-context';
import { terraformSetOf, type TerraformSet } from './terraform-json';

export type { FlowResult, FlowExample, Direction, ClassProof, ProvenClass } from './proof';

/** What was proven, in all and per flow class. */
export interface Proof {
  /** Destination ranges of 0.0.0.0/0 (every one is proven, by a flow class or by the sweep). */
  readonly destinationRanges: number;
  /** Source ranges of the flow classes: host subnet ranges, office ranges, internet ranges. */
  readonly sources: number;
  /** The most AZ choices (flow-hash and TGW picks) of one source range towards one destination range; all proven. */
  readonly azChoices: number;
  /** AZ paths of the flow classes: one per source range, destination range and AZ choice, each forward and back. */
  readonly azPaths: number;
  /** Of those, failed. */
  readonly failed: number;
  /** The sweep: subnet, destination range and AZ choice combinations proven never to leave for the internet uninspected. */
  readonly swept: number;
  readonly sweepFailed: number;
  readonly classes: readonly ClassProof[];
  /**
   * Routes to an AWS service's managed prefix list through a gateway endpoint (S3, DynamoDB): they
   * take that service's addresses around inspection, by design; which addresses is AWS's to publish.
   */
  readonly serviceRoutes: readonly { readonly service: string; readonly tables: readonly string[] }[];
}

export interface VerifyResult {
  readonly ok: boolean;
  /** One per source and destination pair of each flow class (and per source of the sweep). */
  readonly flows: readonly FlowResult[];
  readonly proof: Proof;
  readonly controls: readonly ControlResult[];
  /** Whether every resource waits for what AWS needs to exist first (deploy-order.ts). */
  readonly deployOrder: DeployOrderResult;
  /** Whether the Reachability Analyzer paths (synth --post-deploy-checks) predict what the proof says. */
  readonly postDeployChecks: PostDeployChecksResult;
  readonly intentFound: boolean;
}

export interface VerifyOptions {
  /** Failing AZ paths kept (with their hops) per pair; default 3. */
  readonly examplesPerPair?: number;
  /** Failing AZ paths kept in all; default 2000. */
  readonly examples?: number;
}

/** Reads and verifies a synthesized folder (JSON or HCL). */
export async function verifyFolder(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  return verifySynthFolder(await readSynthFolder(dir), options);
}

export function verifySynthFolder(folder: SynthFolder, options: VerifyOptions = {}): VerifyResult {
  return verifyTerraform(terraformSetOf(folder), parseIntent(folder.intent), options);
}

export function verifyTerraform(set: TerraformSet, intent: Intent | undefined, options: VerifyOptions = {}): VerifyResult {
  const network = proveNetwork(set, intent, options);
  const deployOrder = checkDeployOrder(set);
  const { flows, proof, controls, postDeployChecks, intentFound } = network;
  return { ok: network.ok && deployOrder.ok, flows, proof, controls, deployOrder, postDeployChecks, intentFound };
}

/** What verifyTerraform proves but the deploy order (checkDeployOrder, on the same set): `ok` is of that alone. */
export type NetworkProof = Omit<VerifyResult, 'deployOrder'>;

/** The flows, the sweeps, the controls and the Reachability Analyzer paths: verify but the deploy order, for a caller that checks it meanwhile. */
export function proveNetwork(set: TerraformSet, intent: Intent | undefined, options: VerifyOptions = {}): NetworkProof {
  const graph = buildNetworkGraph(set);
  if (graph.vpcs.size === 0) throw new UserError('no stack of this folder creates an aws_vpc: there is no network to verify');
  if (intent) checkIntentAgainst(intent, graph);
  const display = shortNames(intent);
  const vpns = vpnsOf(graph, intent);
  const ranges = new DestinationRanges(boundaries(graph, vpns, intent));
  const ctx = new TraceContext(graph, ranges, new Map(vpns.map((v) => [v.key, v.prefixes])), display);
  const tracer = new Tracer(ctx);
  const regions = regionsOf(ctx, vpns, intent);
  const materializer = new Materializer(tracer, { perPair: options.examplesPerPair ?? 3, total: options.examples ?? 2000 });
  const classes = [...proveFlowClasses(tracer, materializer, graph, intent, regions), ...sweep(tracer, materializer, regions), ...ingressSweep(tracer, materializer, regions)];
  const flows: FlowResult[] = classes.flatMap((c) => c.pairs);
  const flowClasses = classes.filter((c) => !SWEEP_CLASSES.has(c.flowClass));
  const swept = classes.filter((c) => SWEEP_CLASSES.has(c.flowClass));
  const totals = classes.map((c) => c.totals());
  const proof: Proof = {
    destinationRanges: ranges.count,
    sources: countSources(regions, new Set(flowClasses.flatMap((c) => [...c.sourceKeys()]))),
    azChoices: Math.max(0, ...totals.map((t) => t.azChoices)),
    azPaths: sum(flowClasses.map((c) => c.azPaths)),
    failed: sum(flowClasses.map((c) => c.failed)),
    swept: sum(swept.map((c) => c.azPaths)),
    sweepFailed: sum(swept.map((c) => c.failed)),
    classes: totals,
    serviceRoutes: serviceRoutesOf(graph, display),
  };
  const controls = checkControls(graph);
  const postDeployChecks = checkPostDeployPaths(set, flows, display);
  const ok = proof.failed === 0 && proof.sweepFailed === 0 && controls.every((c) => c.ok) && postDeployChecks.failures.length === 0;
  return { ok, flows, proof, controls, postDeployChecks, intentFound: intent !== undefined };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function serviceRoutesOf(graph: NetworkGraph, display: (name: string) => string): Proof['serviceRoutes'] {
  const byService = new Map<string, string[]>();
  for (const table of graph.routeTables.values()) {
    for (const { service } of table.serviceRoutes) byService.set(service, [...(byService.get(service) ?? []), display(table.name)]);
  }
  return [...byService].sort().map(([service, tables]) => ({ service, tables: tables.sort() }));
}

/** Source ranges of the sides that were a source of some flow class. */
function countSources(regions: ReturnType<typeof regionsOf>, keys: ReadonlySet<string>): number {
  const sides = new Map(regions.flatMap((r) => [...r.spokes, ...r.dmzs, ...r.offices, r.internet].map((s) => [s.key, s.points.length] as const)));
  return [...keys].reduce((n, k) => n + (sides.get(k) ?? 0), 0);
}

/** Every block a route table, a local route or a delivery decides by: where destination ranges begin and end. */
function boundaries(graph: NetworkGraph, vpns: ReturnType<typeof vpnsOf>, intent: Intent | undefined) {
  const regions = [...new Set([...graph.vpcs.values()].map((v) => v.region))];
  return [
    ...[...graph.vpcs.values()].map((v) => v.cidr),
    ...[...graph.subnets.values()].map((s) => s.cidr),
    ...[...graph.routeTables.values()].flatMap((t) => t.routes.map((r) => r.destination)),
    ...[...graph.tgwRouteTables.values()].flatMap((t) => t.staticRoutes.map((r) => r.destination)),
    ...vpns.flatMap((v) => v.prefixes),
    ...blocksOf(RFC1918),
    ...regions.flatMap((code) => internalBlocksOf(graph, vpns, intent, code)),
  ];
}

/**
 * Names read better without the `<network>-<region>-` every Name tag starts with; with
 * several regions the region stays, or paths across a peering would be ambiguous.
 */
function shortNames(intent: Intent | undefined): (name: string) => string {
  const regions = intent ? Object.keys(intent.regions) : [];
  const prefixes = !intent ? [] : regions.length === 1 ? [`${intent.network}-${regions[0]}-`] : [`${intent.network}-`];
  const shortNames = new Map<string, string>();
  return (name: string) => {
    let short = shortNames.get(name);
    if (short === undefined) {
      const prefix = prefixes.find((p) => name.startsWith(p));
      shortNames.set(name, (short = prefix ? name.slice(prefix.length) : name));
    }
    return short;
  };
}
