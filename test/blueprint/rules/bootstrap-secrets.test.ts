import { formatProblem } from '../../../src/blueprint/problems';
import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, problemsOf, reference, ruleById, theProblem, withFleet } from '../../helpers/blueprints';

const RULE = 'bootstrap-secrets';
const FLEET = '$.regions["eu-west-2"].fleets.cloudguard';

describe(RULE, () => {
  it('finds no error in the reference blueprint', () => {
    expect(ruleById(RULE).check(reference()).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('warns about a Check Point fleet without a bootstrap secret (the reference), and still builds the model', () => {
    const bp = reference();
    expectProblem(theProblem(bp, RULE), { path: `${FLEET}.vendor`, severity: 'warning', shows: ['"checkpoint"', 'SIC key'] });
    expect(validateBlueprint(bp).model).toBeDefined();
  });

  it('refuses what looks like the secret itself, and never prints it', () => {
    // The one rule whose message must NOT show the bad value: it may be a real secret.
    const problem = theProblem(withFleet({ bootstrapSecret: 'Sic-Key: hunter2!' }), RULE);
    expectProblem(problem, { path: `${FLEET}.bootstrapSecret`, shows: ['(hidden)', 'SSM parameter name'] });
    expect(formatProblem(problem)).not.toContain('hunter2');
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it('accepts an SSM parameter name and Secrets Manager or SSM ARNs', () => {
    for (const bootstrapSecret of [
      '/gwlb/cloudguard/sic-key',
      'cloudguard-sic',
      'arn:aws:secretsmanager:eu-west-2:111111111111:secret:gwlb/sic-AbCdEf',
      'arn:aws:ssm:eu-west-2:111111111111:parameter/gwlb/sic',
    ]) {
      expect(problemsOf(withFleet({ bootstrapSecret }), RULE)).toEqual([]);
    }
  });

  it('refuses a bootstrapSecret on a vendor that bootstraps from S3, still hiding it', () => {
    const problem = theProblem(withFleet({ vendor: 'paloalto', bootstrapSecret: '/gwlb/palo' }), RULE);
    expectProblem(problem, { path: `${FLEET}.bootstrapSecret`, shows: ['(hidden)', 'bootstrapBucket'] });
    expect(formatProblem(problem)).not.toContain('/gwlb/palo');
  });

  it('refuses a bootstrapBucket on a vendor that reads a secret', () => {
    expectProblem(theProblem(withFleet({ bootstrapSecret: '/gwlb/sic', bootstrapBucket: 'acme-bootstrap' }), RULE), {
      path: `${FLEET}.bootstrapBucket`,
      shows: ['"acme-bootstrap"', 'bootstrapSecret'],
    });
  });

  it('refuses an invalid bucket name and accepts a valid one for fortinet', () => {
    expectProblem(theProblem(withFleet({ vendor: 'fortinet', bootstrapBucket: 'Acme_Bootstrap' }), RULE), {
      path: `${FLEET}.bootstrapBucket`,
      shows: ['"Acme_Bootstrap"', 'S3 bucket name'],
    });
    expect(problemsOf(withFleet({ vendor: 'fortinet', bootstrapBucket: 'acme-fortigate-bootstrap' }), RULE)).toEqual([]);
    // An IP address passes the character rules but not S3's.
    expectProblem(theProblem(withFleet({ vendor: 'paloalto', bootstrapBucket: '10.1.2.3' }), RULE), { path: `${FLEET}.bootstrapBucket`, shows: ['"10.1.2.3"', 'formatted as an IP address'] });
  });
});
