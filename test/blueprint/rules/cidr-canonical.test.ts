import { validateBlueprint } from '../../../src/blueprint/validate';
import { expectProblem, pathsOf, problemsOf, reference, regionOf, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'cidr-canonical';

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses host bits in a VPC CIDR and suggests the network address', () => {
    const bp = reference();
    regionOf(bp).egress.cidr = '10.255.0.1/20';
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].egress.cidr',
      shows: ['"10.255.0.1/20"', 'host bits', 'did you mean "10.255.0.0/20"?'],
    });
    expect(validateBlueprint(bp).model).toBeUndefined();
  });

  it('refuses leading zeros in a management CIDR', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.managementCidrs = ['010.0.0.0/8'];
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].fleets.cloudguard.managementCidrs[0]',
      shows: ['"010.0.0.0/8"', 'leading zeros'],
    });
  });

  it('refuses a prefix over 32 in internalCidrs', () => {
    const bp = reference();
    regionOf(bp).internalCidrs = ['10.0.0.0/8', '172.16.0.0/33'];
    expectProblem(theProblem(bp, RULE), { path: '$.regions["eu-west-2"].internalCidrs[1]', shows: ['"172.16.0.0/33"'] });
  });

  it('refuses a VPN prefix that is not a CIDR at all', () => {
    const bp = reference();
    regionOf(bp).vpnConnections!['london-office'].cidrs = ['192.168.1.0'];
    expectProblem(theProblem(bp, RULE), {
      path: '$.regions["eu-west-2"].vpnConnections["london-office"].cidrs[0]',
      shows: ['"192.168.1.0"', 'a.b.c.d/n'],
    });
  });

  it('reports every bad CIDR at once', () => {
    const bp = reference();
    const region = regionOf(bp);
    region.spokes!['prod-app'].cidr = '10.10.0.0/8';
    region.spokes!['partner-app'].cidr = '10.20.0.0/16 ';
    region.vpnConnections!['london-office'].cidrs = ['192.168.0.0/24', '192.168.1.7/24'];
    expect(pathsOf(problemsOf(bp, RULE))).toEqual([
      '$.regions["eu-west-2"].spokes["partner-app"].cidr',
      '$.regions["eu-west-2"].spokes["prod-app"].cidr',
      '$.regions["eu-west-2"].vpnConnections["london-office"].cidrs[1]',
    ]);
  });
});
