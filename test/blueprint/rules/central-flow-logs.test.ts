import { expectProblem, problemsOf, reference, theProblem } from '../../helpers/blueprints';

const RULE = 'central-flow-logs';

const withLogs = (logs: { bucket: string; prefix?: string }) => {
  const bp = reference();
  bp.centralFlowLogs = { account: 'network', ...logs };
  return bp;
};

describe(RULE, () => {
  it('accepts a bucket, with or without a folder', () => {
    expect(problemsOf(withLogs({ bucket: 'acme-flow-logs' }), RULE)).toEqual([]);
    expect(problemsOf(withLogs({ bucket: 'acme-flow-logs', prefix: 'network/eu' }), RULE)).toEqual([]);
  });

  it('refuses a bucket name S3 refuses', () => {
    expectProblem(theProblem(withLogs({ bucket: 'Acme_Logs' }), RULE), { path: '$.centralFlowLogs.bucket', shows: ['"Acme_Logs"', 'lowercase letters'] });
  });

  it.each([
    ['/network', 'must not start or end with /'],
    ['network/', 'must not start or end with /'],
    ['a//b', 'empty folder'],
    ['logs/AWSLogs', 'must not use AWSLogs'],
    ['${file("x")}', 'may hold only'],
  ])('refuses the folder %s', (prefix, why) => {
    expectProblem(theProblem(withLogs({ bucket: 'acme-flow-logs', prefix }), RULE), { path: '$.centralFlowLogs.prefix', shows: [why] });
  });

  it('the log-archive account must be an account of the blueprint', () => {
    const bp = reference();
    bp.centralFlowLogs = { account: 'archive', bucket: 'acme-flow-logs' };
    expectProblem(theProblem(bp, 'account-references'), { path: '$.centralFlowLogs.account', shows: ['"archive"', 'is not an account of this blueprint'] });
  });
});
