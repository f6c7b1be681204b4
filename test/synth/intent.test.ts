/** The intent file: what verify must prove, including a stand-in prefix for each BGP office that lists none. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { block, overlaps } from '../../src/blueprint/cidr';
import { validateBlueprint } from '../../src/blueprint/validate';
import { intentOf } from '../../src/synth/intent';
import { synthesizeVerified } from '../../src/synth/verified-synthesis';
import { reference, regionOf } from '../helpers/blueprints';

function twoBgpOffices() {
  const bp = reference();
  regionOf(bp).vpnConnections = {
    'london-office': { customerGatewayIp: '203.0.113.10', bgpAsn: 65010 },
    'paris-office': { customerGatewayIp: '203.0.113.11', bgpAsn: 65011 },
    // A declared prefix where the first stand-in would otherwise go (the top /24 of 10.0.0.0/8 is free of VPCs).
    'leeds-office': { customerGatewayIp: '203.0.113.12', bgpAsn: 65012, cidrs: ['10.255.255.0/24'] },
  };
  const result = validateBlueprint(bp);
  if (!result.model) throw new Error(JSON.stringify(result.problems));
  return result.model;
}

describe('stand-in prefixes of BGP offices without cidrs', () => {
  it('gives every office its own, clear of every VPC and of every declared office prefix', () => {
    const model = twoBgpOffices();
    const prefixes = intentOf(model).regions['eu-west-2'].vpnPrefixes;
    const london = prefixes['acme-eu-west-2-london-office'];
    const paris = prefixes['acme-eu-west-2-paris-office'];
    expect(prefixes['acme-eu-west-2-leeds-office']).toEqual(['10.255.255.0/24']);
    expect(london).toHaveLength(1);
    expect(paris).toHaveLength(1);
    const all = [...london, ...paris, '10.255.255.0/24'].map(block);
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j])).toBe(false);
    const vpcs = model.regions[0];
    for (const vpc of [vpcs.egress, ...vpcs.dmzs, ...vpcs.spokes]) {
      for (const office of [...london, ...paris]) expect(overlaps(block(vpc.cidr), block(office))).toBe(false);
    }
  });

  it('lets a valid blueprint with two such offices synthesize and verify (it was refused as a defect, exit 2)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-intent-'));
    try {
      const { verification } = synthesizeVerified(twoBgpOffices(), { outdir: dir });
      expect(verification.flows.filter((f) => !f.ok)).toEqual([]);
      expect(verification.ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
