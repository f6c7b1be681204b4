/**
 * The proof thread itself (proof-thread.ts): checks the blueprint, keeps every file
 * of the folder as it is handed over, and proves the folder when told it is whole
 * (all of verify but the deploy order, which the other thread checks meanwhile).
 * It writes nothing and prints nothing: what validation prints is sent back as lines.
 */
import { parentPort } from 'node:worker_threads';
import { loadCheckedBlueprint } from '../blueprint/checked';
import { memoryIo } from '../util/io';
import { threadErrorOf, type FromProofThread, type ToProofThread } from './proof-thread';

const port = parentPort!;
const written = new Map<string, string>();
/** JSON files parsed as they arrive: the thread has nothing else to do while the stacks are synthesized. */
const parsed = new Map<string, unknown>();

function keep(file: string, text: string): void {
  written.set(file, text);
  if (!file.endsWith('.json')) return;
  try {
    parsed.set(file, JSON.parse(text));
  } catch {
    // The reader parses it again, and refuses it as it would refuse it on disk.
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
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** verify but the deploy order, which the other thread checks meanwhile (verified-synthesis.ts). */
function verify(dir: string): void {
  const { readSynthFolderSync, writtenFiles, proveNetwork, terraformSetOf, parseIntent } = proofModules();
  const started = performance.now();
  const folder = readSynthFolderSync(writtenFiles(dir, written, parsed));
  const read = performance.now();
  const network = proveNetwork(terraformSetOf(folder), parseIntent(folder.intent));
  send({
    type: 'verdict',
    verdict: { ok: network.ok, azPaths: network.proof.azPaths, controls: network.controls.length },
    readMs: read - started,
    verifyMs: performance.now() - read,
  });
}

port.on('message', (message: ToProofThread) => {
  try {
    if (message.type === 'check') check(message.blueprintFile);
    else if (message.type === 'written') keep(message.file, message.text);
    else verify(message.dir);
  } catch (err) {
    send({ type: 'failed', error: threadErrorOf(err) });
  }
});
