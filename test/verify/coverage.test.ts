/**
 * What verify says actually happens to each pair, whatever its policy: every AZ
 * path delivered both ways, inspected both ways, and by which fleets. A `direct`
 * flow passes verify; its coverage still says it passes no appliance (what
 * `gwlb-blueprint diff` compares).
 */
import * as path from 'node:path';
import { SWEEP_CLASSES } from '../../src/verify/proof';
import { copy, stackEnding, synthesizeToJson, verifyStacks, type Synthesized } from './support';

const REFERENCE = path.join(__dirname, '..', '..', 'templates', 'reference.blueprint.json');
let reference: Synthesized;

beforeAll(() => {
  reference = synthesizeToJson(REFERENCE);
});

const classPairs = (result: ReturnType<typeof verifyStacks>) => result.flows.filter((f) => !SWEEP_CLASSES.has(f.flowClass));

describe('pair coverage', () => {
  it('the reference: every AZ path of every pair is delivered and inspected, by the one fleet', () => {
    const pairs = classPairs(verifyStacks(reference.stacks, reference.intent));
    expect(pairs.length).toBeGreaterThan(20);
    for (const f of pairs) expect({ pair: `${f.flowClass} ${f.source} → ${f.destination}`, ...f.coverage }).toEqual({ pair: expect.any(String), undelivered: 0, uninspected: 0, fleets: ['cloudguard'] });
  });

  it('east-west off: spoke ↔ spoke passes verify (direct is the intent) and every one of its AZ paths is uninspected', () => {
    const bp = JSON.parse(JSON.stringify(require(REFERENCE)));
    bp.regions['eu-west-2'].inspection = { eastWest: false };
    const direct = synthesizeToJson(bp);
    const result = verifyStacks(direct.stacks, direct.intent);
    expect(result.ok).toBe(true);
    const eastWest = classPairs(result).filter((f) => f.flowClass === 'spoke-spoke');
    expect(eastWest).toHaveLength(6);
    for (const f of eastWest) expect(f.coverage).toEqual({ undelivered: 0, uninspected: f.azPaths, fleets: [] });
    // The other classes keep their inspection.
    expect(classPairs(result).filter((f) => f.flowClass === 'dmz-spoke').every((f) => f.coverage.uninspected === 0)).toBe(true);
  });

  it('a workload subnet left without its route table: its AZ paths are counted as undelivered', () => {
    const stacks = copy(reference.stacks);
    delete stackEnding(stacks, '-spoke-prod-app').resource.aws_route_table_association.vpc_route_table_association_workload_az2;
    const result = verifyStacks(stacks, reference.intent);
    const toInternet = result.flows.find((f) => f.flowClass === 'spoke-internet' && f.source === 'spoke-prod-app')!;
    expect(toInternet.coverage.undelivered).toBeGreaterThan(0);
    expect(toInternet.coverage.undelivered).toBeLessThan(toInternet.azPaths);
    const untouched = result.flows.find((f) => f.flowClass === 'spoke-internet' && f.source === 'spoke-partner-app')!;
    expect(untouched.coverage.undelivered).toBe(0);
  });
});
