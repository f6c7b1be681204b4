import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BlueprintLoadError, parseBlueprintText, readBlueprintFile } from '../../src/blueprint/load';
import { REFERENCE_FILE, REFERENCE_TEXT, reference } from '../helpers/blueprints';

/** The BlueprintLoadError that parsing `text` as `file` throws. */
function loadError(text: string, file: string): BlueprintLoadError {
  try {
    parseBlueprintText(text, file);
  } catch (err) {
    if (err instanceof BlueprintLoadError) return err;
    throw err;
  }
  throw new Error(`${file} parsed without an error`);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-load-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('malformed JSON', () => {
  it('reports the line and column of a missing comma', () => {
    const text = '{\n  "name": "acme",\n  "accounts": {}\n  "regions": {}\n}\n';
    const err = loadError(text, 'net.json');
    expect(err.position).toEqual({ line: 4, column: 3 }); // where "regions" starts
    expect(err.message).toBe('net.json:4:3: malformed JSON: comma expected');
  });

  it('reports a trailing comma at the closing brace', () => {
    const err = loadError('{\n  "name": "acme",\n}\n', 'net.json');
    expect(err.position).toEqual({ line: 3, column: 1 });
    expect(err.message).toContain('malformed JSON');
  });

  it('refuses comments (a blueprint is plain JSON)', () => {
    const err = loadError('{\n  // the network\n  "name": "acme"\n}', 'net.json');
    expect(err.position).toEqual({ line: 2, column: 3 });
  });

  it('reports an unterminated string where it starts', () => {
    expect(loadError('{\n  "name": "acme\n}\n', 'net.json').position).toEqual({ line: 2, column: 11 });
  });

  it('refuses an empty file', () => {
    const err = loadError('', 'net.json');
    expect(err.file).toBe('net.json');
    expect(err.message).toContain('malformed JSON');
  });

  it('refuses a duplicate key and points at the second one', () => {
    const text = '{\n  "accounts": {\n    "network": { "id": "111111111111" },\n    "network": { "id": "222222222222" }\n  }\n}\n';
    const err = loadError(text, 'net.json');
    expect(err.position).toEqual({ line: 4, column: 5 });
    expect(err.message).toBe('net.json:4:5: duplicate key "network" (names must be unique)');
  });

  it('ignores a UTF-8 byte order mark', () => {
    expect(parseBlueprintText(`\ufeff${REFERENCE_TEXT}`, 'bom.json').value).toEqual(reference());
  });
});

describe('malformed YAML', () => {
  it('reports the line and column of a misindented key', () => {
    const text = 'name: acme\naccounts:\n  network:\n    id: "111111111111"\n   roleArn: x\n';
    const err = loadError(text, 'net.yaml');
    expect(err.position).toEqual({ line: 5, column: 1 });
    expect(err.message).toBe('net.yaml:5:1: malformed YAML: All mapping items must start at the same column');
  });

  it('reports an unclosed flow sequence on the line after it', () => {
    const text = 'name: acme\nregions:\n  eu-west-2:\n    availabilityZones: [euw2-az1, euw2-az2\n    egress: {}\n';
    expect(loadError(text, 'net.yml').position).toEqual({ line: 5, column: 5 });
  });

  it('refuses a duplicate key and points at the second one', () => {
    const err = loadError('name: acme\naccounts:\n  network: {}\n  network: {}\n', 'net.yaml');
    expect(err.position).toEqual({ line: 4, column: 3 });
    expect(err.message).toContain('unique');
  });

  it('refuses tabs as indentation, with the line', () => {
    expect(loadError('name: acme\naccounts:\n\tnetwork: {}\n', 'net.yaml').position?.line).toBe(3);
  });

  it('refuses an empty document', () => {
    expect(loadError('# nothing yet\n', 'net.yaml').message).toBe('net.yaml: malformed YAML: the file is empty');
  });
});

describe('readBlueprintFile', () => {
  it('names a missing file', () => {
    const missing = path.join(dir, 'nowhere.json');
    expect(() => readBlueprintFile(missing)).toThrow(BlueprintLoadError);
    expect(() => readBlueprintFile(missing)).toThrow(`${missing}: no such file`);
  });

  it('says when the path is a folder', () => {
    const folder = path.join(dir, 'a-folder.json');
    mkdirSync(folder, { recursive: true });
    expect(() => readBlueprintFile(folder)).toThrow('is a directory');
  });

  it('reads JSON and YAML to the same value, keeping the file name as given', () => {
    const json = readBlueprintFile(REFERENCE_FILE);
    expect(json.format).toBe('json');
    expect(json.file).toBe(REFERENCE_FILE);
    expect(json.value).toEqual(reference());
    const yaml = readBlueprintFile(write('net.yaml', REFERENCE_YAML));
    expect(yaml.format).toBe('yaml');
    expect(yaml.value).toEqual(reference());
  });

  it('sniffs the format of a file without a known extension', () => {
    expect(readBlueprintFile(write('blueprint', REFERENCE_TEXT)).format).toBe('json');
    expect(readBlueprintFile(write('blueprint.txt', REFERENCE_YAML)).format).toBe('yaml');
  });
});

describe('locate', () => {
  it('finds a nested JSON path at its key (reference blueprint, line 24)', () => {
    const doc = parseBlueprintText(REFERENCE_TEXT, 'ref.json');
    // line 24:       "egress": { "account": "network", "cidr": "10.255.0.0/20", ... }
    expect(doc.locate(['regions', 'eu-west-2', 'egress', 'cidr'])).toEqual({ line: 24, column: 41 });
    // line 21:           "managementCidrs": ["10.0.0.0/8"]
    expect(doc.locate(['regions', 'eu-west-2', 'fleets', 'cloudguard', 'managementCidrs', 0])).toEqual({ line: 21, column: 31 });
  });

  it('falls back to the nearest existing parent for a missing JSON path', () => {
    const doc = parseBlueprintText(REFERENCE_TEXT, 'ref.json');
    expect(doc.locate(['regions', 'eu-west-2', 'spokes', 'prod-app', 'routes'])?.line).toBe(30);
    expect(doc.locate(['nothing', 'here'])).toEqual({ line: 1, column: 1 });
  });

  it('finds a nested YAML path on its line', () => {
    const doc = parseBlueprintText(REFERENCE_YAML, 'ref.yaml');
    expect(doc.locate(['regions', 'eu-west-2', 'egress', 'cidr'])?.line).toBe(24);
    expect(doc.locate(['regions', 'eu-west-2', 'availabilityZones', 1])).toEqual({ line: 12, column: 35 });
    expect(doc.locate(['accounts', 'partner', 'id'])?.line).toBe(6);
  });

  it('falls back to the nearest existing parent for a missing YAML path', () => {
    const doc = parseBlueprintText(REFERENCE_YAML, 'ref.yaml');
    expect(doc.locate(['regions', 'eu-west-2', 'spokes', 'prod-app', 'routes'])?.line).toBe(30);
  });
});

/** The reference blueprint, written by hand as YAML; line numbers matter to the tests above. */
const REFERENCE_YAML = `name: acme
tags: { Owner: network-team, CostCentre: NET-001 }
accounts:
  network:    { id: "111111111111", roleArn: "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole" }
  production: { id: "222222222222", roleArn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole" }
  partner:    { id: "333333333333", roleArn: "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole" }
  nonpublic:  { id: "444444444444", roleArn: "arn:aws:iam::444444444444:role/OrganizationAccountAccessRole" }

# one region
regions:
  eu-west-2:
    availabilityZones: [euw2-az1, euw2-az2, euw2-az3]
    transitGateway: { account: network, amazonSideAsn: 64520 }
    fleets:
      cloudguard:
        vendor: checkpoint
        ami: ami-0a1b2c3d4e5f67890
        instanceType: c5.xlarge
        minSize: 3
        maxSize: 6
        managementCidrs: [10.0.0.0/8]
    egress:
      account: network
      cidr: 10.255.0.0/20
      fleet: cloudguard
    dmzs:
      prod-dmz:    { account: network, cidr: 10.254.0.0/20, fleet: cloudguard, shareWith: [production] }
      partner-dmz: { account: partner, cidr: 10.253.0.0/20, fleet: cloudguard }
    spokes:
      prod-app:     { account: production, cidr: 10.10.0.0/16 }
      partner-app:  { account: partner,    cidr: 10.20.0.0/16 }
      internal-app: { account: nonpublic,  cidr: 10.30.0.0/16 }
    inspection: { eastWest: true }
    vpnConnections:
      london-office: { customerGatewayIp: 203.0.113.10, bgpAsn: 65010 }
state: { backend: local }
`;
