import { blocksOf, contains, overlaps, parseCidr, RFC1918, SHARED_ADDRESS_SPACE } from '../cidr';
import { warning } from '../problems';
import { fleetsOf, regionsOf, vpcsOf } from '../walk';
import type { Rule } from './rule';

export const nonPrivateCidrs: Rule = {
  id: 'non-private-cidrs',
  description: 'Warns about VPC CIDRs outside RFC 1918 and 100.64.0.0/10.',
  check(bp) {
    const privateBlocks = blocksOf([...RFC1918, SHARED_ADDRESS_SPACE]);
    return vpcsOf(bp).flatMap((vpc) => {
      const parsed = parseCidr(vpc.cidr);
      if (!parsed.ok || privateBlocks.some((b) => contains(b, parsed.block))) return [];
      return [warning(this.id, [...vpc.path, 'cidr'], vpc.cidr, 'is outside RFC 1918 and 100.64.0.0/10; make sure it is address space you own')];
    });
  },
};

export const fleetBelowAzCount: Rule = {
  id: 'fleet-below-az-count',
  description: 'Warns when a fleet\'s minSize leaves an AZ without an appliance.',
  check(bp) {
    return fleetsOf(bp).flatMap(({ region, fleet, path }) => {
      const azCount = bp.regions[region].availabilityZones.length;
      if (fleet.minSize >= azCount || fleet.minSize < 1) return [];
      return [warning(this.id, [...path, 'minSize'], fleet.minSize, `is below the region's ${azCount} AZs: an AZ may have no appliance and rely on cross-zone load balancing`)];
    });
  },
};

export const unusedFleets: Rule = {
  id: 'unused-fleets',
  description: 'Warns about a fleet that neither the egress VPC nor any DMZ uses (it would still run and cost).',
  check(bp) {
    const used = new Set(vpcsOf(bp).flatMap((v) => (v.fleet ? [`${v.region}/${v.fleet}`] : [])));
    return fleetsOf(bp)
      .filter(({ region, name }) => !used.has(`${region}/${name}`))
      .map(({ name, path }) => warning(this.id, path, name, 'is used by no egress VPC or DMZ; it would still run appliances'));
  },
};

export const defaultInternalRanges: Rule = {
  id: 'default-internal-ranges',
  description: 'Warns when a VPC outside RFC 1918 is routed only through the default internalCidrs (which then change with every such VPC).',
  check(bp) {
    const rfc1918 = blocksOf(RFC1918);
    const [shared] = blocksOf([SHARED_ADDRESS_SPACE]);
    const defaulted = regionsOf(bp).filter(([, spec]) => spec.internalCidrs === undefined).map(([code]) => code);
    if (defaulted.length === 0) return [];
    const regionList = defaulted.length === 1 ? defaulted[0] : `${defaulted.slice(0, -1).join(', ')} and ${defaulted.at(-1)}`;
    return vpcsOf(bp).flatMap((vpc) => {
      const parsed = parseCidr(vpc.cidr);
      if (!parsed.ok || rfc1918.some((b) => contains(b, parsed.block))) return [];
      return [
        warning(
          this.id,
          [...vpc.path, 'cidr'],
          vpc.cidr,
          `is outside RFC 1918, so the default internal ranges of ${regionList} name it VPC by VPC, and adding or removing such a VPC changes the routes of every egress and DMZ stack there. ` +
            `Set internalCidrs in ${regionList} to private ranges that cover it (${contains(shared, parsed.block) ? SHARED_ADDRESS_SPACE : 'its CIDR or a supernet'}, with RFC 1918) to keep those stacks unchanged.`,
        ),
      ];
    });
  },
};

/**
 * "Some AWS services use the 172.17.0.0/16 CIDR range. To avoid future conflicts,
 * don't use this range when creating your VPC" (VPC User Guide, VPC CIDR blocks:
 * docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html): Docker's bridge
 * network, inside Cloud9 and SageMaker among others.
 */
export const dockerBridgeRange: Rule = {
  id: 'docker-bridge-range',
  description: 'Warns about a VPC CIDR overlapping 172.17.0.0/16, which AWS services use themselves (Docker\'s bridge).',
  check(bp) {
    const bridge = blocksOf(['172.17.0.0/16'])[0];
    return vpcsOf(bp).flatMap((vpc) => {
      const parsed = parseCidr(vpc.cidr);
      if (!parsed.ok || !overlaps(parsed.block, bridge)) return [];
      return [warning(this.id, [...vpc.path, 'cidr'], vpc.cidr, 'overlaps 172.17.0.0/16, which some AWS services (Cloud9, SageMaker: Docker\'s bridge network) use; AWS advises against it')];
    });
  },
};
