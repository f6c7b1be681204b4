import type { Blueprint } from '../../../src/blueprint/schema';
import { regionRoutePlan } from '../../../src/blueprint/tgw-routes';
import { expectProblem, problemsOf, reference, regionOf, ruleById, withSecondRegion } from '../../helpers/blueprints';

const RULE = 'tgw-route-quotas';
const check = (bp: Blueprint) => ruleById(RULE).check(bp);

/** `n` office prefixes of nyc-office (us-east-1): /25s of 172.16.0.0/12, each a route the peered region learns. */
function withNycPrefixes(n: number, inspection?: 'once'): Blueprint {
  const bp = withSecondRegion(reference());
  if (inspection) bp.interRegion = { inspection };
  regionOf(bp, 'us-east-1').vpnConnections!['nyc-office'].cidrs = Array.from({ length: n }, (_, i) => `172.${16 + (i >> 9)}.${(i >> 1) % 256}.${(i % 2) * 128}/25`);
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint: onprem holds one route per VPC, the offices learn those', () => {
    expect(problemsOf(reference(), RULE)).toEqual([]);
    expect(regionRoutePlan(reference(), 'eu-west-2').onprem).toEqual({
      toEgress: ['10.255.0.0/20', '10.254.0.0/20', '10.253.0.0/20', '10.10.0.0/16', '10.20.0.0/16', '10.30.0.0/16'],
      internet: false,
      summarised: false,
    });
  });

  it('adds the default route only when the offices send their internet traffic through AWS', () => {
    const bp = reference();
    regionOf(bp).officeInternetThroughAws = true;
    expect(regionRoutePlan(bp, 'eu-west-2').onprem.toEgress.at(-1)).toBe('0.0.0.0/0');
  });

  it('summarises onprem into the internal ranges past the 1,000 routes a VPN may be advertised, and says so', () => {
    const bp = withNycPrefixes(995);
    // eu-west-2 reaches its 6 VPCs and us-east-1's 3 VPCs and 995 office prefixes: 1,004 routes
    expect(regionRoutePlan(bp, 'eu-west-2').onprem).toEqual({ toEgress: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], internet: false, summarised: true });
    const problems = check(bp);
    expect(problems).toHaveLength(1);
    expectProblem(problems[0], { path: '$.regions["eu-west-2"].vpnConnections', severity: 'warning', shows: ['1004', 'may be advertised (1000)', 'internalCidrs 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16'] });
    expect(regionRoutePlan(withNycPrefixes(991), 'eu-west-2').onprem.summarised).toBe(false);
  });

  it('refuses a region whose offices would still be advertised over 1,000 routes: the other region\'s prefixes reach them over the peering', () => {
    // With inspection once, us-east-1 (second alphabetically) does not inspect the pair: its onprem
    // routes eu-west-2's ranges to the peering, one by one, which no summary to the egress VPC replaces.
    const bp = withNycPrefixes(0, 'once');
    regionOf(bp).vpnConnections!['london-office'].cidrs = Array.from({ length: 1000 }, (_, i) => `10.${96 + (i >> 8)}.${i % 256}.0/24`);
    const problem = check(bp).find((p) => p.severity === 'error');
    expect(problem).toBeDefined();
    expectProblem(problem!, { path: '$.regions["us-east-1"].vpnConnections', shows: ['1009', 'even with the region\'s VPCs summarised', 'not adjustable'] });
  });

  it('warns when the TGW\'s tables together pass the default 10,000 combined routes', () => {
    const bp = withNycPrefixes(8192);
    regionOf(bp).vpnConnections!['london-office'].cidrs = Array.from({ length: 2048 }, (_, i) => `10.${96 + (i >> 8)}.${i % 256}.0/24`);
    const total = check(bp).find((p) => p.path.join('.') === 'regions.eu-west-2.transitGateway');
    expect(total).toBeDefined();
    expectProblem(total!, { path: '$.regions["eu-west-2"].transitGateway', severity: 'warning', shows: ['10254', 'inspection 10248', 'Service Quotas'] });
  });
});
