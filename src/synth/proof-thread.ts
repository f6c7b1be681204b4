/**
 * The proof thread of `gwlb-blueprint synth`: a worker thread (proof-thread-worker.ts)
 * on the second core that checks the blueprint while this thread loads cdktf and the
 * provider classes, and proves the stacks while this thread writes them and the
 * hand-off. It is started before anything heavy is loaded (cli/main.ts), so this
 * module loads nothing but the thread.
 *
 * The proof reads the folder as this thread wrote it (synth-folder/files.ts,
 * writtenFiles): every file's text, handed over before it went to disk. synth then
 * checks that the names on disk are exactly those, or proves the folder from disk
 * itself (verified-synthesis.ts). What the proof prints is the report's text, as
 * the same verify in this thread would print it.
 */
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { NetworkModel } from '../blueprint/model';
import type { Blueprint } from '../blueprint/schema';
import { UserError, ValidationFailed } from '../util/errors';
import type { Io } from '../util/io';
import { Mailbox } from '../util/mailbox';
import { looksLarge } from './network-size';

/** What the proof concluded, as synth reports it. */
export interface Verdict {
  readonly ok: boolean;
  readonly azPaths: number;
  readonly controls: number;
  /** verify's report, when the proof failed (the thread's own verdict has none: synth proves a failure again for it). */
  readonly report?: string;
}

/** An error as it crosses threads: its class by kind, and what the CLI prints of it. */
export type ThreadError =
  | { readonly kind: 'validation'; readonly errorCount: number }
  | { readonly kind: 'user'; readonly message: string }
  | { readonly kind: 'other'; readonly message: string; readonly stack?: string; readonly code?: string; readonly syscall?: string; readonly path?: string };

export type ToProofThread =
  | { readonly type: 'check'; readonly blueprintFile: string }
  | { readonly type: 'written'; readonly file: string; readonly text: string }
  | { readonly type: 'verify'; readonly dir: string; readonly claim: Int32Array };

export type FromProofThread =
  | { readonly type: 'checked'; readonly lines: readonly string[]; readonly model: NetworkModel; readonly blueprint: Blueprint; readonly ms: number }
  | { readonly type: 'refused'; readonly lines: readonly string[]; readonly error: ThreadError }
  | { readonly type: 'verdict'; readonly verdict: Verdict; readonly deployOrderOk?: boolean; readonly readMs: number; readonly verifyMs: number; readonly deployOrderMs?: number }
  | { readonly type: 'failed'; readonly error: ThreadError };

const WORKER_ENTRY = path.join(__dirname, 'proof-thread-worker.js');

/** A thread started by ProofThread.prestart, not yet taken by start. */
let prestarted: ProofThread | undefined;

export class ProofThread {
  private readonly mailbox = new Mailbox<FromProofThread>();
  /** What the thread took, for `--timings`. */
  readonly phases: { phase: string; ms: number }[] = [];

  /**
   * The thread, already checking `blueprintFile`; undefined where it cannot run: under a
   * TypeScript runner (no built worker), with GWLB_PROOF_THREAD=0, or when it fails to start;
   * and for a blueprint that looks large (network-size.ts): there a second process writes part
   * of the stacks and the folder is proven from disk, so the thread would only validate, and its
   * start competes with that process's on two cores (500 spokes: 4.29 s against 4.18 s, medians).
   */
  static start(blueprintFile: string): ProofThread | undefined {
    const thread = prestarted ?? ProofThread.create();
    prestarted = undefined;
    if (!thread || looksLarge(blueprintFile)) return void thread?.stop();
    thread.send({ type: 'check', blueprintFile });
    return thread;
  }

  /**
   * Starts the thread before the command line is even parsed (cli/process.ts, for `synth`), so
   * that it loads what validation needs while the command line's own modules load; `start` takes it.
   */
  static prestart(): void {
    prestarted ??= ProofThread.create();
  }

  private static create(): ProofThread | undefined {
    if (process.env.GWLB_PROOF_THREAD === '0' || !existsSync(WORKER_ENTRY)) return undefined;
    try {
      return new ProofThread(new Worker(WORKER_ENTRY));
    } catch {
      return undefined;
    }
  }

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromProofThread) => {
      if (message.type === 'failed') this.fail(errorFrom(message.error));
      else this.mailbox.deliver(message);
      if (!this.mailbox.awaited) this.worker.unref();
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`the proof thread ended early (exit ${code})`)));
    // Only a thread being waited for keeps the process alive.
    worker.unref();
  }

  /** The blueprint, checked; its problems printed on `io` as validate prints them. Throws as loadCheckedBlueprint does. */
  async checkedBlueprint(io: Io): Promise<{ readonly model: NetworkModel; readonly blueprint: Blueprint }> {
    const message = await this.next();
    if (message.type !== 'checked' && message.type !== 'refused') throw new Error(`internal: the proof thread sent ${message.type} before the blueprint check`);
    for (const line of message.lines) io.err(line);
    if (message.type === 'refused') throw errorFrom(message.error);
    this.phases.push({ phase: 'blueprint read, validate, plan', ms: message.ms });
    return { model: message.model, blueprint: message.blueprint };
  }

  /** A file of the folder being written, relative to it: call before it is written. */
  written(file: string, text: string): void {
    this.send({ type: 'written', file, text });
  }

  /**
   * The proof of the folder `dir` as written (every file given to `written`): verify's
   * proveNetwork, and its deploy order where the thread is free before this one claims it
   * (`claimDeployOrder`: true when this thread is to check it; the thread's `deployOrderOk` is
   * then undefined).
   */
  verify(dir: string): { readonly result: Promise<{ readonly verdict: Verdict; readonly deployOrderOk?: boolean }>; claimDeployOrder(): boolean } {
    const claim = new Int32Array(new SharedArrayBuffer(4));
    this.send({ type: 'verify', dir, claim });
    const result = this.next().then((message) => {
      if (message.type !== 'verdict') throw new Error(`internal: the proof thread sent ${message.type}, not its verdict`);
      this.phases.push({ phase: 'read the folder as written', ms: message.readMs }, { phase: 'verify', ms: message.verifyMs });
      if (message.deployOrderMs !== undefined) this.phases.push({ phase: 'deploy order', ms: message.deployOrderMs });
      return { verdict: message.verdict, ...(message.deployOrderOk !== undefined ? { deployOrderOk: message.deployOrderOk } : {}) };
    });
    return { result, claimDeployOrder: () => claimFirst(claim, CLAIMED_HERE) };
  }

  /** Ends the thread; nothing it holds is worth finishing. */
  stop(): void {
    this.mailbox.fail(new Error('stopped'));
    void this.worker.terminate();
  }

  private send(message: ToProofThread): void {
    if (!this.mailbox.failed) this.worker.postMessage(message);
  }

  private next(): Promise<FromProofThread> {
    const next = this.mailbox.next();
    if (this.mailbox.awaited) this.worker.ref();
    return next;
  }

  private fail(err: Error): void {
    this.mailbox.fail(err);
    this.worker.unref();
  }
}

/** Who checks the deploy order: the first thread free to (0: nobody yet). */
export const CLAIMED_HERE = 1;
export const CLAIMED_BY_THREAD = 2;

/** Whether `by` is the first to claim `claim` (shared by both threads). */
export function claimFirst(claim: Int32Array, by: number): boolean {
  return Atomics.compareExchange(claim, 0, 0, by) === 0;
}

/** An error thrown in the thread, as the thread's code would have thrown it here. */
export function errorFrom(error: ThreadError): Error {
  if (error.kind === 'validation') return new ValidationFailed(error.errorCount);
  if (error.kind === 'user') return new UserError(error.message);
  const { message, stack, code, syscall, path: file } = error;
  return Object.assign(new Error(message), stack ? { stack } : {}, code ? { code } : {}, syscall ? { syscall } : {}, file ? { path: file } : {});
}

/** The other way: what crosses the thread of `err`. */
export function threadErrorOf(err: unknown): ThreadError {
  if (err instanceof ValidationFailed) return { kind: 'validation', errorCount: err.errorCount };
  if (err instanceof UserError) return { kind: 'user', message: err.message };
  const e = err as NodeJS.ErrnoException | undefined;
  return {
    kind: 'other',
    message: e?.message ?? String(err),
    ...(e?.stack ? { stack: e.stack } : {}),
    ...(e?.code ? { code: e.code } : {}),
    ...(e?.syscall ? { syscall: e.syscall } : {}),
    ...(e?.path ? { path: e.path } : {}),
  };
}
