/**
 * The hand-off says what changed for the offices and the DMZs: which prefixes
 * the offices learn (no default route unless asked), that DMZ app subnets are
 * inspected from the internet, and that the S3 endpoint admits only the
 * blueprint's accounts; the prerequisites and the flow table say it too.
 */
import { contextOf } from '../../src/handoff/readme/context';
import { flows } from '../../src/handoff/readme/flows';
import { offices } from '../../src/handoff/readme/offices';
import { prerequisites } from '../../src/handoff/readme/prerequisites';
import type { NetworkModel } from '../../src/blueprint/model';
import { MULTI_REGION_FILE, modelOf, modelOfValue, REFERENCE_FILE, referenceValue } from './support';

const text = (section: typeof offices, model: NetworkModel) => section(contextOf({ model, stacks: [], diagram: '' })).join('\n');

describe('what the offices learn', () => {
  it('lists the region\'s VPC CIDRs, says there is no default route, and tells the office routers before the apply', () => {
    const model = modelOf(REFERENCE_FILE);
    const out = text(offices, model);
    expect(out).toContain('## What the offices learn');
    expect(out).toContain('**The offices no longer learn a default route**');
    expect(out).toContain('- **eu-west-2** (`london-office`): one route per VPC CIDR: `10.255.0.0/20`, `10.254.0.0/20`, `10.253.0.0/20`, `10.10.0.0/16`, `10.20.0.0/16` and `10.30.0.0/16`');
    expect(out).toContain('  - no default route.');
    const before = text(prerequisites, model);
    expect(before).toContain('**Office routers** (`london-office`)');
    expect(before).toContain('**no default route**');
    expect(before).toContain('`logs:CreateLogDelivery`');
  });

  it('names the default route when the blueprint sends office internet traffic through AWS', () => {
    const bp = referenceValue() as any;
    bp.regions['eu-west-2'].officeInternetThroughAws = true;
    const out = text(offices, modelOfValue(bp));
    expect(out).toContain('  - and `0.0.0.0/0`: the offices\' internet traffic leaves through this region\'s appliances and NAT gateways');
  });

  it('adds what the offices learn from a peered region', () => {
    expect(text(offices, modelOf(MULTI_REGION_FILE))).toContain('  - and, from us-east-1 across the TGW peering: `10.80.0.0/22` and `10.81.0.0/16`');
  });
});

describe('how closed the DMZs are', () => {
  it('says DMZs have their own table, app subnets are inspected from the internet, and the S3 endpoint admits the blueprint\'s accounts', () => {
    const model = modelOf(REFERENCE_FILE);
    const out = text(offices, model);
    expect(out).toContain('associated with the `dmzs` table');
    expect(out).toContain('sends every `public` **and `app`** subnet to its AZ\'s GWLB endpoint');
    expect(out).toContain('admits requests by principals of the blueprint\'s 4 accounts to buckets those accounts own');
    const table = text(flows, model);
    expect(table).toContain('| internet → DMZ public and app subnets |');
    expect(table).toContain('app subnet → TGW `dmzs` table');
  });
});
