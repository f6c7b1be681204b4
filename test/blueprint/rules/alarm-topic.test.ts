import { expectProblem, problemsOf, reference, theProblem, withFleet } from '../../helpers/blueprints';

const RULE = 'alarm-topic';
const FLEET = '$.regions["eu-west-2"].fleets.cloudguard';

describe(RULE, () => {
  it('accepts no topic, and a standard topic in the fleet\'s region', () => {
    expect(problemsOf(reference(), RULE)).toEqual([]);
    expect(problemsOf(withFleet({ alarmTopicArn: 'arn:aws:sns:eu-west-2:111111111111:net-alarms' }), RULE)).toEqual([]);
  });

  it('refuses what is not an SNS topic ARN', () => {
    expectProblem(theProblem(withFleet({ alarmTopicArn: 'net-alarms' }), RULE), { path: `${FLEET}.alarmTopicArn`, shows: ['"net-alarms"', 'SNS topic ARN'] });
  });

  it('refuses a topic in another region, which the alarms cannot notify', () => {
    expectProblem(theProblem(withFleet({ alarmTopicArn: 'arn:aws:sns:us-east-1:111111111111:net-alarms' }), RULE), { path: `${FLEET}.alarmTopicArn`, shows: ['us-east-1', 'eu-west-2'] });
  });

  it('refuses a FIFO topic', () => {
    expectProblem(theProblem(withFleet({ alarmTopicArn: 'arn:aws:sns:eu-west-2:111111111111:net-alarms.fifo' }), RULE), { path: `${FLEET}.alarmTopicArn`, shows: ['FIFO'] });
  });
});
