/**
 * Verification ladder step 4 (DESIGN.md): stacks synthesized from the example
 * blueprints pass `terraform init`, `terraform validate` and `terraform test`
 * (plan, then apply, against a mocked AWS).
 *
 * `npm test` proves a representative subset (every stack of the reference
 * blueprint; of every other example, one stack of each kind, the Reachability
 * Analyzer stack of a blueprint that names its account included), so the whole suite
 * stays within CI's time; `npm run prove:all` (GWLB_PROVE_ALL=1) proves every stack.
 *
 * Needs Terraform >= 1.11 on the PATH. With CI=true a missing Terraform fails the
 * run; elsewhere these tests are skipped with one line saying so.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import { formatProblem } from '../../src/blueprint/problems';
import { validateBlueprint } from '../../src/blueprint/validate';
import { synthesizeNetwork } from '../../src/synth/synthesize';
import type { ProofResult } from '../../src/terraform/proof-result';
import { formatProofTable } from '../../src/terraform/proof-table';
import { proveSynthesized } from '../../src/terraform/prove';
import { withTerraform } from './with-terraform';

const ROOT = path.resolve(__dirname, '..', '..');

/** templates/reference.blueprint.json and every examples/*.blueprint.{json,yaml,yml}. */
const BLUEPRINTS = [
  path.join(ROOT, 'templates', 'reference.blueprint.json'),
  ...readdirSync(path.join(ROOT, 'examples'))
    .filter((f) => /\.blueprint\.(json|ya?ml)$/.test(f))
    .sort()
    .map((f) => path.join(ROOT, 'examples', f)),
];

/** Each blueprint's proof takes ~30-60 s on 2 cores; this only guards against a hang. */
const PROVE_ALL = process.env.GWLB_PROVE_ALL === '1';

/**
 * The stacks `npm test` proves of a blueprint: all of the reference; of another
 * example the first stack of each kind (hub, egress, DMZ, spoke, peering), which
 * between them hold every construct and provider arrangement the example adds.
 */
function representative(file: string, stacks: readonly string[]): string[] {
  if (PROVE_ALL || file === BLUEPRINTS[0]) return [...stacks];
  const kinds = [/-hub$/, /-egress$/, /-dmz-/, /-spoke-/, /-peering-/, /-post-deploy-checks$/];
  return kinds.map((kind) => stacks.find((s) => kind.test(s))).filter((s): s is string => s !== undefined);
}

const PROOF_TIMEOUT_MS = 10 * 60 * 1000;


function synthesize(file: string, outdir: string): string[] {
  const source = readBlueprintFile(file);
  const result = validateBlueprint(source.value);
  if (!result.model) {
    throw new Error(`${file} does not validate:\n${result.problems.map((p) => formatProblem(p, source.file, source.locate(p.path))).join('\n')}`);
  }
  // A blueprint that names where the Reachability Analyzer paths go is proved with them (synth --post-deploy-checks).
  return [...synthesizeNetwork(result.model, { outdir, postDeployChecks: result.model.postDeployChecks !== undefined }).stacks];
}

/** The failures of a proof, as the assertion message shows them. */
function failures(result: ProofResult): string {
  return result.stacks
    .filter((s) => !s.ok)
    .map((s) => `stack ${s.stack} failed at ${s.failedStep}:\n${s.stderr}`)
    .join('\n\n');
}

withTerraform('test/terraform/prove.test.ts', 'the Terraform proof of every synthesized stack', () => {
  describe('Terraform proof of the example blueprints', () => {
    let outRoot: string;

    beforeAll(() => {
      outRoot = mkdtempSync(path.join(os.tmpdir(), 'gwlb-prove-test-'));
    });
    afterAll(() => {
      if (outRoot) rmSync(outRoot, { recursive: true, force: true });
    });

    test.each(BLUEPRINTS.map((f) => [path.relative(ROOT, f), f]))(
      `${PROVE_ALL ? 'every stack' : 'representative stacks'} of %s pass terraform init, validate and test`,
      async (_name, file) => {
        const outdir = path.join(outRoot, path.basename(file).replace(/\.blueprint\.\w+$/, ''));
        const stacks = representative(file, synthesize(file, outdir));
        const result = await proveSynthesized(outdir, { stacks });
        // The table (timings per step) is worth seeing when this is run on its own.
        if (process.env.GWLB_PROVE_VERBOSE) process.stderr.write(`${path.relative(ROOT, file)}\n${formatProofTable(result)}\n\n`);

        expect(result.stacks.map((s) => s.stack).sort()).toEqual([...stacks].sort());
        if (!result.ok) throw new Error(`Terraform proof of ${path.relative(ROOT, file)} failed:\n\n${failures(result)}`);
        for (const stack of result.stacks) {
          expect(Object.keys(stack.steps).sort()).toEqual(['init', 'setup', 'test', 'validate']);
        }
      },
      PROOF_TIMEOUT_MS,
    );

    test('the proof names the stack, the step and what Terraform said when a stack is broken', async () => {
      const outdir = path.join(outRoot, 'broken');
      const stacks = synthesize(BLUEPRINTS[0], outdir);
      const broken = stacks.find((s) => s.includes('-spoke-'))!;
      // A CIDR the AWS provider's own validation rejects: it must be heard through the shared provider.
      const file = path.join(outdir, 'stacks', broken, 'cdk.tf.json');
      const json = JSON.parse(readFileSync(file, 'utf8')) as { resource: { aws_vpc: Record<string, { cidr_block: string }> } };
      const [vpc] = Object.keys(json.resource.aws_vpc);
      json.resource.aws_vpc[vpc].cidr_block = '10.1.0.0/33';
      writeFileSync(file, JSON.stringify(json, null, 2));

      const result = await proveSynthesized(outdir, { stacks: [broken] });
      expect(result.provider).toBe('shared');
      expect(result.ok).toBe(false);
      expect(result.stacks).toHaveLength(1);
      expect(result.stacks[0]).toMatchObject({ stack: broken, ok: false, failedStep: 'validate' });
      expect(result.stacks[0].stderr).toContain('10.1.0.0/33');
      expect(result.stacks[0].stderr).toContain(`aws_vpc.${vpc}`);
    }, PROOF_TIMEOUT_MS);

    test('without the shared provider process, each command starts its own and proves the same', async () => {
      const outdir = path.join(outRoot, 'unshared');
      const hub = synthesize(BLUEPRINTS[0], outdir).find((s) => s.endsWith('-hub'))!;
      const result = await proveSynthesized(outdir, { stacks: [hub], shareProvider: false });
      if (!result.ok) throw new Error(failures(result));
      expect(result.provider).toBe('per command');
    }, PROOF_TIMEOUT_MS);
  });
});
