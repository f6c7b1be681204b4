/**
 * What `synth` writes: one folder per stack plus manifest.json, byte-identical on
 * every run, free of machine paths, and stable when the blueprint grows or shrinks
 * (DESIGN.md, "Stability contract").
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Blueprint } from '../../src/blueprint/schema';
import { validateBlueprint } from '../../src/blueprint/validate';
import { synthesizeNetwork } from '../../src/synth/synthesize';

const ROOT = path.join(__dirname, '..', '..');
const reference = (): Blueprint => JSON.parse(readFileSync(path.join(ROOT, 'templates', 'reference.blueprint.json'), 'utf8'));

/** Every file a synthesis writes, by path relative to the output folder. */
function synthFiles(bp: unknown): Record<string, string> {
  const result = validateBlueprint(bp);
  if (!result.model) throw new Error(JSON.stringify(result.problems, null, 1));
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-synth-test-'));
  try {
    synthesizeNetwork(result.model, { outdir: dir });
    const files: Record<string, string> = {};
    const walk = (at: string) => {
      for (const entry of readdirSync(at)) {
        const full = path.join(at, entry);
        if (statSync(full).isDirectory()) walk(full);
        else files[path.relative(dir, full)] = readFileSync(full, 'utf8');
      }
    };
    walk(dir);
    return files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const stackFile = (name: string) => `stacks/${name}/cdk.tf.json`;

describe('the output folder', () => {
  let files: Record<string, string>;
  beforeAll(() => {
    files = synthFiles(reference());
  });

  it('holds one folder per stack (with its provider lock file), the manifest, the intent file and the hand-off README and diagram', () => {
    const stacks = ['hub', 'egress', 'dmz-prod-dmz', 'dmz-partner-dmz', 'spoke-prod-app', 'spoke-partner-app', 'spoke-internal-app'].map((s) => `acme-eu-west-2-${s}`);
    expect(Object.keys(files).sort()).toEqual(
      [
        ...stacks.map(stackFile),
        ...stacks.map((s) => `stacks/${s}/.terraform.lock.hcl`),
        'stacks/acme-eu-west-2-egress/bootstrap/cloudguard.user-data',
        'manifest.json',
        'gwlb-blueprint.intent.json',
        'README.md',
        'diagram.mmd',
      ].sort(),
    );
    const manifest = JSON.parse(files['manifest.json']);
    expect(Object.keys(manifest.stacks).sort()).toEqual([...stacks].sort());
    expect(manifest.stacks['acme-eu-west-2-dmz-prod-dmz'].dependencies.sort()).toEqual(['acme-eu-west-2-egress', 'acme-eu-west-2-hub']);
    expect(manifest.stacks['acme-eu-west-2-spoke-prod-app'].dependencies).toEqual(['acme-eu-west-2-hub']);
  });

  it('is byte-identical when synthesized twice', () => {
    expect(synthFiles(reference())).toEqual(files);
  });

  it('contains no machine path', () => {
    const machinePaths = [ROOT, tmpdir(), homedir(), process.cwd(), '/tmp/', '/home/', '/root/'];
    for (const [file, content] of Object.entries(files)) {
      for (const p of machinePaths) expect({ file, found: content.includes(p) ? p : undefined }).toEqual({ file, found: undefined });
    }
  });
});

/** Paths of the JSON values that differ between two stacks (`resource.aws_x.name.field`). */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences((a as any)[k], (b as any)[k], at ? `${at}.${k}` : k));
  }
  return [at];
}

describe('stability when the blueprint changes', () => {
  let before: Record<string, string>;
  beforeAll(() => {
    before = synthFiles(reference());
  });

  it('adding a spoke in an existing account adds its stack and changes the egress stack only by the offices\' route to it', () => {
    const bp = reference();
    bp.regions['eu-west-2'].spokes!['billing'] = { account: 'production', cidr: '10.40.0.0/16' };
    const after = synthFiles(bp);
    const egress = stackFile('acme-eu-west-2-egress');
    expect(differences(JSON.parse(before[egress]), JSON.parse(after[egress]))).toEqual(['resource.aws_ec2_transit_gateway_route.tgw_route_onprem_10_40_0_0_16']);
    const stacks = Object.keys(before).filter((f) => f.endsWith('cdk.tf.json') && f !== egress);
    for (const file of stacks) expect({ file, same: after[file] === before[file] }).toEqual({ file, same: true });
    expect(after[stackFile('acme-eu-west-2-spoke-billing')]).toBeDefined();
  });

  it('adding a spoke in a new account changes the hub only by that account’s RAM principal and ID, and the egress stack by the offices\' route', () => {
    const bp = reference();
    bp.accounts['analytics'] = { id: '555555555555' };
    bp.regions['eu-west-2'].spokes!['lake'] = { account: 'analytics', cidr: '10.50.0.0/16' };
    const after = synthFiles(bp);
    const hub = stackFile('acme-eu-west-2-hub');
    const egress = stackFile('acme-eu-west-2-egress');
    // The network's account IDs, which the DMZs' S3 endpoints read from the hub.
    expect(differences(JSON.parse(before[hub]), JSON.parse(after[hub])).sort()).toEqual(['output.network_account_ids.value', 'resource.aws_ram_principal_association.hub_share_with_analytics']);
    expect(differences(JSON.parse(before[egress]), JSON.parse(after[egress]))).toEqual(['resource.aws_ec2_transit_gateway_route.tgw_route_onprem_10_50_0_0_16']);
    for (const file of Object.keys(before).filter((f) => f.endsWith('cdk.tf.json') && f !== hub && f !== egress)) {
      expect({ file, same: after[file] === before[file] }).toEqual({ file, same: true });
    }
  });

  it('removing a DMZ removes its stack and only its account from the fleet’s allowed principals', () => {
    const bp = reference();
    delete bp.regions['eu-west-2'].dmzs!['partner-dmz'];
    const after = synthFiles(bp);
    expect(after[stackFile('acme-eu-west-2-dmz-partner-dmz')]).toBeUndefined();
    const egress = stackFile('acme-eu-west-2-egress');
    expect(differences(JSON.parse(before[egress]), JSON.parse(after[egress])).sort()).toEqual(
      ['resource.aws_ec2_transit_gateway_route.tgw_route_onprem_10_253_0_0_20', 'resource.aws_vpc_endpoint_service.fleet_cloudguard_endpoint_service.allowed_principals'],
    );
    expect(JSON.parse(after[egress]).resource.aws_vpc_endpoint_service.fleet_cloudguard_endpoint_service.allowed_principals).toEqual(['arn:aws:iam::111111111111:root']);
    for (const file of Object.keys(before).filter((f) => f.endsWith('cdk.tf.json') && f !== egress && !f.includes('partner-dmz'))) {
      expect({ file, same: after[file] === before[file] }).toEqual({ file, same: true });
    }
  });

  it('removing a VPN changes only the hub', () => {
    const bp = reference();
    delete bp.regions['eu-west-2'].vpnConnections;
    const after = synthFiles(bp);
    for (const file of Object.keys(before).filter((f) => f.endsWith('cdk.tf.json'))) {
      if (file.includes('-hub/')) {
        // The hub as it was, less the VPN's own resources and outputs, is the hub as it is now.
        const withoutVpn = JSON.parse(before[file]);
        const dropVpn = (byName: Record<string, unknown>) => {
          for (const name of Object.keys(byName)) if (name.startsWith('vpn_london_office_')) delete byName[name];
        };
        for (const [type, byName] of Object.entries(withoutVpn.resource as Record<string, Record<string, unknown>>)) {
          dropVpn(byName);
          if (Object.keys(byName).length === 0) delete withoutVpn.resource[type];
        }
        dropVpn(withoutVpn.output);
        for (const outputs of Object.values(withoutVpn['//'].outputs as Record<string, Record<string, unknown>>)) dropVpn(outputs);
        expect(differences(withoutVpn, JSON.parse(after[file]))).toEqual([]);
      } else {
        expect({ file, same: after[file] === before[file] }).toEqual({ file, same: true });
      }
    }
  });
});
