/**
 * The second synthesis process (partition.ts): forked by `gwlb-blueprint synth`,
 * it constructs the stacks it is given and what they take references to,
 * prepares and writes those stacks, trades cross-stack outputs with its parent in
 * between, and reports their manifest entries. It writes nothing else, prints nothing, and ends when its parent
 * disconnects (or dies).
 */
import { AppSynthesis, type StackReferences } from '../cdk/core';
import { Timings } from '../util/timings';
import type { FromWorker, ToWorker } from './partition';
import { finishStacks, networkApp, withStateReads } from './synthesize';

const inbox: ToWorker[] = [];
let deliver: ((message: ToWorker) => void) | undefined;

function next<T extends ToWorker['type']>(type: T): Promise<Extract<ToWorker, { type: T }>> {
  const check = (message: ToWorker) => {
    if (message.type !== type) throw new Error(`internal: expected ${type} from the parent process, got ${message.type}`);
    return message as Extract<ToWorker, { type: T }>;
  };
  const queued = inbox.shift();
  if (queued) return Promise.resolve(check(queued));
  return new Promise((resolve, reject) => {
    deliver = (message) => {
      try {
        resolve(check(message));
      } catch (err) {
        reject(err);
      }
    };
  });
}

function send(message: FromWorker): void {
  process.send!(message);
}

async function run(): Promise<void> {
  const { model, outdir, warnings, postDeployChecks, stacks: plan } = await next('start');
  const timings = new Timings(performance.now());
  const mine = new Set(plan);
  const { app, stacks } = networkApp(model, { outdir, warnings, postDeployChecks }, false, (stack) => mine.has(stack));
  timings.lap('construct tree');
  const synthesis = new AppSynthesis(app, (s) => mine.has(s.node.id));
  synthesis.prepare();
  timings.lap('prepare');
  send({ type: 'prepared', references: synthesis.outgoingReferences() });
  const { references } = await next('references');
  synthesis.addIncomingReferences(references as StackReferences);
  synthesis.synthesize();
  finishStacks(outdir, stacks.filter((s) => mine.has(s.node.id)));
  timings.lap('write');
  send({ type: 'written', manifest: withStateReads(synthesis.manifestEntries(), stacks.filter((s) => mine.has(s.node.id))), phases: timings.phases, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
}

process.on('message', (message: ToWorker) => {
  if (deliver) {
    const d = deliver;
    deliver = undefined;
    d(message);
  } else inbox.push(message);
});
// The parent is gone (finished, or killed): nothing here is worth finishing.
process.on('disconnect', () => process.exit(0));

run().catch((err: NodeJS.ErrnoException) => {
  send({ type: 'failed', error: { message: err?.message ?? String(err), stack: err?.stack, code: err?.code, syscall: err?.syscall, path: err?.path } });
});
