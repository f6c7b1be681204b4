import { error, type Problem } from '../problems';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

const TOPIC_ARN = /^arn:(aws|aws-cn|aws-us-gov):sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}(\.fifo)?)$/;

export const alarmTopic: Rule = {
  id: 'alarm-topic',
  description: 'alarmTopicArn is a standard SNS topic ARN in the fleet\'s own region (CloudWatch alarms notify topics of their region only).',
  check(bp) {
    const problems: Problem[] = [];
    for (const { region, fleet, path } of fleetsOf(bp)) {
      const arn = fleet.alarmTopicArn;
      if (arn === undefined) continue;
      const at = [...path, 'alarmTopicArn'];
      const match = TOPIC_ARN.exec(arn);
      if (!match) problems.push(error(this.id, at, arn, 'must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)'));
      else if (match[5]) problems.push(error(this.id, at, arn, 'is a FIFO topic; CloudWatch alarms notify standard topics only'));
      else if (match[2] !== region) problems.push(error(this.id, at, arn, `is in ${match[2]}; the fleet's alarms are in ${region} and can only notify a topic there`));
    }
    return problems;
  },
};
