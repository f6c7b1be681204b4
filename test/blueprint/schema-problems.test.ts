/** Shape problems (rule "schema"): what zod finds, reworded with path, value and a hint. */
import { formatPath, formatProblem, type Problem } from '../../src/blueprint/problems';
import { suggest } from '../../src/blueprint/shape-problems';
import { validateBlueprint } from '../../src/blueprint/validate';
import { expectProblem, reference, regionOf } from '../helpers/blueprints';

/**
 * The shape problems of a value: there must be at least one, and no rule found an
 * error (rules run beside unknown fields, so their warnings may be there too).
 */
function shapeProblemsOf(value: unknown): Problem[] {
  const result = validateBlueprint(value);
  expect(result.model).toBeUndefined();
  const shape = result.problems.filter((p) => p.rule === 'schema');
  expect(shape.length).toBeGreaterThan(0);
  expect(result.problems.filter((p) => p.rule !== 'schema' && p.severity === 'error')).toEqual([]);
  return shape;
}

function theShapeProblem(value: unknown): Problem {
  const found = shapeProblemsOf(value);
  if (found.length !== 1) throw new Error(`expected one shape problem, got:\n${found.map((p) => formatProblem(p)).join('\n')}`);
  return found[0];
}

const mutable = (value: unknown) => value as Record<string, any>;

describe('unknown fields', () => {
  it('are refused with a "did you mean" for a typo', () => {
    const bp = mutable(reference());
    bp.accounts.network.roleArm = bp.accounts.network.roleArn;
    delete bp.accounts.network.roleArn;
    expectProblem(theShapeProblem(bp), {
      path: '$.accounts.network.roleArm',
      shows: ['"arn:aws:iam::111111111111:role/OrganizationAccountAccessRole"', 'unknown field "roleArm"; did you mean "roleArn"?'],
    });
  });

  it('suggest the right case for a field written in the wrong case', () => {
    const bp = mutable(reference());
    bp.regions['eu-west-2'].fleets.cloudguard.instancetype = 'c5.large';
    delete bp.regions['eu-west-2'].fleets.cloudguard.instanceType;
    const found = shapeProblemsOf(bp);
    // the typo, and the field it leaves missing
    expect(found.map((p) => formatPath(p.path)).sort()).toEqual([
      '$.regions["eu-west-2"].fleets.cloudguard.instanceType',
      '$.regions["eu-west-2"].fleets.cloudguard.instancetype',
    ]);
    const typo = found.find((p) => p.path.at(-1) === 'instancetype')!;
    expectProblem(typo, { path: '$.regions["eu-west-2"].fleets.cloudguard.instancetype', shows: ['"c5.large"', 'did you mean "instanceType"?'] });
  });

  it('list the allowed fields when nothing is close', () => {
    const bp = mutable(reference());
    bp.regions['eu-west-2'].egress.colour = 'blue';
    expectProblem(theShapeProblem(bp), { path: '$.regions["eu-west-2"].egress.colour', shows: ['"blue"', 'unknown field "colour"', '(allowed: account, cidr, fleet)'] });
  });

  it('are found inside a region, through the regions record', () => {
    const bp = mutable(reference());
    bp.regions['eu-west-2'].spoke = bp.regions['eu-west-2'].spokes;
    delete bp.regions['eu-west-2'].spokes;
    expectProblem(theShapeProblem(bp), { path: '$.regions["eu-west-2"].spoke', shows: ['unknown field "spoke"; did you mean "spokes"?'] });
  });

  it('are refused at the root too', () => {
    const bp = mutable(reference());
    bp.region = {};
    expectProblem(theShapeProblem(bp), { path: '$.region', shows: ['unknown field "region"; did you mean "regions"?'] });
  });
});

describe('wrong types', () => {
  it('name what was expected and what was found, and suggest quoting a number', () => {
    const bp = mutable(reference());
    bp.accounts.network.id = 111111111111;
    expectProblem(theShapeProblem(bp), { path: '$.accounts.network.id', shows: ['= 111111111111:', 'expected a string, got a number', 'quote it'] });
  });

  it('refuse a fraction where an integer belongs', () => {
    const bp = mutable(reference());
    bp.regions['eu-west-2'].fleets.cloudguard.maxSize = 2.5;
    expectProblem(theShapeProblem(bp), { path: '$.regions["eu-west-2"].fleets.cloudguard.maxSize', shows: ['= 2.5:', 'expected an integer, got a fraction'] });
  });

  it('refuse an array where an object belongs', () => {
    const bp = mutable(reference());
    bp.regions['eu-west-2'].spokes = [{ account: 'production', cidr: '10.10.0.0/16' }];
    expectProblem(theShapeProblem(bp), { path: '$.regions["eu-west-2"].spokes', shows: ['[{"account":"production","cidr":"10.10.0.0/16"}]', 'expected an object, got an array'] });
  });

  it('refuse a value that is not an object at all', () => {
    expectProblem(theShapeProblem(null), { path: '$', shows: ['= null:', 'got null'] });
    expectProblem(theShapeProblem('blueprint.json'), { path: '$', shows: ['"blueprint.json"', 'got a string'] });
  });

  it('refuse a string where a boolean belongs', () => {
    const bp = mutable(reference());
    bp.regions['eu-west-2'].inspection.eastWest = 'yes';
    expectProblem(theShapeProblem(bp), { path: '$.regions["eu-west-2"].inspection.eastWest', shows: ['"yes"', 'expected a boolean'] });
  });
});

describe('missing required fields', () => {
  it('are named with their path and shown as (missing)', () => {
    const bp = mutable(reference());
    delete bp.regions['eu-west-2'].egress.cidr;
    expectProblem(theShapeProblem(bp), { path: '$.regions["eu-west-2"].egress.cidr', shows: ['= (missing):', 'is required'] });
  });

  it('include the top-level regions', () => {
    const bp = mutable(reference());
    delete bp.regions;
    expectProblem(theShapeProblem(bp), { path: '$.regions', shows: ['(missing)', 'is required'] });
  });

  it('include a region with no entries (BLUEPRINT.md: at least one)', () => {
    const bp = mutable(reference());
    bp.regions = {};
    expectProblem(theShapeProblem(bp), { path: '$.regions', shows: ['= {}:', 'at least one'] });
  });
});

describe('names and region codes', () => {
  it('refuse an account name with capitals', () => {
    const bp = mutable(reference());
    bp.accounts.Network = bp.accounts.network;
    expectProblem(theShapeProblem(bp), { path: '$.accounts.Network', shows: ['"Network"', 'not a valid name', 'lowercase'] });
  });

  it('refuse a spoke name that is too long or starts with a digit', () => {
    const bp = mutable(reference());
    const spokes = bp.regions['eu-west-2'].spokes;
    spokes['1st-app'] = spokes['prod-app'];
    spokes[`a${'b'.repeat(31)}`] = spokes['partner-app'];
    delete spokes['prod-app'];
    delete spokes['partner-app'];
    const found = shapeProblemsOf(bp);
    expect(found.map((p) => formatPath(p.path)).sort()).toEqual([
      `$.regions["eu-west-2"].spokes.a${'b'.repeat(31)}`,
      '$.regions["eu-west-2"].spokes["1st-app"]',
    ]);
    for (const p of found) expect(formatProblem(p)).toContain(JSON.stringify(p.path.at(-1)));
  });

  it('refuse a name that references with a bad shape', () => {
    const bp = mutable(reference());
    bp.regions['eu-west-2'].egress.fleet = 'Cloud Guard';
    expectProblem(theShapeProblem(bp), { path: '$.regions["eu-west-2"].egress.fleet', shows: ['"Cloud Guard"', 'not a valid name'] });
  });

  it('refuse a region key that is not a region code', () => {
    const bp = mutable(reference());
    bp.regions['eu-wst-2'] = bp.regions['eu-west-2'];
    delete bp.regions['eu-west-2'];
    expectProblem(theShapeProblem(bp), { path: '$.regions["eu-wst-2"]', shows: ['"eu-wst-2"', 'not an AWS region code'] });
  });
});

describe('enumerations and ranges', () => {
  it('list the allowed vendors', () => {
    const bp = mutable(reference());
    bp.regions['eu-west-2'].fleets.cloudguard.vendor = 'cisco';
    expectProblem(theShapeProblem(bp), {
      path: '$.regions["eu-west-2"].fleets.cloudguard.vendor',
      shows: ['"cisco"', '"checkpoint", "paloalto", "fortinet", "generic"'],
    });
  });

  it('list the allowed health check protocols and state backends', () => {
    const bp = mutable(reference());
    bp.regions['eu-west-2'].fleets.cloudguard.healthCheck = { protocol: 'UDP', port: 8117 };
    bp.state = { backend: 'gcs' };
    const found = shapeProblemsOf(bp);
    expect(found.map((p) => formatProblem(p)).sort()).toEqual([
      'error $.regions["eu-west-2"].fleets.cloudguard.healthCheck.protocol = "UDP": must be one of "TCP", "HTTP", "HTTPS" [schema]',
      'error $.state.backend = "gcs": must be one of "local", "s3" [schema]',
    ]);
  });

  it('refuse a health check port outside 1-65535', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.healthCheck = { protocol: 'TCP', port: 65536 };
    expectProblem(theShapeProblem(bp), { path: '$.regions["eu-west-2"].fleets.cloudguard.healthCheck.port', shows: ['= 65536:', 'at most 65535'] });
  });
});

describe('suggest', () => {
  it('picks the closest candidate within two edits, or none', () => {
    expect(suggest('cdir', ['account', 'cidr', 'fleet'])).toBe('cidr');
    expect(suggest('fleets', ['account', 'cidr', 'fleet'])).toBe('fleet');
    expect(suggest('ACCOUNT', ['account', 'cidr'])).toBe('account');
    expect(suggest('network', ['account', 'cidr', 'fleet'])).toBeUndefined();
  });
});
