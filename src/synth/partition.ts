/**
 * Synthesis on two cores: above PARALLEL_MIN_STACKS stacks, a second process
 * (partition-worker.ts) writes part of the stacks while this one writes the rest;
 * this process then writes the manifest, reads the folder back once, and the
 * hand-off and verify run once, on the whole folder. The output is byte for byte
 * what one process writes (test/synth/partition.test.ts).
 *
 * Each process constructs the stacks it writes and what they take references to
 * (every hub, egress VPC and DMZ; every spoke where it writes a peering), and
 * prepares and writes only its own stacks. The one thing a stack's Terraform takes
 * from another process's stacks is the outputs that their cross-stack references
 * add to it (cdk/app-synthesis.ts): after preparing, each process sends the other
 * what it registered in the other's stacks, and adds what it receives before it
 * writes. Which stacks go where is a matter of balance only: the worker takes
 * spokes from the end of the deploy order up to its share of the work, told from
 * the model (stackWeight) so that neither process constructs the other's spokes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NetworkModel } from '../blueprint/model';
import { AppSynthesis, type ManifestEntry, type StackReferences } from '../cdk/core';
import { MANIFEST_FILE } from '../synth-folder';
import { onInterrupt } from '../util/interrupts';
import { Mailbox } from '../util/mailbox';
import { NO_TIMINGS } from '../util/timings';
import { finishStacks, generatorRecord, networkApp, readBackAndHandOff, synthesizeNetwork, withStateReads, writeIntent, type SynthesizeOptions, type SynthesizeResult } from './synthesize';
import type { SynthWarning } from './warnings';
import { plannedStacks, type PlannedStack } from '../stacks/network-app';
import { looksLarge, PARALLEL_MIN_STACKS } from './network-size';
import { shortRunTieringFlags } from '../util/v8-tiering';

export { PARALLEL_MIN_STACKS } from './network-size';

/** The worker's share of the stacks' work, in construct nodes: less than half, as it starts later. */
export const WORKER_SHARE = 0.45;

/** Messages from this process to the worker. */
export type ToWorker =
  | { readonly type: 'start'; readonly model: NetworkModel; readonly outdir: string; readonly warnings: readonly SynthWarning[]; readonly postDeployChecks: boolean; readonly stacks: readonly string[] }
  | { readonly type: 'references'; readonly references: StackReferences };

/** Messages from the worker. */
export type FromWorker =
  | { readonly type: 'prepared'; readonly references: StackReferences }
  | { readonly type: 'written'; readonly manifest: Readonly<Record<string, ManifestEntry>>; readonly phases: readonly { phase: string; ms: number }[]; readonly maxRssMb: number }
  | { readonly type: 'failed'; readonly error: { readonly message: string; readonly stack?: string; readonly code?: string; readonly syscall?: string; readonly path?: string } };

/**
 * The stacks the worker writes: spokes from the end of the deploy order, while their weight stays
 * within `share` of the total. Only spokes, because a process constructs only the stacks it writes
 * and what they take references to (network-app.ts): every process has the hubs, egress VPCs and
 * DMZs, and the peerings (which take references to every spoke) stay with this process.
 */
export function planPartition(stacks: readonly { readonly name: string; readonly weight: number; readonly movable: boolean }[], share = WORKER_SHARE): Set<string> {
  const total = stacks.reduce((sum, s) => sum + s.weight, 0);
  const worker = new Set<string>();
  let taken = 0;
  for (let i = stacks.length - 1; i > 0; i--) {
    if (!stacks[i].movable) continue;
    if (taken + stacks[i].weight > share * total) break;
    taken += stacks[i].weight;
    worker.add(stacks[i].name);
  }
  return worker;
}

/**
 * A stack's share of the work, in construct nodes as measured on the examples (bench/PROFILE.md):
 * known from the model before anything is constructed, so that each process constructs only its own.
 */
export function stackWeight(stack: PlannedStack): number {
  switch (stack.kind) {
    case 'spoke':
      return 17 + 4 * stack.subnets;
    case 'egress':
      return 150;
    case 'dmz':
      return 100;
    case 'peering':
      return 30;
    case 'post-deploy-checks':
      return 15;
    case 'hub':
      return 25;
  }
}

/** Stacks of a model: per region a hub, the egress VPC, one per DMZ and per spoke; one per peering; with the post-deploy checks, one more per region. */
export function stackCount(model: NetworkModel, postDeployChecks = false): number {
  return plannedStacks(model, { postDeployChecks }).length;
}

/** Whether a second process may synthesize at all: its code is built (not under a TypeScript runner) and GWLB_SYNTH_PROCESSES is not 1. */
function partitionAllowed(): boolean {
  return process.env.GWLB_SYNTH_PROCESSES !== '1' && existsSync(WORKER_ENTRY);
}

const WORKER_ENTRY = path.join(__dirname, 'partition-worker.js');

/**
 * The worker, started before the blueprint is validated when the blueprint file
 * looks large enough (one `cidr` per VPC), so that its start-up overlaps the
 * validation; synthesizeNetworkInParallel stops it if the network turns out small.
 */
export function prestartWorker(blueprintFile: string): SynthWorker | undefined {
  if (!partitionAllowed()) return undefined;
  return looksLarge(blueprintFile) ? SynthWorker.start() : undefined;
}

/**
 * synthesizeNetwork on two processes when the network has PARALLEL_MIN_STACKS
 * stacks or more (with `worker` if one was started early); otherwise, or where
 * no second process can run, synthesizeNetwork itself. JSON only: HCL text
 * follows the order in which outputs were added, which two processes do not share.
 */
/** Whether synthesizeNetworkInParallel would use two processes for `model`. */
export function partitioned(model: NetworkModel, postDeployChecks = false): boolean {
  return stackCount(model, postDeployChecks) >= PARALLEL_MIN_STACKS && partitionAllowed();
}

export async function synthesizeNetworkInParallel(model: NetworkModel, options: SynthesizeOptions & { readonly outdir: string }, early?: SynthWorker): Promise<SynthesizeResult> {
  const large = partitioned(model, options.postDeployChecks);
  if (!large) early?.stop();
  const worker = large ? (early ?? SynthWorker.start()) : undefined;
  if (!worker) return synthesizeNetwork(model, options);
  const { outdir } = options;
  let stacks: readonly string[];
  try {
    stacks = await writeInParallel(model, options, worker);
  } finally {
    // Gone before anyone removes the folder it may still be writing into.
    await worker.stopped();
  }
  return readBackAndHandOff(model, [...stacks], outdir, options.timings);
}

/** Both processes' share of the stacks written, and the manifest; the stack names in deploy order. */
async function writeInParallel(model: NetworkModel, options: SynthesizeOptions & { readonly outdir: string }, worker: SynthWorker): Promise<string[]> {
  const timings = options.timings ?? NO_TIMINGS;
  const { outdir } = options;
  // Before the worker constructs its App, which would race this one to create it.
  mkdirSync(path.join(outdir, 'stacks'), { recursive: true });
  const planned = plannedStacks(model, { postDeployChecks: options.postDeployChecks ?? false });
  const theirs = planPartition(planned.map((s) => ({ name: s.name, weight: stackWeight(s), movable: s.kind === 'spoke' })));
  // Written whole before this process constructs its stacks, or the worker would start only once they are prepared.
  await worker.send({ type: 'start', model, outdir, warnings: options.warnings ?? [], postDeployChecks: options.postDeployChecks ?? false, stacks: [...theirs] });
  const built = networkApp(model, options, false, (stack) => !theirs.has(stack));
  const stacks = built.stacks;
  timings.lap('construct tree');
  const synthesis = new AppSynthesis(built.app, (s) => !theirs.has(s.node.id));
  synthesis.prepare();
  timings.lap('prepare: resolve each element');
  const prepared = await worker.next('prepared');
  timings.lap('wait for the second process to prepare');
  await worker.send({ type: 'references', references: synthesis.outgoingReferences() });
  synthesis.addIncomingReferences(prepared.references);
  synthesis.synthesize();
  synthesis.validateApp();
  finishStacks(outdir, stacks.filter((s) => !theirs.has(s.node.id)));
  writeIntent(outdir, model);
  const written = await worker.next('written');
  timings.lap('write stacks, lock files, manifest, intent');
  // The worker's entries carry their own stacks' state reads.
  const entries = { ...withStateReads(synthesis.manifestEntries(), stacks.filter((s) => !theirs.has(s.node.id))), ...written.manifest };
  writeFileSync(path.join(outdir, MANIFEST_FILE), synthesis.manifestJson(entries, generatorRecord(model)));
  timings.note(`second process (${theirs.size} of ${planned.length} stacks): ${written.phases.map((p) => `${p.phase} ${Math.round(p.ms)} ms`).join(', ')}; peak memory ${written.maxRssMb} MB`);
  return planned.map((s) => s.name);
}

/** node's options for the worker process: this process's, and V8's budget for a short run (util/v8-tiering.ts). */
export function workerExecArgv(): string[] {
  return [...process.execArgv, ...shortRunTieringFlags()];
}

/** This process's side of the worker: its messages in order, its failure as an error. */
export class SynthWorker {
  private readonly mailbox = new Mailbox<FromWorker>();
  private unregister: () => void;

  /** The worker process, or undefined where it cannot run (no built worker, fork refused). */
  static start(): SynthWorker | undefined {
    try {
      return new SynthWorker(fork(WORKER_ENTRY, [], { execArgv: workerExecArgv(), serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }));
    } catch {
      return undefined;
    }
  }

  private constructor(private readonly child: ChildProcess) {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('message', (message: FromWorker) => {
      if (message.type === 'failed') this.mailbox.fail(workerError(message.error));
      else this.mailbox.deliver(message);
    });
    child.on('error', (err) => this.mailbox.fail(err));
    child.on('exit', (code, signal) => this.mailbox.fail(new Error(`the second synthesis process ended early (${signal ?? `exit ${code}`})${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`)));
    this.unregister = onInterrupt(() => this.stop());
  }

  /**
   * Sends `message`; settled once it is written to the channel. A message larger than the socket's
   * buffer (the model of ~500 spokes and more) is written in part at once and the rest only when this
   * process's event loop next runs: awaited before a long synchronous step, the worker has it all.
   */
  send(message: ToWorker): Promise<void> {
    if (this.mailbox.failed) return Promise.resolve();
    if (message.type === 'start') {
      // Cleanups run the latest first: stopped on an interrupt before the staging folder it writes into is removed.
      this.unregister();
      this.unregister = onInterrupt(() => this.stop());
    }
    // A failed write ends the worker, which the mailbox reports to whoever waits on it next.
    return new Promise((resolve) => this.child.send(message, () => resolve()));
  }

  /** The next message, which must be of `type`. */
  async next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
    const message = await this.mailbox.next();
    if (message.type !== type) throw new Error(`internal: the second synthesis process sent ${message.type}, not ${type}`);
    return message as Extract<FromWorker, { type: T }>;
  }

  /** Ends the worker (synchronous, for interrupts and for a worker that was not needed). */
  stop(): void {
    this.unregister();
    this.mailbox.fail(new Error('stopped'));
    if (this.running()) this.child.kill('SIGKILL');
  }

  /** Ends the worker and waits until it has exited. */
  async stopped(): Promise<void> {
    const exited = this.running() ? new Promise<void>((resolve) => this.child.once('exit', () => resolve())) : Promise.resolve();
    this.stop();
    await exited;
  }

  private running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

}

/** The worker's error as this process would have thrown it (a full disk stays an environment error). */
function workerError(error: Extract<FromWorker, { type: 'failed' }>['error']): Error {
  return Object.assign(new Error(error.message), error.stack ? { stack: error.stack } : {}, error.code ? { code: error.code, syscall: error.syscall, path: error.path } : {});
}
