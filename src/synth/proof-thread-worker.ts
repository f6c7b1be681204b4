/**
 * The proof thread itself (proof-thread.ts): checks the blueprint, keeps every file
 * of the folder as it is handed over, and proves the folder when told it is whole
 * (verify; the deploy order only where this thread is free first).
 * It writes nothing and prints nothing: what validation prints is sent back as lines.
 */
import { parentPort } from 'node:worker_threads';
import { loadCheckedBlueprint } from '../blueprint/checked';
import { memoryIo } from '../util/io';
import { CLAIMED_BY_THREAD, claimFirst, threadErrorOf, type FromProofThread, type ToProofThread } from './proof-thread';

const port = parentPort!;
const written = new Map<string, string>();
/** JSON files parsed as they arrive: the thread has nothing else to do while the stacks are synthesized. */
const parsed = new Map<string, unknown>();
const STACK_FILE = /^stacks\/([^/]+)\/cdk\.tf\.json$/;

function keep(file: string, text: string): void {
  written.set(file, text);
  if (!file.endsWith('.json')) return;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The reader parses it again, and refuses it as it would refuse it on disk.
    return;
  }
  parsed.set(file, json);
  // Each stack is read as verify reads it (its configuration merged, its instances expanded) while
  // the others are written: the folder's reading below finds it done, where its names match what
  // the manifest says (mergeConfigFiles, stackFromConfig). What this thread parsed, nothing changes.
  // A stack that cannot be read is left to that reading, which refuses it as it would on disk.
  const stack = STACK_FILE.exec(file)?.[1];
  if (stack === undefined || typeof json !== 'object' || json === null || Array.isArray(json)) return;
  try {
    proofModules().readStackAhead(stack, json as Record<string, unknown>);
  } catch {
    // Refused again, with its path, when the folder is read.
  }
}

function send(message: FromProofThread): void {
  port.postMessage(message);
}

function check(blueprintFile: string): void {
  const started = performance.now();
  const io = memoryIo();
  try {
    const { model, blueprint } = loadCheckedBlueprint(blueprintFile, io);
    send({ type: 'checked', lines: io.stderr, model, blueprint, ms: performance.now() - started });
  } catch (err) {
    send({ type: 'refused', lines: io.stderr, error: threadErrorOf(err) });
    return;
  }
  // Loaded now, while the stacks are built on the other thread, not when they are written.
  proofModules();
}

function proofModules() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    ...(require('../synth-folder') as typeof import('../synth-folder')),
    ...(require('../verify') as typeof import('../verify')),
    ...(require('../verify/terraform-json') as typeof import('../verify/terraform-json')),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** verify; its deploy order only if this thread is free before the other one claims it (verified-synthesis.ts). */
function verify(dir: string, claim: Int32Array): void {
  const { readSynthFolderSync, writtenFiles, proveNetwork, terraformSetOf, parseIntent, checkDeployOrder } = proofModules();
  const started = performance.now();
  const folder = readSynthFolderSync(writtenFiles(dir, written, parsed));
  const read = performance.now();
  const set = terraformSetOf(folder);
  const network = proveNetwork(set, parseIntent(folder.intent));
  const proven = performance.now();
  const deployOrderOk = claimFirst(claim, CLAIMED_BY_THREAD) ? checkDeployOrder(set).ok : undefined;
  send({
    type: 'verdict',
    verdict: { ok: network.ok, azPaths: network.proof.azPaths, controls: network.controls.length },
    ...(deployOrderOk !== undefined ? { deployOrderOk, deployOrderMs: performance.now() - proven } : {}),
    readMs: read - started,
    verifyMs: proven - read,
  });
}

port.on('message', (message: ToProofThread) => {
  try {
    if (message.type === 'check') check(message.blueprintFile);
    else if (message.type === 'written') keep(message.file, message.text);
    else verify(message.dir, message.claim);
  } catch (err) {
    send({ type: 'failed', error: threadErrorOf(err) });
  }
});
