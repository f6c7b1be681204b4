/** The proof harness without a real Terraform: version checks, timeouts, excerpts, the table. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/terraform/command';
import { excerpt, failureText } from '../../src/terraform/diagnostics';
import type { ProofResult } from '../../src/terraform/proof-result';
import { formatProofTable } from '../../src/terraform/proof-table';
import { proveSynthesized } from '../../src/terraform/prove';
import { stacksOf } from '../../src/terraform/synthesis';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gwlb-harness-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** A synthesized folder with two tiny stacks and no manifest. */
function fakeSynth(): string {
  const dir = path.join(tmp, 'out');
  for (const stack of ['b-stack', 'a-stack']) {
    mkdirSync(path.join(dir, 'stacks', stack), { recursive: true });
    writeFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify({ resource: { aws_vpc: { v: { cidr_block: '10.0.0.0/16' } } } }));
  }
  return dir;
}

/** An executable standing in for terraform that prints `version` as its version. */
function fakeTerraform(version: string): string {
  const file = path.join(tmp, 'terraform');
  writeFileSync(file, `#!${process.execPath}\nprocess.stdout.write(JSON.stringify({ terraform_version: ${JSON.stringify(version)} }));\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('proveSynthesized without a usable Terraform', () => {
  it('fails every stack at setup when Terraform is too old, and leaves no scratch folder', async () => {
    const result = await proveSynthesized(fakeSynth(), { terraform: fakeTerraform('1.6.6'), mirror: null });
    expect(result.ok).toBe(false);
    expect(result.stacks.map((s) => [s.stack, s.failedStep])).toEqual([
      ['a-stack', 'setup'],
      ['b-stack', 'setup'],
    ]);
    expect(result.stacks[0].stderr).toBe('Terraform 1.6.6 is too old: the proof needs 1.11.0 or later (mock_provider in terraform test, S3 use_lockfile)');
    expect(result.workDir.startsWith(os.tmpdir())).toBe(true);
    expect(existsSync(result.workDir)).toBe(false);
  });

  it('says when Terraform cannot be run at all', async () => {
    const result = await proveSynthesized(fakeSynth(), { terraform: path.join(tmp, 'no-such-terraform'), mirror: null, stacks: ['a-stack'] });
    expect(result.stacks).toHaveLength(1);
    expect(result.stacks[0]).toMatchObject({ stack: 'a-stack', ok: false, failedStep: 'setup' });
    expect(result.stacks[0].stderr).toMatch(/^cannot run .*no-such-terraform version: cannot run .*ENOENT/);
  });

  it('never removes a scratch folder the caller gave', async () => {
    const workDir = path.join(tmp, 'work');
    await proveSynthesized(fakeSynth(), { terraform: fakeTerraform('1.0.0'), mirror: null, workDir });
    expect(readdirSync(workDir)).toContain('terraform.tfrc');
  });
});

describe('stacksOf', () => {
  it("takes the manifest's stacks, else the folders in name order", () => {
    const dir = fakeSynth();
    expect(stacksOf(dir)).toEqual(['a-stack', 'b-stack']);
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: { 'b-stack': {}, 'a-stack': {} } }));
    expect(stacksOf(dir)).toEqual(['b-stack', 'a-stack']);
  });
});

describe('run', () => {
  it('stops a command that runs past its timeout', async () => {
    const result = await run(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], tmp, process.env, 0.3);
    expect(result.timedOut).toBe(true);
    expect(result.code).not.toBe(0);
    expect(result.seconds).toBeLessThan(10);
  });

  it('passes arguments without a shell', async () => {
    const result = await run(process.execPath, ['-e', 'process.stdout.write(process.argv[1])', '$(echo no) ; `x`'], tmp, process.env, 10);
    expect(result).toMatchObject({ code: 0, stdout: '$(echo no) ; `x`', timedOut: false });
  });
});

describe('failureText and excerpt', () => {
  const stdout = ['gwlb-proof.tftest.hcl... in progress', '  run "plan"... pass', '  run "apply"... fail', 'gwlb-proof.tftest.hcl... fail'].join('\n');
  const error = ['Error: "x" is an invalid ARN', '', '  with aws_flow_log.f,', '  on cdk.tf.json line 3:'].join('\n');
  const stderr = [
    error,
    '',
    'Terraform encountered an error destroying resources created while executing',
    'gwlb-proof.tftest.hcl/apply.',
    '',
    error,
    '',
    'Terraform left the following resources in state after executing',
    'gwlb-proof.tftest.hcl/apply, and they need to be cleaned up manually:',
    '  - aws_vpc.v',
    '  - aws_subnet.s',
  ].join('\n');

  it('keeps each diagnostic once, the failed runs, and not the leftover-state list', () => {
    const text = failureText('test', stdout, stderr);
    expect(text.split('Error: "x" is an invalid ARN')).toHaveLength(2);
    expect(text).toContain('run "apply"... fail');
    expect(text).not.toContain('run "plan"... pass');
    expect(text).not.toContain('aws_vpc.v');
    expect(text).not.toContain('cleaned up manually');
  });

  it('cuts long text', () => {
    const long = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    expect(excerpt(long, 3)).toBe('line 0\nline 1\nline 2\n… (97 more lines)');
    expect(excerpt('x'.repeat(500), 10, 6000, 20)).toBe(`${'x'.repeat(20)}…`);
    expect(excerpt('a\n\n\n\nb')).toBe('a\n\nb');
  });
});

describe('formatProofTable', () => {
  it('shows each stack, its step times and why the failed ones failed', () => {
    const result: ProofResult = {
      ok: false,
      synthDir: '/out',
      workDir: '/tmp/w',
      terraformVersion: '1.11.4',
      concurrency: 2,
      provider: 'shared',
      seconds: 12.34,
      stacks: [
        { stack: 'n-hub', ok: true, stderr: '', seconds: 5, steps: { setup: 0, init: 0.5, validate: 2, test: 2.5 }, dir: '' },
        { stack: 'n-spoke-a', ok: false, failedStep: 'validate', stderr: 'Error: bad', seconds: 3, steps: { setup: 0, init: 0.5, validate: 2.5 }, dir: '' },
      ],
    };
    expect(formatProofTable(result)).toBe(
      [
        'stack      result              init s  validate s  test s  total s',
        '---------  ------------------  ------  ----------  ------  -------',
        'n-hub      ok                     0.5         2.0     2.5      5.0',
        'n-spoke-a  FAILED at validate     0.5         2.5       -      3.0',
        '',
        '1 of 2 stacks proved in 12.3 s (Terraform 1.11.4, provider from the registry, provider process shared, concurrency 2)',
        '',
        'n-spoke-a: validate failed',
        '  Error: bad',
      ].join('\n'),
    );
  });
});
