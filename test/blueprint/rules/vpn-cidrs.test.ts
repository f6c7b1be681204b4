import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'vpn-cidrs';
const OFFICE = '$.regions["eu-west-2"].vpnConnections["london-office"]';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses an office prefix outside the default internal ranges, listing them', () => {
    const bp = reference();
    regionOf(bp).vpnConnections!['london-office'].cidrs = ['100.100.0.0/16'];
    expectProblem(theProblem(bp, RULE), {
      path: `${OFFICE}.cidrs[0]`,
      shows: ['"100.100.0.0/16"', '10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16', 'add it to $.regions["eu-west-2"].internalCidrs'],
    });
  });

  it('accepts that prefix once internalCidrs lists it', () => {
    const bp = reference();
    regionOf(bp).internalCidrs = ['10.0.0.0/8', '100.100.0.0/16'];
    regionOf(bp).vpnConnections!['london-office'].cidrs = ['100.100.0.0/16'];
    expect(problemsOf(bp, RULE)).toEqual([]);
  });

  it('refuses an office prefix that overlaps a spoke', () => {
    const bp = reference();
    regionOf(bp).vpnConnections!['london-office'].cidrs = ['192.168.0.0/24', '10.10.5.0/24'];
    expectProblem(theProblem(bp, RULE), {
      path: `${OFFICE}.cidrs[1]`,
      shows: ['"10.10.5.0/24"', 'overlaps $.regions["eu-west-2"].spokes["prod-app"].cidr (10.10.0.0/16)'],
    });
  });
});

describe(`${RULE}: offices`, () => {
  it('refuses an office prefix that another office announces too, naming it', () => {
    const bp = reference();
    regionOf(bp).vpnConnections!['london-office'].cidrs = ['192.168.10.0/24'];
    regionOf(bp).vpnConnections!['backup-office'] = { customerGatewayIp: '198.51.100.9', bgpAsn: 65011, cidrs: ['192.168.10.0/25'] };
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].vpnConnections["backup-office"].cidrs[0]',
      shows: ['"192.168.10.0/25"', 'overlaps $.regions["eu-west-2"].vpnConnections["london-office"].cidrs[0] (192.168.10.0/24), another office'],
    });
  });
});
