/** validateBlueprint as a whole: every problem at once, in rule order, and the model of a valid blueprint. */
import { RULES } from '../../src/blueprint/rules';
import { formatPath } from '../../src/blueprint/problems';
import { validateBlueprint } from '../../src/blueprint/validate';
import { reference, regionOf, withSecondRegion } from '../helpers/blueprints';

describe('validateBlueprint', () => {
  it('accepts the reference blueprint with no error and returns blueprint and model', () => {
    const result = validateBlueprint(reference());
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.blueprint).toEqual(reference());
    expect(result.model).toBeDefined();
  });

  it('accepts the two-region blueprint the tests build', () => {
    const result = validateBlueprint(withSecondRegion(reference()));
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.model!.regions.map((r) => r.code)).toEqual(['eu-west-2', 'us-east-1']);
  });

  it('does not modify its input', () => {
    const bp = reference();
    validateBlueprint(bp);
    expect(bp).toEqual(reference());
  });

  it('reports every rule problem at once, in rule order, and builds no model', () => {
    const bp = reference();
    const region = regionOf(bp);
    bp.accounts.partner.id = '3333';
    region.spokes!['partner-app'].cidr = '10.10.0.0/16'; // same as prod-app
    region.fleets.cloudguard.maxSize = 1;
    region.fleets.cloudguard.managementCidrs = ['0.0.0.0/0'];
    region.transitGateway.amazonSideAsn = 100;
    const result = validateBlueprint(bp);
    expect(result.model).toBeUndefined();
    expect(result.blueprint).toBeUndefined();
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.rule} ${formatPath(p.path)}`)).toEqual([
      'account-ids $.accounts.partner.id',
      // role-arns: partner's roleArn now names another account than "3333"
      'role-arns $.accounts.partner.roleArn',
      'vpc-cidr-overlap $.regions["eu-west-2"].spokes["partner-app"].cidr',
      'asns $.regions["eu-west-2"].transitGateway.amazonSideAsn',
      'fleet-sizes $.regions["eu-west-2"].fleets.cloudguard.maxSize',
      'management-cidrs $.regions["eu-west-2"].fleets.cloudguard.managementCidrs[0]',
    ]);
    const order = RULES.map((r) => r.id);
    const positions = result.problems.map((p) => order.indexOf(p.rule));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('reports every shape problem at once', () => {
    const bp = reference() as unknown as Record<string, any>;
    bp.name = 'ACME';
    bp.accounts.network.id = 1;
    delete bp.regions['eu-west-2'].egress.account;
    bp.regions['eu-west-2'].fleets.cloudguard.vendr = 'x';
    const result = validateBlueprint(bp);
    expect(result.model).toBeUndefined();
    expect(result.problems.map((p) => formatPath(p.path)).sort()).toEqual([
      '$.accounts.network.id',
      '$.name',
      '$.regions["eu-west-2"].egress.account',
      '$.regions["eu-west-2"].fleets.cloudguard.vendr',
    ]);
  });

  it('returns warnings with the model', () => {
    const bp = reference();
    regionOf(bp).fleets.cloudguard.minSize = 1;
    const result = validateBlueprint(bp);
    expect(result.model).toBeDefined();
    expect(result.problems.some((p) => p.rule === 'fleet-below-az-count' && p.severity === 'warning')).toBe(true);
  });
});

describe('the model of the reference blueprint', () => {
  const model = validateBlueprint(reference()).model!;
  const region = model.regions[0];

  it('applies the defaults BLUEPRINT.md documents', () => {
    expect(region.eastWest).toBe(true);
    expect(region.internalCidrs).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    expect(model.state).toEqual({ backend: 'local' });
    const fleet = region.fleets[0];
    expect(fleet.desiredCapacity).toBe(3); // defaults to minSize
    expect(fleet.crossZone).toBe(true);
    expect(fleet.healthCheck).toEqual({ protocol: 'TCP', port: 8117 }); // Check Point default
    expect(region.vpns[0].staticRoutesOnly).toBe(false);
  });

  it('lists the accounts that host endpoints of the fleet (egress and both DMZ owners)', () => {
    expect(region.fleets[0].endpointAccounts).toEqual(['network', 'partner']);
  });

  it('labels AZ IDs by their az number', () => {
    expect(region.azs.map((az) => [az.value, az.kind, az.label])).toEqual([
      ['euw2-az1', 'id', 'az1'],
      ['euw2-az2', 'id', 'az2'],
      ['euw2-az3', 'id', 'az3'],
    ]);
  });

  it('carves the egress /20 as appliance /24, public /26, then tgw and gwlbe /28, with room for the region\'s 3 AZs', () => {
    // Worked by hand: eu-west-2 has 3 AZs, so 3 slots: 3 x /24 appliance = 10.255.0-2, 3 x /26 public
    // from 10.255.3.0, then 3 x /28 tgw from 10.255.3.192 and 3 x /28 gwlbe from 10.255.3.240.
    expect(region.azSlots).toBe(3);
    expect(region.egress.subnets.map((s) => `${s.tier} ${s.az.label} ${s.cidr}`)).toEqual([
      'tgw az1 10.255.3.192/28',
      'tgw az2 10.255.3.208/28',
      'tgw az3 10.255.3.224/28',
      'gwlbe az1 10.255.3.240/28',
      'gwlbe az2 10.255.4.0/28',
      'gwlbe az3 10.255.4.16/28',
      'appliance az1 10.255.0.0/24',
      'appliance az2 10.255.1.0/24',
      'appliance az3 10.255.2.0/24',
      'public az1 10.255.3.0/26',
      'public az2 10.255.3.64/26',
      'public az3 10.255.3.128/26',
    ]);
  });
});

describe('rules still run beside unknown fields', () => {
  it('reports a typo and an overlapping CIDR in one run', () => {
    const bp = reference() as any;
    bp.regions['eu-west-2'].spokes['prod-app'].cdir = '10.10.0.0/16';
    bp.regions['eu-west-2'].spokes['partner-app'].cidr = '10.10.0.0/16';
    const result = validateBlueprint(bp);
    expect(result.model).toBeUndefined();
    expect(result.problems.map((p) => p.rule)).toEqual(expect.arrayContaining(['schema', 'vpc-cidr-overlap']));
  });

  it('does not run the rules when a field has the wrong type', () => {
    const bp = reference() as any;
    bp.regions['eu-west-2'].spokes['prod-app'].cidr = 42;
    bp.regions['eu-west-2'].spokes['partner-app'].cidr = '10.30.0.0/16';
    expect(validateBlueprint(bp).problems.map((p) => p.rule)).toEqual(['schema']);
  });
});
