import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SHORT_RUN_INTERRUPT_BUDGET, shortRunTieringFlags, tuneTieringForShortRun } from '../../src/util/v8-tiering';
import { DIST } from '../helpers/in-node';
import { workerExecArgv } from '../../src/synth/partition';

const FLAG = `--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`;

describe('the interrupt budget for short runs', () => {
  it("is eight times V8 11.3's default, added to a command line that names none", () => {
    expect(SHORT_RUN_INTERRUPT_BUDGET).toBe(540_672);
    expect(shortRunTieringFlags([], {})).toEqual([FLAG]);
    expect(shortRunTieringFlags(['--inspect'], {})).toEqual([FLAG]);
  });

  it('keeps a budget given to node, in either spelling, and V8 defaults when asked', () => {
    expect(shortRunTieringFlags(['--interrupt-budget=1000'], {})).toEqual([]);
    expect(shortRunTieringFlags(['--interrupt_budget=1000'], {})).toEqual([]);
    expect(shortRunTieringFlags(['--interrupt-budget', '1000'], {})).toEqual([]);
    expect(shortRunTieringFlags([], { GWLB_V8_DEFAULT_TIERING: '1' })).toEqual([]);
    expect(shortRunTieringFlags([], { GWLB_V8_DEFAULT_TIERING: '0' })).toEqual([FLAG]);
  });

  it('is left out on a V8 newer than those known to have the flag (it would print "unrecognized flag")', () => {
    expect(shortRunTieringFlags([], {}, '11.3.244.8-node.33')).toEqual([FLAG]);
    expect(shortRunTieringFlags([], {}, '13.6.233.10-node.27')).toEqual([FLAG]);
    expect(shortRunTieringFlags([], {}, '14.1.1')).toEqual([]);
    expect(shortRunTieringFlags([], {}, 'unknown')).toEqual([]);
  });

  it('sets exactly the flags it reports', () => {
    const set: string[] = [];
    expect(tuneTieringForShortRun([], {}, (f) => set.push(f))).toEqual([FLAG]);
    expect(set).toEqual([FLAG]);
    set.length = 0;
    expect(tuneTieringForShortRun(['--interrupt-budget=5'], {}, (f) => set.push(f))).toEqual([]);
    expect(set).toEqual([]);
  });

  // A function run 1 000 times spends V8's default budget (TurboFan takes it before 500 calls here)
  // but not eight times it (not before 2 000): --trace-opt says whether it was queued.
  const probe = [
    `require(${JSON.stringify(path.join(DIST, 'util', 'v8-tiering.js'))}).tuneTieringForShortRun();`,
    'function probeHotFunction(x) { let s = 0; for (let i = 0; i < 8; i++) s += (x * i) % 7; return s; }',
    'let t = 0; for (let k = 0; k < 1000; k++) t += probeHotFunction(k);',
  ].join('\n');
  const optimized = (env: NodeJS.ProcessEnv, nodeFlags: string[] = []) =>
    execFileSync(process.execPath, [...nodeFlags, '--trace-opt', '-e', probe], { encoding: 'utf8', env: { ...process.env, ...env } }).includes('probeHotFunction');

  it('holds TurboFan back in a real node, where V8 defaults would optimize', () => {
    expect(optimized({ GWLB_V8_DEFAULT_TIERING: '1' })).toBe(true);
    expect(optimized({ GWLB_V8_DEFAULT_TIERING: '' })).toBe(false);
    // node's own budget wins over ours
    expect(optimized({ GWLB_V8_DEFAULT_TIERING: '' }, ['--interrupt-budget=67584'])).toBe(true);
  });

  it('is set by both entry points before they load the command or the app', () => {
    for (const [bin, loads] of [
      ['gwlb-blueprint.js', "require('../dist/cli/process.js')"],
      ['cdktf-app.js', "require('../dist/index.js')"],
    ]) {
      const text = readFileSync(path.join(DIST, '..', 'bin', bin), 'utf8');
      const tuned = text.indexOf("require('../dist/util/v8-tiering.js').tuneTieringForShortRun();");
      expect(tuned).toBeGreaterThan(0);
      expect(tuned).toBeLessThan(text.indexOf(loads));
    }
  });

  it('is passed to the second synthesis process on its command line, after the options of this one', () => {
    const saved = process.env.GWLB_V8_DEFAULT_TIERING;
    try {
      delete process.env.GWLB_V8_DEFAULT_TIERING;
      expect(workerExecArgv()).toEqual([...process.execArgv, FLAG]);
      process.env.GWLB_V8_DEFAULT_TIERING = '1';
      expect(workerExecArgv()).toEqual(process.execArgv);
    } finally {
      if (saved === undefined) delete process.env.GWLB_V8_DEFAULT_TIERING;
      else process.env.GWLB_V8_DEFAULT_TIERING = saved;
    }
  });
});
