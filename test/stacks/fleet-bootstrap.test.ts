/**
 * The rendered bootstrap of every vendor, read as the appliance reads it: cloud-init
 * YAML (Check Point), VM-Series init-cfg key=value pairs, FortiOS configuration
 * blocks, and the generic appliance's shell script.
 */
import * as path from 'node:path';
import { isAlias, isMap, isSeq, parseDocument, type Document } from 'yaml';
import { readBlueprintFile } from '../../src/blueprint/load';
import { parseFortiOs } from '../helpers/fortios';
import { modelOfValue, REFERENCE, resources, ROOT, synthStacksWithFiles } from './support';

const MULTI = path.join(ROOT, 'examples', 'multi-region.blueprint.yaml');
const LAB = path.join(ROOT, 'examples', 'single-account.blueprint.json');
const blueprint = (file: string) => readBlueprintFile(file).value as any;
const synth = (bp: unknown) => synthStacksWithFiles(modelOfValue(bp));

/** `a=b;c=d` or one pair a line → map; a key given twice is a defect. */
function pairs(text: string, separator: string | RegExp): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of text.split(separator).map((s) => s.trim()).filter(Boolean)) {
    const at = item.indexOf('=');
    expect(at).toBeGreaterThan(0);
    const key = item.slice(0, at);
    expect(map.has(key)).toBe(false);
    map.set(key, item.slice(at + 1));
  }
  return map;
}

describe('Check Point: cloud-init as the vendor\'s autoscale GWLB user data lays it out', () => {
  let doc: Document;
  let text: string;
  let lt: any;
  beforeAll(() => {
    const bp = blueprint(REFERENCE);
    bp.regions['eu-west-2'].fleets.cloudguard.bootstrapSecret = '/acme/cloudguard/sic-key';
    const { stacks, files } = synth(bp);
    text = files['acme-eu-west-2-egress']['bootstrap/cloudguard.user-data'];
    lt = resources(stacks['acme-eu-west-2-egress'], 'aws_launch_template').fleet_cloudguard_launch_template;
    doc = parseDocument(text);
  });

  it('is a #cloud-config YAML document', () => {
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    expect(doc.errors).toEqual([]);
  });

  it('bridges eth0 as br0 with the ENI\'s own address, gateway, DNS and MTU (the image fills the *eth0-... aliases)', () => {
    const bridge = doc.getIn(['network', 'config', 0], true);
    expect(isMap(bridge)).toBe(true);
    expect(doc.getIn(['network', 'config', 0, 'type'])).toBe('bridge');
    expect(doc.getIn(['network', 'config', 0, 'name'])).toBe('br0');
    expect((doc.getIn(['network', 'config', 0, 'bridge_interfaces']) as any).toJSON()).toEqual(['eth0']);
    const alias = (p: (string | number)[]) => {
      const node = doc.getIn(['network', 'config', 0, ...p], true);
      return isAlias(node) ? node.source : `not an alias: ${String(node)}`;
    };
    expect(alias(['mtu'])).toBe('eth0-mtu');
    expect(alias(['subnets', 0, 'address'])).toBe('eth0-private');
    expect(alias(['subnets', 0, 'gateway'])).toBe('default-gateway');
    expect(doc.getIn(['network', 'config', 0, 'subnets', 0, 'type'])).toBe('static');
  });

  it('enables GENEVE on the bridge and runs the vendor\'s hairpin script at boot, appending nothing to rc.local', () => {
    expect((doc.getIn(['kernel_parameters', 'sim']) as any).toJSON()).toEqual(['sim_geneve_enabled=1', 'sim_geneve_br_dev=br0']);
    expect((doc.getIn(['kernel_parameters', 'fw']) as any).toJSON()).toEqual(['fwtls_bridge_mode_inspection=1', 'fw_geneve_enabled=1']);
    expect((doc.getIn(['bootcmd']) as any).toJSON()).toEqual(['$CGEDIR/scripts/hairpin_on.sh AwsGwlb']);
    expect(text).not.toContain('rc.local');
  });

  it('reads the SIC key at boot from the SSM parameter and hands it base64-encoded to cloud_config.py as an autoscale gateway', () => {
    const runcmd = doc.getIn(['runcmd']);
    expect(isSeq(runcmd)).toBe(true);
    const script = String(doc.getIn(['runcmd', 0]));
    expect(script).toContain('case "ssm" in');
    expect(script).toContain('aws ssm get-parameter --region eu-west-2 --name "/acme/cloudguard/sic-key" --with-decryption');
    expect(script).toMatch(/python3 \/etc\/cloud_config\.py installationType="autoscale" templateName="autoscale_gwlb" sicKey="\$\(printf '%s' "\$sic_key" \| base64 -w0\)"/);
  });

  it('is passed to the launch template as a file, IMDSv2 required', () => {
    expect(lt.user_data).toBe('${filebase64("bootstrap/cloudguard.user-data")}');
    expect(lt.metadata_options.http_tokens).toBe('required');
  });
});

describe('Palo Alto: VM-Series init-cfg keys', () => {
  let files: Record<string, string>;
  beforeAll(() => {
    files = synth(blueprint(MULTI)).files['globex-eu-west-1-egress'];
  });

  it('with a bucket, the user data points at it and swaps the interfaces, and holds no Panorama key', () => {
    const userData = pairs(files['bootstrap/vmseries.user-data'], ';');
    expect(Object.fromEntries(userData)).toEqual({ 'vmseries-bootstrap-aws-s3bucket': 'globex-vmseries-bootstrap', 'mgmt-interface-swap': 'enable' });
  });

  it('the bucket\'s init-cfg.txt joins Panorama\'s template stack and device group, with GWLB inspection on, and leaves the auth key to the team', () => {
    const init = pairs(files['bootstrap/vmseries.init-cfg.txt'], '\n');
    expect(init.get('type')).toBe('dhcp-client');
    expect(init.get('mgmt-interface-swap')).toBe('enable');
    expect(init.get('plugin-op-commands')?.split(',')).toContain('aws-gwlb-inspect:enable');
    expect(init.get('panorama-server')).toBe('10.100.0.10');
    expect(init.get('panorama-server-2')).toBe('10.100.0.11');
    expect(init.get('tplname')).toBe('globex-gwlb-stack');
    expect(init.get('dgname')).toBe('globex-gwlb');
    expect([...init.keys()].filter((k) => /auth-key|authcodes|pin-value/.test(k))).toEqual([]);
  });

  it('without a bucket, the user data is the whole basic configuration; an IMDSv1 opt-out is on the launch template with its reason', () => {
    const bp = blueprint(MULTI);
    const vm = bp.regions['eu-west-1'].fleets.vmseries;
    for (const key of ['bootstrapBucket', 'management', 'licensing']) delete vm[key];
    vm.allowImdsV1 = 'VM-Series plugin 2.1.4';
    const { stacks, files } = synth(bp);
    const userData = pairs(files['globex-eu-west-1-egress']['bootstrap/vmseries.user-data'], ';');
    expect(userData.get('mgmt-interface-swap')).toBe('enable');
    expect(userData.get('plugin-op-commands')).toBe('aws-gwlb-inspect:enable');
    expect(userData.has('vmseries-bootstrap-aws-s3bucket')).toBe(false);
    expect(files['globex-eu-west-1-egress']['bootstrap/vmseries.init-cfg.txt']).toBeUndefined();
    const lt = resources(stacks['globex-eu-west-1-egress'], 'aws_launch_template').fleet_vmseries_launch_template;
    expect(lt.metadata_options.http_tokens).toBe('optional');
    expect(lt.tags['gwlb-blueprint:imdsv1-exception']).toBe('VM-Series plugin 2.1.4');
  });
});

describe('FortiGate: FortiOS configuration blocks', () => {
  const tunnels = ['gwlb-az1', 'gwlb-az2', 'gwlb-az4'];
  let files: Record<string, string>;
  beforeAll(() => {
    files = synth(blueprint(MULTI)).files['globex-us-east-1-egress'];
  });

  it('with a bucket, the user data is FortiOS\'s S3 pointer to the configuration and the license object', () => {
    expect(JSON.parse(files['bootstrap/fortigate.user-data'])).toEqual({
      bucket: 'globex-fortigate-bootstrap',
      region: 'us-east-1',
      config: '/gwlb-blueprint/fortigate/fortigate.conf',
      license: '/license/fortigate-flex.lic',
    });
  });

  it('runs the data port at MTU 9001 and answers the GWLB health check on 8008', () => {
    const config = parseFortiOs(files['bootstrap/fortigate.fortigate.conf.tftpl']);
    const port1 = config.get('system interface')!.entries.get('port1')!.settings;
    expect(port1.mtu).toEqual(['9001']);
    expect(port1['mtu-override']).toEqual(['enable']);
    expect(port1.allowaccess).toContain('probe-response');
    expect(config.get('system probe-response')!.settings).toMatchObject({ mode: ['http-probe'], port: ['8008'] });
  });

  it('has a GENEVE tunnel to each AZ\'s GWLB interface, hairpinned, routed for reverse-path checks, in one zone', () => {
    const config = parseFortiOs(files['bootstrap/fortigate.fortigate.conf.tftpl']);
    const geneve = config.get('system geneve')!.entries;
    expect([...geneve.keys()]).toEqual(tunnels);
    for (const t of tunnels) expect(geneve.get(t)!.settings).toEqual({ interface: ['port1'], type: ['ppp'], 'remote-ip': [`\${gwlb_ip_${t.slice(5)}}`] });
    expect(config.get('system zone')!.entries.get('gwlb')!.settings.interface).toEqual(tunnels);
    const hairpins = [...config.get('router policy')!.entries.values()].map((e) => [e.settings['input-device'][0], e.settings['output-device'][0]]);
    expect(hairpins).toEqual(tunnels.map((t) => [t, t]));
    const routes = [...config.get('router static')!.entries.values()].map((e) => e.settings);
    expect(routes.map((r) => r.device[0])).toEqual(tunnels);
    for (const r of routes) expect(r.dst).toBeUndefined();
  });

  it('passes and logs everything between the tunnels on first boot, so the implicit deny drops nothing', () => {
    const policies = [...parseFortiOs(files['bootstrap/fortigate.fortigate.conf.tftpl']).get('firewall policy')!.entries.values()].map((e) => e.settings);
    expect(policies).toEqual([
      expect.objectContaining({ srcintf: ['gwlb'], dstintf: ['gwlb'], srcaddr: ['all'], dstaddr: ['all'], service: ['ALL'], action: ['accept'], logtraffic: ['all'] }),
    ]);
  });

  it('registers with FortiManager', () => {
    const central = parseFortiOs(files['bootstrap/fortigate.fortigate.conf.tftpl']).get('system central-management')!.settings;
    expect(central).toEqual({ type: ['fortimanager'], fmg: ['10.100.0.20'], 'serial-number': ['FMGVMSTM00000001'] });
  });

  it('deny-until-managed drops (and logs) until FortiManager installs a policy', () => {
    const bp = blueprint(MULTI);
    bp.regions['us-east-1'].fleets.fortigate.initialPolicy = 'deny-until-managed';
    const config = parseFortiOs(synth(bp).files['globex-us-east-1-egress']['bootstrap/fortigate.fortigate.conf.tftpl']);
    const policies = [...config.get('firewall policy')!.entries.values()].map((e) => e.settings);
    expect(policies.map((p) => [p.action[0], p.logtraffic[0]])).toEqual([['deny', 'all']]);
  });
});

describe('generic: the lab appliance\'s script', () => {
  it('raises the data interface to MTU 9001 and runs gwlbtun answering the health check port', () => {
    const script = synth(blueprint(LAB)).files['lab-us-east-1-egress']['bootstrap/hairpin.user-data'];
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    expect(script).toContain('ip link set dev "$data_dev" mtu 9001');
    expect(script).toMatch(/ExecStart=\/opt\/gwlbtun\/gwlbtun -c \S+create-passthrough\.sh -p 80\n/);
  });
});
