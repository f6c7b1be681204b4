import fc from 'fast-check';
import { planVpc, type PlanResult, type VpcPlan, type VpcRole } from '../../src/blueprint/address-plan';
import { block, format, sizeOf } from '../../src/blueprint/cidr';
import { vpcViolations } from '../helpers/plan-invariants';

function planned(result: PlanResult): VpcPlan {
  if (!result.ok) throw new Error(`expected a plan, got a refusal: ${result.reason}`);
  return result.plan;
}

const layout = (plan: VpcPlan) => plan.subnets.map((s) => `${s.tier} ${s.azIndex} ${s.cidr}`);

describe('planVpc, worked examples', () => {
  it('fits every egress tier of 2 AZs into a /24 of a 4-AZ region, keeping room for 4 AZs', () => {
    // At /28 per tier an AZ needs 4 x 16 = 64 addresses, so a /24 holds 4 AZ slots; with
    // 4 slots no tier can grow (4 x (16+16+32+32) = 384 > 256), so every tier is a /28.
    const plan = planned(planVpc('10.0.0.0/24', 'egress', 2, 4));
    expect(plan.azSlots).toBe(4);
    expect(plan.tierPrefixes).toEqual({ tgw: 28, gwlbe: 28, appliance: 28, public: 28 });
    expect(layout(plan)).toEqual([
      'tgw 0 10.0.0.0/28',
      'tgw 1 10.0.0.16/28',
      'gwlbe 0 10.0.0.64/28',
      'gwlbe 1 10.0.0.80/28',
      'appliance 0 10.0.0.128/28',
      'appliance 1 10.0.0.144/28',
      'public 0 10.0.0.192/28',
      'public 1 10.0.0.208/28',
    ]);
    expect(plan.unusedAddresses).toBe(256 - 8 * 16);
  });

  it('moves no subnet when an AZ of the region is added (DESIGN.md stability contract)', () => {
    for (const [cidr, role] of [['10.0.0.0/24', 'egress'], ['10.255.0.0/20', 'egress'], ['10.254.0.0/20', 'dmz'], ['10.10.0.0/16', 'spoke'], ['10.10.0.0/24', 'spoke']] as const) {
      const two = layout(planned(planVpc(cidr, role, 2, 3)));
      const three = layout(planned(planVpc(cidr, role, 3, 3)));
      expect(three.filter((line) => !/ 2 /.test(line))).toEqual(two);
    }
  });

  it('keeps tgw and gwlbe subnets at /28 however large the VPC', () => {
    for (const role of ['egress', 'dmz', 'spoke'] as const) {
      const plan = planned(planVpc('10.0.0.0/16', role, 2, 3));
      expect(plan.tierPrefixes.tgw).toBe(28);
      if (role !== 'spoke') expect(plan.tierPrefixes.gwlbe).toBe(28);
    }
  });

  it('caps the egress appliance tier at /24 and its public tier at /26', () => {
    const plan = planned(planVpc('10.0.0.0/16', 'egress', 2, 3));
    expect(plan.tierPrefixes).toEqual({ tgw: 28, gwlbe: 28, appliance: 24, public: 26 });
    expect(plan.unusedAddresses).toBe(65536 - 2 * (16 + 16 + 256 + 64));
  });

  it('never gives a DMZ public tier less than a /27 (an ALB needs one)', () => {
    const plan = planned(planVpc('10.0.0.0/24', 'dmz', 3, 3));
    expect(plan.tierPrefixes).toEqual({ gwlbe: 28, public: 27, app: 28, tgw: 28 });
  });

  it('gives a /24 spoke in a 3-AZ region /26 workload subnets (issue 15: not /28s with a /26 unused)', () => {
    // 3 x (64 + 16) = 240 fits in 256; /25 would need 3 x 144 = 432.
    const plan = planned(planVpc('10.20.0.0/24', 'spoke', 3, 3));
    expect(plan.tierPrefixes).toEqual({ tgw: 28, workload: 26 });
    expect(plan.azSlots).toBe(3);
    expect(layout(plan)).toEqual([
      'tgw 0 10.20.0.192/28',
      'tgw 1 10.20.0.208/28',
      'tgw 2 10.20.0.224/28',
      'workload 0 10.20.0.0/26',
      'workload 1 10.20.0.64/26',
      'workload 2 10.20.0.128/26',
    ]);
  });

  it('keeps room for six AZs in a 6-AZ region: a /24 spoke then gets /28 workload subnets', () => {
    const plan = planned(planVpc('10.20.0.0/24', 'spoke', 3, 6));
    expect(plan.azSlots).toBe(6);
    expect(plan.tierPrefixes).toEqual({ tgw: 28, workload: 28 });
  });

  it('keeps as many slots as a small VPC can hold when the region has more AZs', () => {
    // An egress /24 holds 4 AZs at the smallest sizes: a 6-AZ region's VPC keeps 4 slots.
    expect(planned(planVpc('10.0.0.0/24', 'egress', 3, 6)).azSlots).toBe(4);
  });

  it('gives a spoke /16 /18 workload subnets in a 3-AZ region', () => {
    // 3 x (16384 + 16) = 49200 fits in 65536; /17 would need 3 x 32784 = 98352.
    const plan = planned(planVpc('10.10.0.0/16', 'spoke', 3, 3));
    expect(plan.tierPrefixes).toEqual({ tgw: 28, workload: 18 });
    expect(layout(plan)).toEqual([
      'tgw 0 10.10.192.0/28',
      'tgw 1 10.10.192.16/28',
      'tgw 2 10.10.192.32/28',
      'workload 0 10.10.0.0/18',
      'workload 1 10.10.64.0/18',
      'workload 2 10.10.128.0/18',
    ]);
    expect(plan.unusedAddresses).toBe(65536 - 3 * 16384 - 3 * 16);
  });

  it('refuses an egress /24 across 6 AZs and names /23 as the smallest that fits', () => {
    const result = planVpc('10.0.0.0/24', 'egress', 6, 6);
    expect(result).toMatchObject({ ok: false, smallestFittingPrefix: 23 });
    if (!result.ok) expect(result.reason).toContain('it needs at least a /23');
    expect(planVpc('10.0.0.0/23', 'egress', 6, 6).ok).toBe(true);
  });

  it('refuses a DMZ /24 across 4 AZs (needs 320 addresses: a /23)', () => {
    expect(planVpc('10.0.0.0/24', 'dmz', 4, 4)).toMatchObject({ ok: false, smallestFittingPrefix: 23 });
  });

  it('throws on a CIDR that did not pass validation', () => {
    expect(() => planVpc('10.0.0.1/24', 'spoke', 2, 3)).toThrow('internal');
  });
});

describe('planVpc, properties', () => {
  const ROLES: VpcRole[] = ['egress', 'dmz', 'spoke'];
  /** A canonical VPC CIDR /16 to /24 anywhere in the IPv4 space. */
  const vpcCidr = fc
    .integer({ min: 16, max: 24 })
    .chain((prefix) => fc.integer({ min: 0, max: 2 ** prefix - 1 }).map((network) => format({ base: network * sizeOf(prefix), prefix })));
  /** AZs used, and the region's AZ slots (never fewer than the AZs used). */
  const input = fc
    .record({ cidr: vpcCidr, role: fc.constantFrom(...ROLES), azCount: fc.integer({ min: 1, max: 6 }), extra: fc.integer({ min: 0, max: 5 }) })
    .map(({ extra, ...rest }) => ({ ...rest, slots: Math.min(6, rest.azCount + extra) }));

  it('either plans subnets that fit and never overlap, or names a prefix that really fits', () => {
    let plans = 0;
    let refusals = 0;
    fc.assert(
      fc.property(input, ({ cidr, role, azCount, slots }) => {
        const result = planVpc(cidr, role, azCount, slots);
        // same input, same plan
        expect(planVpc(cidr, role, azCount, slots)).toEqual(result);
        const vpc = block(cidr);
        if (result.ok) {
          plans++;
          const { plan } = result;
          expect(plan.cidr).toBe(cidr);
          expect(plan.azSlots).toBeLessThanOrEqual(slots);
          expect(plan.azSlots).toBeGreaterThanOrEqual(azCount);
          expect(vpcViolations(cidr, role, azCount, plan.subnets)).toEqual([]);
          for (const s of plan.subnets) expect(block(s.cidr).prefix).toBe(plan.tierPrefixes[s.tier]);
          const used = plan.subnets.reduce((sum, s) => sum + sizeOf(block(s.cidr).prefix), 0);
          expect(plan.unusedAddresses).toBe(sizeOf(vpc.prefix) - used);
        } else {
          refusals++;
          const fitting = result.smallestFittingPrefix;
          expect(fitting).toBeLessThan(vpc.prefix);
          expect(result.reason).toContain(`/${fitting}`);
          const at = (prefix: number) => format({ base: 0, prefix });
          expect(planVpc(at(fitting), role, azCount, slots).ok).toBe(true);
          expect(planVpc(at(fitting + 1), role, azCount, slots).ok).toBe(false);
        }
      }),
      { numRuns: 600 },
    );
    // both branches were exercised
    expect(plans).toBeGreaterThan(0);
    expect(refusals).toBeGreaterThan(0);
  });

  it('plans a subnet from its VPC CIDR, tier and AZ alone: the same VPC elsewhere shifts every subnet by the same offset', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 15 }), ({ cidr, role, azCount, slots }, shift) => {
        const vpc = block(cidr);
        const movedBase = (vpc.base + shift * sizeOf(vpc.prefix)) % 2 ** 32;
        const moved = format({ base: movedBase, prefix: vpc.prefix });
        const a = planVpc(cidr, role, azCount, slots);
        const b = planVpc(moved, role, azCount, slots);
        expect(b.ok).toBe(a.ok);
        if (a.ok && b.ok) {
          const offsets = (plan: VpcPlan, base: number) => plan.subnets.map((s) => `${s.tier} ${s.azIndex} ${block(s.cidr).base - base}/${block(s.cidr).prefix}`);
          expect(offsets(b.plan, movedBase)).toEqual(offsets(a.plan, vpc.base));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('planVpc, stability when AZs are added', () => {
  it('keeps every subnet of the first k AZs where it was when the network grows to use n of the region\'s AZs', () => {
    const vpcCidr = fc
      .integer({ min: 16, max: 24 })
      .chain((prefix) => fc.integer({ min: 0, max: 2 ** prefix - 1 }).map((network) => format({ base: network * sizeOf(prefix), prefix })));
    fc.assert(
      fc.property(vpcCidr, fc.constantFrom<VpcRole>('egress', 'dmz', 'spoke'), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 6 }), (cidr, role, x, y, regionAzs) => {
        const [k, n] = [Math.min(x, y, regionAzs), Math.min(Math.max(x, y), regionAzs)];
        const grown = planVpc(cidr, role, n, regionAzs);
        if (!grown.ok) return;
        const before = planned(planVpc(cidr, role, k, regionAzs));
        expect(grown.plan.subnets.filter((s) => s.azIndex < k)).toEqual(before.subnets);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the invariant checker these properties rely on', () => {
  it('flags overlap, a subnet outside the VPC, a missing AZ and a non-/28 tgw subnet', () => {
    const broken = vpcViolations('10.0.0.0/24', 'spoke', 2, [
      { tier: 'tgw', azIndex: 0, cidr: '10.0.0.0/28' },
      { tier: 'tgw', azIndex: 1, cidr: '10.0.0.0/27' },
      { tier: 'workload', azIndex: 0, cidr: '10.0.1.0/26' },
    ]);
    expect(broken.sort()).toEqual([
      '10.0.0.0/27 overlaps 10.0.0.0/28',
      'tgw 1 10.0.0.0/27 is not a /28',
      'workload 0 10.0.1.0/26 is outside 10.0.0.0/24',
      'tgw subnets differ in size',
      'tiers x AZs are [tgw 0, tgw 1, workload 0], want [tgw 0, tgw 1, workload 0, workload 1]',
    ].sort());
  });
});
