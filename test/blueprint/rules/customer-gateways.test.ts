import { expectProblem, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'customer-gateways';
const PATH = '$.regions["eu-west-2"].vpnConnections["london-office"].customerGatewayIp';

function withGateway(ip: string) {
  const bp = reference();
  regionOf(bp).vpnConnections!['london-office'].customerGatewayIp = ip;
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint (a documentation address)', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses a private address', () => {
    expectProblem(theProblem(withGateway('10.1.2.3'), RULE), { path: PATH, shows: ['"10.1.2.3"', 'private', 'public IP'] });
  });

  it('refuses loopback and unspecified addresses', () => {
    expectProblem(theProblem(withGateway('127.0.0.1'), RULE), { path: PATH, shows: ['"127.0.0.1"', 'loopback'] });
    expectProblem(theProblem(withGateway('0.0.0.0'), RULE), { path: PATH, shows: ['"0.0.0.0"'] });
  });

  it('refuses what is not an IPv4 address', () => {
    expectProblem(theProblem(withGateway('300.1.2.3'), RULE), { path: PATH, shows: ['"300.1.2.3"', 'not an IPv4 address'] });
    expectProblem(theProblem(withGateway('vpn.example.com'), RULE), { path: PATH, shows: ['"vpn.example.com"'] });
  });

  it('accepts a public address', () => {
    expect(problemsOf(withGateway('8.8.4.4'), RULE)).toEqual([]);
  });
});
