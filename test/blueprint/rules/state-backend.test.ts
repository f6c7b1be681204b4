import type { StateSpec } from '../../../src/blueprint/schema';
import { expectProblem, pathsOf, problemsOf, reference, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'state-backend';

function withState(state: StateSpec) {
  const bp = reference();
  bp.state = state;
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses an s3 backend without bucket and region, reporting both', () => {
    const found = problemsOf(withState({ backend: 's3' }), RULE);
    expect(pathsOf(found)).toEqual(['$.state.bucket', '$.state.region']);
    for (const problem of found) expectProblem(problem, { path: problem.path[1] === 'bucket' ? '$.state.bucket' : '$.state.region', shows: ['(missing)'] });
  });

  it.each(['Bad_Bucket', 'ab', 'my..bucket', '-bucket'])('refuses the bucket name %s', (bucket) => {
    expectProblem(theProblem(withState({ backend: 's3', bucket, region: 'eu-west-2' }), RULE), { path: '$.state.bucket', shows: [`"${bucket}"`, 'S3 bucket name'] });
  });

  // S3's general purpose bucket naming rules (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)
  it.each([
    ['192.168.5.4', 'formatted as an IP address'],
    ['Acme-State', 'contains "A", "S"'],
    ['xn--acme-state', 'starts with xn--'],
    ['sthree-acme', 'starts with sthree-'],
    ['amzn-s3-demo-state', 'starts with amzn-s3-demo-'],
    ['acme-state-s3alias', 'ends with -s3alias'],
    ['acme-state--ol-s3', 'ends with --ol-s3'],
    ['acme-state.mrap', 'ends with .mrap'],
    ['acme-state--x-s3', 'ends with --x-s3'],
    ['acme.state.', 'start and end with a letter or digit'],
    ['a'.repeat(64), '64 characters long'],
  ])('refuses %s, which S3 refuses, and says why', (bucket, why) => {
    expectProblem(theProblem(withState({ backend: 's3', bucket, region: 'eu-west-2' }), RULE), { path: '$.state.bucket', shows: ['S3 bucket name', why] });
  });

  it('accepts names that only look like the reserved forms', () => {
    for (const bucket of ['192.168.5.4.example', 'acme-xn--state', 'acme-s3alias-state', '1.2.3', 'a'.repeat(63)]) {
      expect(problemsOf(withState({ backend: 's3', bucket, region: 'eu-west-2' }), RULE)).toEqual([]);
    }
  });

  it('refuses a region that is not a region code', () => {
    expectProblem(theProblem(withState({ backend: 's3', bucket: 'acme-state', region: 'london' }), RULE), { path: '$.state.region', shows: ['"london"'] });
  });

  it('refuses a key prefix with spaces', () => {
    expectProblem(theProblem(withState({ backend: 's3', bucket: 'acme-state', region: 'eu-west-2', keyPrefix: 'gwlb state' }), RULE), {
      path: '$.state.keyPrefix',
      shows: ['"gwlb state"'],
    });
  });

  it('refuses s3 settings on a local backend', () => {
    expectProblem(theProblem(withState({ backend: 'local', bucket: 'acme-state' }), RULE), { path: '$.state.bucket', shows: ['"acme-state"', 'only to backend "s3"'] });
  });

  it('accepts a complete s3 backend and no state at all', () => {
    expect(problemsOf(withState({ backend: 's3', bucket: 'acme-tf-state.eu', region: 'eu-west-2', keyPrefix: 'gwlb/acme' }), RULE)).toEqual([]);
    const bp = reference();
    delete bp.state;
    expect(problemsOf(bp, RULE)).toEqual([]);
  });
});
