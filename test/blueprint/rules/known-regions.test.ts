import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'known-regions';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a Region AWS does not have, saying how to declare one launched since', () => {
    const bp = reference();
    bp.regions['eu-west-9'] = { ...regionOf(bp), availabilityZones: ['euw9-az1', 'euw9-az2'] };
    delete bp.regions['eu-west-2'];
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-9"]', shows: ['"eu-west-9"', 'not an AWS Region', 'regionAvailabilityZones'] });
  });

  it('refuses an AZ ID the region does not have, listing the ones it has', () => {
    const bp = reference();
    regionOf(bp).availabilityZones = ['euw2-az1', 'euw2-az99'];
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].availabilityZones[1]',
      shows: ['"euw2-az99"', 'eu-west-2 has euw2-az1, euw2-az2, euw2-az3'],
    });
  });

  it('takes a declared AZ the table does not know yet, and a declared Region', () => {
    const bp = reference();
    regionOf(bp).availabilityZones = ['euw2-az1', 'euw2-az2', 'euw2-az4'];
    regionOf(bp).regionAvailabilityZones = ['euw2-az1', 'euw2-az2', 'euw2-az3', 'euw2-az4'];
    expect(problemsOf(bp, RULE)).toEqual([]);
    const other = reference();
    other.regions['eu-west-9'] = { ...regionOf(other), availabilityZones: ['euw9-az1', 'euw9-az2'], regionAvailabilityZones: ['euw9-az1', 'euw9-az2', 'euw9-az3'] };
    delete other.regions['eu-west-2'];
    expect(problemsOf(other, RULE)).toEqual([]);
  });

  it('refuses a declared list with an AZ of another region or a duplicate, and an AZ outside the declared list', () => {
    const bp = reference();
    regionOf(bp).regionAvailabilityZones = ['euw2-az1', 'use1-az1', 'euw2-az1'];
    const problems = problemsOf(bp, RULE);
    expect(problems.map((p) => [p.path.join('.'), p.value])).toEqual([
      ['regions.eu-west-2.regionAvailabilityZones.1', 'use1-az1'],
      ['regions.eu-west-2.regionAvailabilityZones.2', 'euw2-az1'],
      ['regions.eu-west-2.availabilityZones.1', 'euw2-az2'],
      ['regions.eu-west-2.availabilityZones.2', 'euw2-az3'],
    ]);
    expect(problems[2].message).toContain('its regionAvailabilityZones list');
  });
});
