import { awsName } from '../../src/constructs/aws-names';

describe('awsName', () => {
  it('keeps a name that fits', () => {
    expect(awsName('acme-eu-west-2-cloudguard', 32)).toBe('acme-eu-west-2-cloudguard');
  });

  it('cuts a long name to the limit with a hash of the whole name, stable across calls', () => {
    const a = awsName('acme-networking-platform-eu-west-2-cloudguard-primary', 32);
    const b = awsName('acme-networking-platform-eu-west-2-cloudguard-partner', 32);
    expect(a).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^acme-networking-platform-[0-9a-f]{8}$|^acme-networking-platfor-[0-9a-f]{8}$/);
    expect(awsName('acme-networking-platform-eu-west-2-cloudguard-primary', 32)).toBe(a);
  });

  it('never leaves a hyphen before the hash doubled', () => {
    expect(awsName(`${'a'.repeat(22)}--------tail`, 32)).not.toContain('--');
  });
});
