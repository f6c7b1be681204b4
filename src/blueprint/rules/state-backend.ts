import { error, type Problem } from '../problems';
import { REGION_PATTERN } from '../schema';
import { bucketNameProblem } from './aws-formats';
import type { Rule } from './rule';


export const stateBackend: Rule = {
  id: 'state-backend',
  description: 'An s3 backend names a valid bucket and region; a local backend takes neither.',
  check(bp) {
    const state = bp.state;
    if (!state) return [];
    const problems: Problem[] = [];
    if (state.backend === 's3') {
      if (state.bucket === undefined) problems.push(error(this.id, ['state', 'bucket'], undefined, 'an s3 backend needs the bucket that holds the state'));
      else if (bucketNameProblem(state.bucket)) problems.push(error(this.id, ['state', 'bucket'], state.bucket, `is not a valid S3 bucket name: it ${bucketNameProblem(state.bucket)}`));
      if (state.region === undefined) problems.push(error(this.id, ['state', 'region'], undefined, 'an s3 backend needs the bucket\'s region'));
      else if (!REGION_PATTERN.test(state.region)) problems.push(error(this.id, ['state', 'region'], state.region, 'is not an AWS region code (like eu-west-2)'));
      if (state.keyPrefix !== undefined && !/^[A-Za-z0-9!_.*'()\/-]{0,512}$/.test(state.keyPrefix)) {
        problems.push(error(this.id, ['state', 'keyPrefix'], state.keyPrefix, 'may hold only letters, digits and !_.*\'()/-'));
      }
    } else {
      for (const field of ['bucket', 'region', 'keyPrefix'] as const) {
        if (state[field] !== undefined) problems.push(error(this.id, ['state', field], state[field], 'applies only to backend "s3"'));
      }
    }
    return problems;
  },
};
