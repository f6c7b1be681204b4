import { App } from 'cdktf';
import { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { NetworkStack } from '../../src/stacks/network-stack';
import { modelOf, REFERENCE } from './support';

describe("a stack's logical IDs", () => {
  const model = modelOf(REFERENCE);
  const region = Object.values(model.regions)[0];
  const stackOf = () => new NetworkStack(new App({ outdir: '/nonexistent' }), 'ids', { model, region, account: Object.keys(model.accounts)[0] });

  it('are the path below the stack, one per resource, the same each time they are asked for', () => {
    const stack = stackOf();
    const vpc = new Vpc(new Construct(stack, 'spoke'), 'vpc', { cidrBlock: '10.0.0.0/16' });
    expect(vpc.friendlyUniqueId).toBe('spoke_vpc');
    expect(vpc.friendlyUniqueId).toBe('spoke_vpc');
    expect(new Vpc(stack, 'vpc', { cidrBlock: '10.1.0.0/16' }).friendlyUniqueId).toBe('vpc');
  });

  it('refuse a second resource whose path spells the same ID, after the first one was asked for again', () => {
    const stack = stackOf();
    const first = new Vpc(new Construct(stack, 'a-b'), 'vpc', { cidrBlock: '10.0.0.0/16' });
    expect(first.friendlyUniqueId).toBe('a_b_vpc');
    expect(first.friendlyUniqueId).toBe('a_b_vpc');
    const second = new Vpc(new Construct(stack, 'a_b'), 'vpc', { cidrBlock: '10.1.0.0/16' });
    expect(() => second.friendlyUniqueId).toThrow('internal: logical ID a_b_vpc of ids/a_b/vpc is also used by ids/a-b/vpc');
  });
});
