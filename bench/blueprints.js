'use strict';
/**
 * Blueprints of growing size for the benchmark: one region, 3 AZs, one fleet, one
 * DMZ, one office, and `spokes` spokes (/20 each, from 10.16.0.0) over up to 50
 * accounts. Deterministic, so runs compare.
 */
function generateBlueprint(spokes) {
  const accountCount = Math.min(50, Math.max(1, Math.ceil(spokes / 10)));
  const accounts = { network: { id: '100000000000', roleArn: 'arn:aws:iam::100000000000:role/NetworkDeployer' } };
  for (let a = 1; a <= accountCount; a++) {
    const id = String(100000000000 + a);
    accounts[`workloads-${a}`] = { id, roleArn: `arn:aws:iam::${id}:role/NetworkDeployer` };
  }
  const spokeMap = {};
  for (let i = 0; i < spokes; i++) {
    spokeMap[`spoke-${i}`] = { account: `workloads-${1 + (i % accountCount)}`, cidr: `10.${16 + Math.floor(i / 16)}.${(i % 16) * 16}.0/20` };
  }
  return {
    name: 'bench',
    accounts,
    regions: {
      'eu-west-2': {
        availabilityZones: ['euw2-az1', 'euw2-az2', 'euw2-az3'],
        transitGateway: { account: 'network', amazonSideAsn: 64520 },
        fleets: {
          firewall: {
            vendor: 'checkpoint',
            ami: 'ami-0a1b2c3d4e5f67890',
            instanceType: 'c6in.xlarge',
            minSize: 3,
            maxSize: 6,
            managementCidrs: ['10.0.0.0/8'],
            bootstrapSecret: '/bench/cloudguard/sic-key',
          },
        },
        egress: { account: 'network', cidr: '10.0.0.0/20', fleet: 'firewall' },
        dmzs: { web: { account: 'network', cidr: '10.1.0.0/20', fleet: 'firewall' } },
        spokes: spokeMap,
        vpnConnections: { office: { customerGatewayIp: '203.0.113.10', bgpAsn: 65010, cidrs: ['192.168.0.0/16'] } },
      },
    },
  };
}

module.exports = { generateBlueprint };
