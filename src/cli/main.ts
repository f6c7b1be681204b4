/**
 * The `gwlb-blueprint` command line. Each command's code is loaded only when that
 * command runs, so `validate` never pays for cdktf and the provider classes.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT, QuietExit, SynthesisNotVerified, UserError } from './errors';
import { describeFsError, isEnvironmentError } from '../util/fs-errors';
import { processIo, type Io } from '../util/io';
import { Timings } from '../util/timings';

/** When this module was loaded: what `synth --timings` calls node start. */
const LOADED_AT = performance.now();

const DEFAULT_BLUEPRINT = 'blueprint.json';
const DEFAULT_OUT = 'generated';

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const debug = argv.includes('--debug');
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    return exitCodeFor(err, io, debug);
  }
}

function exitCodeFor(err: unknown, io: Io, debug: boolean): number {
  if (err instanceof CommanderError) {
    // Help and version are successful exits; commander already printed the usage error.
    return err.exitCode === 0 ? EXIT.ok : EXIT.userError;
  }
  if (err instanceof QuietExit) return err.code;
  if (err instanceof SynthesisNotVerified) {
    io.err(`internal error: ${err.message}`);
    io.err('This is a defect in gwlb-blueprint; please report it with your blueprint.');
    return EXIT.internalError;
  }
  if (err instanceof UserError) {
    io.err(`error: ${err.message}`);
    return EXIT.userError;
  }
  // A full or read-only disk, a folder without permission: the environment's, not a defect.
  if (isEnvironmentError(err)) {
    io.err(`error: ${describeFsError(err)}; nothing was written`);
    return EXIT.userError;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.err(`internal error: ${message.split('\n')[0]}`);
  if (debug && err instanceof Error && err.stack) io.err(err.stack);
  else io.err('This is a defect in gwlb-blueprint; rerun with --debug for the stack trace and report it.');
  return EXIT.internalError;
}

function buildProgram(io: Io): Command {
  const program = new Command('gwlb-blueprint')
    .description('Turn a blueprint into multi-account AWS TGW + Gateway Load Balancer inspection Terraform, and prove every flow is inspected.')
    .version(readVersion())
    .addOption(new Option('--debug', 'print stack traces of internal errors'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('validate')
    .description('check a blueprint and print its address plan; writes nothing')
    .option('-b, --blueprint <file>', 'blueprint file (JSON or YAML)', DEFAULT_BLUEPRINT)
    .option('--rules', 'list every rule a blueprint must pass, then exit')
    .action(async (options: { blueprint: string; rules?: boolean }) => {
      const { runValidate } = await import('./commands/validate');
      runValidate(options, io);
    });

  program
    .command('synth')
    .description('validate, plan and write the Terraform of every stack, then verify it')
    .option('-b, --blueprint <file>', 'blueprint file (JSON or YAML)', DEFAULT_BLUEPRINT)
    .option('-o, --out <dir>', 'output folder', DEFAULT_OUT)
    .option('--hcl', 'write HCL (.tf) instead of Terraform JSON')
    .option('-f, --force', 'replace an existing, non-empty output folder')
    .option('--post-deploy-checks', 'add a stack per region of AWS Reachability Analyzer paths that confirm the proof after deploy (in the account postDeployChecks.account names)')
    .option('--timings', 'print the wall time of each phase on stderr')
    .action(async (options: { blueprint: string; out: string; hcl?: boolean; force?: boolean; postDeployChecks?: boolean; timings?: boolean }) => {
      const timings = options.timings ? new Timings() : undefined;
      timings?.lap('node start', LOADED_AT);
      // First, so that the blueprint is checked on the other core while cdktf loads here.
      const { ProofThread } = await import('../synth/proof-thread');
      const proofThread = ProofThread.start(options.blueprint);
      const { runSynth } = await import('./commands/synth');
      timings?.lap('module loading');
      await runSynth({ ...options, timings, ...(proofThread ? { proofThread } : {}) }, io);
    });

  program
    .command('verify')
    .description('trace every flow through synthesized Terraform and check the security baseline')
    .argument('[dir]', 'a folder written by synth (or cdktf synth); default: cdktf.out, else generated, whichever is here')
    .option('--json', 'print the result as JSON')
    .action(async (dir: string | undefined, options: { json?: boolean }) => {
      const { runVerify } = await import('./commands/verify');
      if (!(await runVerify(dir, options, io))) throw new QuietExit(EXIT.userError);
    });

  program
    .command('diff')
    .description('what a change does, before anyone runs terraform: stacks, resources replaced or destroyed, and every flow whose inspection changes (exit 3 when something is lost, replaced or destroyed)')
    .argument('<old>', 'a blueprint, or a folder written by synth (or cdktf synth)')
    .argument('<new>', 'a blueprint, or a folder written by synth (or cdktf synth)')
    .option('--json', 'print the result as JSON')
    .option('--markdown', 'print the result as Markdown, for a pull-request comment')
    .option('--post-deploy-checks', 'synthesize blueprints with their Reachability Analyzer stacks, as synth --post-deploy-checks')
    .action(async (oldPath: string, newPath: string, options: { json?: boolean; markdown?: boolean; postDeployChecks?: boolean }) => {
      const { runDiff } = await import('./commands/diff');
      if (!(await runDiff(oldPath, newPath, options, io))) throw new QuietExit(EXIT.diffBlocked);
    });

  program
    .command('init')
    .description('ask for a network, interactively, and scaffold a cdktf project around its blueprint')
    .argument('[dir]', 'folder to create', '.')
    .option('--from <file>', 'pre-fill every answer from an existing blueprint (edit mode)')
    .option('-y, --yes', 'accept every default without asking')
    .option('-f, --force', 'write into an existing, non-empty folder')
    .action(async (dir: string, options: { from?: string; yes?: boolean; force?: boolean }) => {
      const { runInit } = await import('./commands/init');
      await runInit(dir, options, io);
    });

  program
    .command('diagram')
    .description('draw the network of a blueprint as a Mermaid diagram (and SVG where a renderer exists)')
    .option('-b, --blueprint <file>', 'blueprint file (JSON or YAML)', DEFAULT_BLUEPRINT)
    .option('-o, --out <file>', 'write to this file instead of printing (.mmd, or .svg to render)')
    .option('-f, --force', 'replace an existing file')
    .action(async (options: { blueprint: string; out?: string; force?: boolean }) => {
      const { runDiagram } = await import('./commands/diagram');
      await runDiagram(options, io);
    });

  return program;
}

function readVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}
