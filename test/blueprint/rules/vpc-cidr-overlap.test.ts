import fc from 'fast-check';
import { overlaps } from '../../../src/blueprint/cidr';
import { overlappingPairs } from '../../../src/blueprint/rules/vpc-cidr-overlap';
import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem, withSecondRegion } from '../../helpers/blueprints';

const RULE = 'vpc-cidr-overlap';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a spoke inside another spoke, naming the other VPC and its CIDR', () => {
    const bp = reference();
    regionOf(bp).spokes!['partner-app'].cidr = '10.10.128.0/17';
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].spokes["partner-app"].cidr',
      shows: ['"10.10.128.0/17"', 'overlaps $.regions["eu-west-2"].spokes["prod-app"].cidr (10.10.0.0/16)'],
    });
    expect(validateBlueprint(bp).model).toBeUndefined();
  });

  it('refuses a DMZ with the egress VPC\'s CIDR', () => {
    const bp = reference();
    regionOf(bp).dmzs!['prod-dmz'].cidr = '10.255.0.0/20';
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].dmzs["prod-dmz"].cidr',
      shows: ['"10.255.0.0/20"', '$.regions["eu-west-2"].egress.cidr'],
    });
  });

  it('compares VPCs across regions', () => {
    const bp = withSecondRegion(reference());
    expect(problemsOf(bp, RULE)).toEqual([]);
    regionOf(bp, 'us-east-1').spokes!['us-app'].cidr = '10.30.0.0/16';
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["us-east-1"].spokes["us-app"].cidr',
      shows: ['"10.30.0.0/16"', '$.regions["eu-west-2"].spokes["internal-app"].cidr (10.30.0.0/16)'],
    });
  });

  it('accepts adjacent blocks that only touch', () => {
    const bp = reference();
    regionOf(bp).spokes!['partner-app'].cidr = '10.11.0.0/16';
    regionOf(bp).dmzs!['partner-dmz'].cidr = '10.255.16.0/20'; // right after the egress 10.255.0.0/20
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});

describe('overlappingPairs', () => {
  it('finds exactly the pairs that a comparison of every two blocks finds, in its order', () => {
    const block = fc.record({ base: fc.integer({ min: 0, max: 255 }).map((n) => n * 2 ** 24), prefix: fc.integer({ min: 6, max: 10 }) }).map((b) => ({
      base: b.base - (b.base % 2 ** (32 - b.prefix)),
      prefix: b.prefix,
    }));
    fc.assert(
      fc.property(fc.array(block, { maxLength: 30 }), (blocks) => {
        const expected: [number, number][] = [];
        blocks.forEach((b, later) => blocks.slice(0, later).forEach((a, earlier) => overlaps(a, b) && expected.push([earlier, later])));
        expect(overlappingPairs(blocks)).toEqual(expected);
      }),
    );
  });
});
