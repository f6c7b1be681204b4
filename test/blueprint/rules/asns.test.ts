import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem, withSecondRegion } from '../../helpers/blueprints';

const RULE = 'asns';
const TGW_ASN = '$.regions["eu-west-2"].transitGateway.amazonSideAsn';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it.each([64511, 65535, 4199999999, 4294967295])('refuses the public or reserved TGW ASN %d', (asn) => {
    const bp = reference();
    regionOf(bp).transitGateway.amazonSideAsn = asn;
    expectProblem(theProblem(bp, RULE), { path: TGW_ASN, shows: [`= ${asn}:`, '64512-65534 or 4200000000-4294967294'] });
  });

  it.each([64512, 65534, 4200000000, 4294967294])('accepts the private TGW ASN %d', (asn) => {
    const bp = reference();
    regionOf(bp).transitGateway.amazonSideAsn = asn;
    expect(problemsOf(bp, RULE)).toEqual([]);
  });

  it('refuses a VPN ASN outside the private ranges', () => {
    const bp = reference();
    regionOf(bp).vpnConnections!['london-office'].bgpAsn = 3356;
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].vpnConnections["london-office"].bgpAsn', shows: ['= 3356:', 'not a private ASN'] });
  });

  it('refuses a VPN with the TGW\'s own ASN', () => {
    const bp = reference();
    regionOf(bp).vpnConnections!['london-office'].bgpAsn = 64520;
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].vpnConnections["london-office"].bgpAsn', shows: ['= 64520:', TGW_ASN] });
  });

  it('refuses two regions\' TGWs sharing an ASN', () => {
    const bp = withSecondRegion(reference());
    expect(problemsOf(bp, RULE)).toEqual([]);
    regionOf(bp, 'us-east-1').transitGateway.amazonSideAsn = 64520;
    expectProblem(theProblem(bp, RULE), { path: '$.regions["us-east-1"].transitGateway.amazonSideAsn', shows: ['= 64520:', TGW_ASN] });
  });
});
