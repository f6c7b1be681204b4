import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'dmz-s3-endpoints';
const PATH = '$.regions["eu-west-2"].dmzs["prod-dmz"].s3Endpoint';

describe(RULE, () => {
  it('accepts the reference blueprint and added buckets with valid names', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
    const bp = reference();
    regionOf(bp).dmzs!['prod-dmz'].s3Endpoint = { buckets: ['vendor-packages', 'repo.example.com'] };
    expect(problemsOf(bp, RULE)).toEqual([]);
  });

  it('refuses a bucket name S3 would refuse, and one listed twice', () => {
    const bp = reference();
    regionOf(bp).dmzs!['prod-dmz'].s3Endpoint = { buckets: ['Vendor_Packages', 'ok-bucket', 'ok-bucket'] };
    const problems = problemsOf(bp, RULE);
    expect(problems).toHaveLength(2);
    expectProblem(problems[0], { path: `${PATH}.buckets[0]`, shows: ['"Vendor_Packages"', 'not an S3 bucket name'] });
    expectProblem(problems[1], { path: `${PATH}.buckets[2]`, shows: ['"ok-bucket"', 'twice'] });
  });

  it('warns that buckets do nothing when the endpoint is dropped', () => {
    const bp = reference();
    regionOf(bp).dmzs!['prod-dmz'].s3Endpoint = { enabled: false, buckets: ['vendor-packages'] };
    expectProblem(theProblem(bp, RULE), { path: `${PATH}.buckets`, severity: 'warning', shows: ['no effect'] });
  });

  it('refuses so many buckets that the endpoint policy passes the 20,480 characters AWS takes', () => {
    const bp = reference();
    regionOf(bp).dmzs!['prod-dmz'].s3Endpoint = { buckets: Array.from({ length: 300 }, (_, i) => `vendor-packages-${i}`) };
    expectProblem(theProblem(bp, RULE), { path: `${PATH}.buckets`, shows: ['characters long', 'at most 20480'] });
  });
});
