import { compareCodeUnits } from '../../src/util/compare';

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
});
