import { expectProblem, problemsOf, reference, regionOf, ruleById } from '../../helpers/blueprints';
import { routesOfFullestTable } from '../../../src/blueprint/rules/route-table-routes';

const RULE = 'route-table-routes';
/** Internal ranges 100.<i>.0.0/16, none inside a VPC of the reference. */
const internal = (n: number) => ['10.0.0.0/8', ...Array.from({ length: n - 1 }, (_, i) => `100.${64 + Math.floor(i / 256)}.${i % 256}.0/24`)];

describe(RULE, () => {
  it('accepts the reference blueprint (3 internal ranges: 4 routes in a DMZ app table, with the S3 endpoint 5)', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
    expect(routesOfFullestTable('dmz', '10.254.0.0/20', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])).toBe(5);
  });

  it('counts no route for an internal range inside the VPC itself (its local route serves it)', () => {
    expect(routesOfFullestTable('egress', '10.255.0.0/20', ['10.255.0.0/24', '192.168.0.0/16'])).toBe(2);
  });

  it('warns past 50 routes in a table (the default quota), naming the quota to raise and the account', () => {
    const bp = reference();
    regionOf(bp).internalCidrs = internal(49);
    // DMZ app tables: 49 internal + default + S3 = 51; egress tables: 50.
    const problems = problemsOf(bp, RULE);
    expect(problems.map((p) => p.message.match(/of (\w+ [\w-]+)/)?.[1]).sort()).toEqual(['dmz partner-dmz', 'dmz prod-dmz']);
    expectProblem(problems[0], { path: '$.regions["eu-west-2"].internalCidrs', severity: 'warning', shows: ['= 51', '"Routes per route table"', 'account'] });
  });

  it('refuses past 1,000, the most the quota can be raised to', () => {
    const bp = reference();
    regionOf(bp).internalCidrs = internal(1000);
    const errors = problemsOf(bp, RULE).filter((p) => p.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].message).toContain('holds at most 1000');
  });
});
