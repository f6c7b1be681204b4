/** Where the stacks keep their Terraform state: local files, or an S3 bucket. */
import type { StateSpec } from '../../blueprint/schema';
import { unasked } from './draft';
import type { Session } from './session';

export async function askState(s: Session): Promise<void> {
  const baseState = s.base.state;
  s.prompter.note('Terraform state', 'heading');
  const backend = await s.prompter.select<StateSpec['backend']>({
    id: 'state.backend',
    message: 'Where each stack keeps its Terraform state',
    choices: [
      { value: 'local', name: 'local: files in cdktf.out/state of the project (one operator; back them up)', short: 'local' },
      { value: 's3', name: 's3: a bucket, with S3 lock files (a team)', short: 's3' },
    ],
    default: baseState?.backend ?? 'local',
  });
  if (backend === 'local') {
    // `local` is the default: written out only when the base wrote a state.
    if (baseState) s.draft.state = { backend: 'local' };
    return;
  }
  const state: StateSpec = { backend: 's3' };
  s.draft.state = state;
  state.bucket = await s.text({
    id: 'state.bucket',
    message: 'S3 bucket for the state (create it first, with versioning)',
    default: baseState?.bucket ?? `${s.draft.name}-network-state`,
    path: ['state', 'bucket'],
    set: (d, v) => void (d.state!.bucket = v),
  });
  state.region = await s.text({
    id: 'state.region',
    message: 'Region of that bucket',
    default: baseState?.region ?? Object.keys(s.draft.regions)[0],
    path: ['state', 'region'],
    set: (d, v) => void (d.state!.region = v),
  });
  const keyPrefix = await s.text({
    id: 'state.keyPrefix',
    message: 'Key prefix of the state objects',
    default: baseState?.keyPrefix ?? s.draft.name,
    path: ['state', 'keyPrefix'],
    set: (d, v) => void (d.state!.keyPrefix = v),
  });
  // The network's name is the default prefix: left out unless the base wrote one.
  if (baseState?.keyPrefix === undefined && keyPrefix === s.draft.name) delete state.keyPrefix;
  Object.assign(state, unasked(baseState, ['backend', 'bucket', 'region', 'keyPrefix']));
}
