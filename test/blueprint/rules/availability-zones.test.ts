import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'availability-zones';

function withAzs(azs: string[]) {
  const bp = reference();
  regionOf(bp).availabilityZones = azs;
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a single AZ', () => {
    expectProblem(theProblem(withAzs(['euw2-az1']), RULE), {
      path: '$.regions["eu-west-2"].availabilityZones',
      shows: ['["euw2-az1"]', '2 to 6'],
    });
  });

  it('refuses seven AZs', () => {
    const seven = [1, 2, 3, 4, 5, 6, 7].map((n) => `euw2-az${n}`);
    const bp = withAzs(seven);
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].availabilityZones', shows: ['"euw2-az7"', 'lists 7'] });
    expect(validateBlueprint(bp).model).toBeUndefined();
  });

  it('refuses an AZ of another region, by ID or by name', () => {
    expectProblem(theProblem(withAzs(['euw2-az1', 'use1-az2']), RULE), {
      path: '$.regions["eu-west-2"].availabilityZones[1]',
      shows: ['"use1-az2"', 'not an AZ of eu-west-2', 'euw2-az1'],
    });
    expectProblem(theProblem(withAzs(['eu-west-1a', 'eu-west-2b']), RULE), {
      path: '$.regions["eu-west-2"].availabilityZones[0]',
      shows: ['"eu-west-1a"'],
    });
  });

  it('refuses an AZ listed twice, at the second place', () => {
    expectProblem(theProblem(withAzs(['euw2-az1', 'euw2-az2', 'euw2-az1']), RULE), {
      path: '$.regions["eu-west-2"].availabilityZones[2]',
      shows: ['"euw2-az1"', 'twice'],
    });
  });

  it('refuses AZ IDs mixed with AZ names', () => {
    expectProblem(theProblem(withAzs(['euw2-az1', 'eu-west-2b']), RULE), {
      path: '$.regions["eu-west-2"].availabilityZones',
      shows: ['["euw2-az1","eu-west-2b"]', 'mixes AZ IDs and AZ names'],
    });
  });

  it('accepts AZ names alone (a warning elsewhere, not an error)', () => {
    expect(problemsOf(withAzs(['eu-west-2a', 'eu-west-2b', 'eu-west-2c']), RULE)).toEqual([]);
  });
});
