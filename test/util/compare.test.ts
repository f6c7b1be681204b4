import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { compareCodeUnits, compareEnglish } from '../../src/util/compare';
import { DIST } from '../helpers/in-node';

describe('text order that is the same on every machine', () => {
  it("gives English order for the names gwlb-blueprint writes (lowercase, digits, '-', '.', '/')", () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-./';
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const word = () => Array.from({ length: 1 + random(8) }, () => alphabet[random(alphabet.length)]).join('');
    const words = Array.from({ length: 2000 }, word);
    expect([...words].sort(compareCodeUnits)).toEqual([...words].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it("does not follow the machine's language: Danish sorts aa after z", () => {
    expect(['z-vpc', 'aa-vpc'].sort(compareCodeUnits)).toEqual(['aa-vpc', 'z-vpc']);
    expect(['z-vpc', 'aa-vpc'].sort((a, b) => a.localeCompare(b, 'da'))).toEqual(['z-vpc', 'aa-vpc']);
  });

  it('orders equal text as equal', () => {
    expect(compareCodeUnits('eu-west-2a', 'eu-west-2a')).toBe(0);
    expect(compareCodeUnits('eu-west-2a', 'eu-west-2b')).toBeLessThan(0);
  });

  it("sorts what a reader sees in English whatever LANG says: the hand-off's outputs under a Danish machine", () => {
    expect(['aws_route_table', 'aws_route53_zone'].sort(compareEnglish)).toEqual(['aws_route_table', 'aws_route53_zone']);
    expect(['aws_route_table', 'aws_route53_zone'].sort(compareCodeUnits)).toEqual(['aws_route53_zone', 'aws_route_table']);
    const script = [
      `const { describeStack } = require(${JSON.stringify(path.join(DIST, 'handoff', 'stacks.js'))});`,
      "const info = describeStack('s', 'stacks/s', 'stacks/s/cdk.tf.json', [], { output: { 'z-vpc-id': { value: 'a' }, 'aa-vpc-id': { value: 'b' } } });",
      "console.log(JSON.stringify({ locale: Intl.Collator().resolvedOptions().locale, outputs: info.outputs.map((o) => o.name), plain: ['z-vpc', 'aa-vpc'].sort((a, b) => a.localeCompare(b)) }));",
    ].join('\n');
    const danish = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8' } })) as { locale: string; outputs: string[]; plain: string[] };
    // The machine is Danish (a plain localeCompare sorts aa after z there), the hand-off is not.
    expect(danish.locale).toBe('da-DK');
    expect(danish.plain).toEqual(['z-vpc', 'aa-vpc']);
    expect(danish.outputs).toEqual(['aa-vpc-id', 'z-vpc-id']);
  });
});
