import * as ipaddr from 'ipaddr.js';
import { isIpv4Address } from '../cidr';
import { error, type Problem } from '../problems';
import { vpnsOf } from '../walk';
import type { Rule } from './rule';

// TEST-NET ranges (RFC 5737) are accepted so that examples and docs can use them.
const DOCUMENTATION_RANGES = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((c) => ipaddr.IPv4.parseCIDR(c));

export const customerGateways: Rule = {
  id: 'customer-gateways',
  description: 'A VPN\'s customer gateway IP is a public IPv4 address.',
  check(bp) {
    const problems: Problem[] = [];
    for (const { vpn, path } of vpnsOf(bp)) {
      const at = [...path, 'customerGatewayIp'];
      const ip = vpn.customerGatewayIp;
      if (!isIpv4Address(ip)) {
        problems.push(error(this.id, at, ip, 'is not an IPv4 address'));
        continue;
      }
      const address = ipaddr.IPv4.parse(ip);
      const range = address.range();
      if (range !== 'unicast' && !DOCUMENTATION_RANGES.some((r) => address.match(r))) {
        problems.push(error(this.id, at, ip, `is a ${range} address; a site-to-site VPN needs the office device's public IP`));
      }
    }
    return problems;
  },
};
