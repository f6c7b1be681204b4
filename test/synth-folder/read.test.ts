/**
 * The synth-folder reader: what verify, the hand-off and diff see of a folder is
 * what Terraform would load from it, and a folder that is not a network is
 * refused naming the file and the JSON path.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FolderError, instancesOf, literalText, readSynthFolder, readSynthFolderSync } from '../../src/synth-folder';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwlb-folder-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (file: string, content: unknown) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
};

const entry = (name: string, file = 'cdk.tf.json', dependencies: string[] = []) => ({
  name,
  dependencies,
  synthesizedStackPath: `stacks/${name}/${file}`,
  workingDirectory: `stacks/${name}`,
});

const route = (cidr: string, extra: Record<string, unknown> = {}) => ({
  route_table_id: '${aws_route_table.rt.id}',
  destination_cidr_block: cidr,
  transit_gateway_id: 'tgw-1',
  ...extra,
});

/** One stack `a` whose cdk.tf.json holds `resource`. */
function oneStack(resource: Record<string, unknown>, extraTop: Record<string, unknown> = {}) {
  write('manifest.json', { stacks: { a: entry('a') } });
  write('stacks/a/cdk.tf.json', { provider: { aws: [{ region: 'eu-west-2' }] }, resource, ...extraTop });
}

function refusal(read: () => unknown): FolderError {
  try {
    read();
  } catch (err) {
    if (err instanceof FolderError) return err;
    throw err;
  }
  throw new Error('the folder was read without a refusal');
}

describe('the manifest', () => {
  it('reads the stacks in manifest order with their dependencies', () => {
    write('manifest.json', { stacks: { hub: entry('hub'), spoke: entry('spoke', 'cdk.tf.json', ['hub']) } });
    write('stacks/hub/cdk.tf.json', { resource: {} });
    write('stacks/spoke/cdk.tf.json', { resource: {} });
    const folder = readSynthFolderSync(dir);
    expect(folder.stacks.map((s) => [s.name, s.file, s.dependencies])).toEqual([
      ['hub', 'stacks/hub/cdk.tf.json', []],
      ['spoke', 'stacks/spoke/cdk.tf.json', ['hub']],
    ]);
  });

  it.each([
    ['an empty object', {}, '$.stacks: must be an object of stacks by name'],
    ['null', null, '$ = null: is not a cdktf manifest'],
    ['no stacks', { stacks: {} }, '$.stacks = {}: names no stack: this folder describes no network'],
    ['a stack entry that is not an object', { stacks: { a: 3 } }, '$.stacks.a = 3: must be an object'],
    ['a stack entry without a file', { stacks: { a: {} } }, '$.stacks.a.synthesizedStackPath: must be a relative path'],
    ['a file outside the folder', { stacks: { a: { synthesizedStackPath: '../x/cdk.tf.json' } } }, '$.stacks.a.synthesizedStackPath = "../x/cdk.tf.json"'],
    ['an unknown dependency', { stacks: { a: { ...entry('a'), dependencies: ['ghost'] } } }, '$.stacks.a.dependencies = "ghost": is not a stack of this manifest'],
  ])('refuses %s, naming the path', (_what, manifest, message) => {
    write('manifest.json', manifest);
    write('stacks/a/cdk.tf.json', { resource: {} });
    const err = refusal(() => readSynthFolderSync(dir));
    expect(err.message).toContain(`manifest.json: ${message}`);
  });

  it('refuses malformed JSON, naming the file', () => {
    write('manifest.json', '{"stacks": ');
    expect(refusal(() => readSynthFolderSync(dir)).message).toMatch(/^manifest\.json: \$: is not valid JSON/);
  });

  it('refuses a stack folder on disk that the manifest does not name', () => {
    oneStack({});
    write('stacks/dropped/cdk.tf.json', { resource: {} });
    expect(refusal(() => readSynthFolderSync(dir)).message).toContain('has no entry for the stack folder stacks/dropped on disk');
  });

  it('refuses a stack the manifest names but the disk does not hold', () => {
    write('manifest.json', { stacks: { a: entry('a'), b: entry('b') } });
    write('stacks/a/cdk.tf.json', { resource: {} });
    expect(refusal(() => readSynthFolderSync(dir)).message).toContain('$.stacks.b.synthesizedStackPath = "stacks/b/cdk.tf.json": names a file that does not exist');
  });

  it('ignores folders without configuration (what terraform init leaves)', () => {
    oneStack({});
    write('stacks/.terraform/x', '');
    write('stacks/notes/readme.txt', 'hi');
    expect(readSynthFolderSync(dir).stacks).toHaveLength(1);
  });
});

describe('a stack folder, as Terraform loads it', () => {
  it('adds the resources of every other config file in the folder', () => {
    oneStack({ aws_route: { a: route('10.0.0.0/8') } });
    write('stacks/a/extra.tf.json', { resource: { aws_route: { sneaky: route('8.0.0.0/8') } } });
    const stack = readSynthFolderSync(dir).stacks[0];
    expect(Object.keys(stack.config.resource.aws_route).sort()).toEqual(['a', 'sneaky']);
    expect(stack.configFiles).toEqual(['stacks/a/cdk.tf.json', 'stacks/a/extra.tf.json']);
  });

  it('applies override files the way Terraform does: arguments replace the original ones', () => {
    oneStack({ aws_route: { a: route('10.0.0.0/8') } });
    write('stacks/a/override.tf.json', { resource: { aws_route: { a: { destination_cidr_block: '0.0.0.0/0', nat_gateway_id: 'nat-1' } } } });
    const args = readSynthFolderSync(dir).stacks[0].config.resource.aws_route.a;
    expect(args).toMatchObject({ destination_cidr_block: '0.0.0.0/0', nat_gateway_id: 'nat-1', transit_gateway_id: 'tgw-1' });
  });

  it('applies override files in lexicographical order, as Terraform does, whatever the machine language', () => {
    oneStack({ aws_route: { a: route('10.0.0.0/8') } });
    // Code unit order puts B_ before a_, so a_override.tf.json is applied last and wins (English collation would put a_ first).
    write('stacks/a/a_override.tf.json', { resource: { aws_route: { a: { nat_gateway_id: 'nat-from-a' } } } });
    write('stacks/a/B_override.tf.json', { resource: { aws_route: { a: { nat_gateway_id: 'nat-from-B' } } } });
    expect(readSynthFolderSync(dir).stacks[0].config.resource.aws_route.a.nat_gateway_id).toBe('nat-from-a');
  });

  it('refuses an override of a block no primary file declares, and a block declared twice', () => {
    oneStack({ aws_route: { a: route('10.0.0.0/8') } });
    write('stacks/a/x_override.tf.json', { resource: { aws_route: { ghost: { destination_cidr_block: '0.0.0.0/0' } } } });
    expect(refusal(() => readSynthFolderSync(dir)).message).toContain('stacks/a/x_override.tf.json: $.resource.aws_route.ghost: overrides a block that no primary file declares');
    rmSync(path.join(dir, 'stacks/a/x_override.tf.json'));
    write('stacks/a/twice.tf.json', { resource: { aws_route: { a: route('10.0.0.0/8') } } });
    expect(refusal(() => readSynthFolderSync(dir)).message).toContain('stacks/a/twice.tf.json: $.resource.aws_route.a: is declared twice');
  });

  it('skips the files Terraform skips (hidden, editor backups)', () => {
    oneStack({});
    write('stacks/a/.hidden.tf.json', { resource: { aws_route: { x: route('8.0.0.0/8') } } });
    write('stacks/a/cdk.tf.json~', '{');
    expect(readSynthFolderSync(dir).stacks[0].config.resource).toEqual({});
  });

  it('lists the other files of the stack folder, user data included', () => {
    oneStack({});
    write('stacks/a/bootstrap/fleet.user-data', '#cloud-config');
    expect(readSynthFolderSync(dir).stacks[0].extraFiles).toEqual(['bootstrap/fleet.user-data']);
  });
});

describe('instances: what Terraform would create', () => {
  const read = () => {
    const stack = readSynthFolderSync(dir).stacks[0];
    return instancesOf(stack.config, stack.file);
  };

  it('count = 0 creates nothing; count = 2 creates two indexed instances with count.index filled in', () => {
    oneStack({ aws_route: { gone: route('0.0.0.0/0', { count: 0 }), two: route('10.${count.index}.0.0/16', { count: 2 }) } });
    const routes = read().resource.aws_route;
    expect(Object.keys(routes)).toEqual(['two[0]', 'two[1]']);
    expect(routes['two[1]'].destination_cidr_block).toBe('10.1.0.0/16');
    expect(routes['two[0]'].count).toBeUndefined();
  });

  it('a literal for_each map creates one instance per key', () => {
    oneStack({ aws_route: { r: route('${each.value}', { for_each: { internet: '0.0.0.0/0', corp: '10.0.0.0/8' } }) } });
    const routes = read().resource.aws_route;
    expect(routes['r["corp"]'].destination_cidr_block).toBe('10.0.0.0/8');
    expect(Object.keys(routes)).toEqual(['r["internet"]', 'r["corp"]']);
  });

  it.each([
    ['a count expression', { count: '${var.n}' }, '$.resource.aws_route.r.count = "${var.n}": is not a literal whole number'],
    ['a for_each expression', { for_each: '${toset(["a"])}' }, '$.resource.aws_route.r.for_each = "${toset([\\"a\\"])}": is not a literal map'],
    ['a for_each list', { for_each: ['a'] }, 'is a list; Terraform takes a map or a set of strings'],
    ['count with for_each', { count: 1, for_each: { a: 1 } }, 'is set together with count'],
    ['a dynamic block', { dynamic: { ingress: { for_each: [1], content: {} } } }, '$.resource.aws_route.r.dynamic = '],
    ['a dynamic block inside a list of blocks', { timeouts: [{ create: '5m' }, { nested: { dynamic: { x: {} } } }] }, '$.resource.aws_route.r.timeouts[1].nested.dynamic = {"x":{}}: is a dynamic block'],
  ])('refuses %s by name', (_what, extra, message) => {
    oneStack({ aws_route: { r: route('10.0.0.0/8', extra) } });
    const err = refusal(read);
    expect(err.message).toContain('stacks/a/cdk.tf.json: ');
    expect(err.message).toContain(message);
  });

  it('reads a dynamic key inside a // comment as part of the comment', () => {
    oneStack({ aws_route: { r: route('10.0.0.0/8', { '//': { dynamic: { note: 'cdktf metadata' } } }) } });
    expect(read().resource.aws_route.r.destination_cidr_block).toBe('10.0.0.0/8');
  });

  it('refuses a module call', () => {
    oneStack({}, { module: { hidden: { source: './x' } } });
    expect(refusal(read).message).toContain('$.module.hidden: is a module call');
  });
});

describe('literal strings', () => {
  it('unescapes what Terraform unescapes, and knows an expression from a literal', () => {
    expect(literalText('a $${b} %%{c}')).toBe('a ${b} %{c}');
    expect(literalText('${aws_vpc.a.id}')).toBeUndefined();
    expect(literalText('x-%{if true}y%{endif}')).toBeUndefined();
  });
});

describe('HCL stacks (synth --hcl)', () => {
  it('are parsed into the same shape as Terraform JSON', async () => {
    write('manifest.json', { stacks: { a: entry('a', 'cdk.tf') } });
    write(
      'stacks/a/cdk.tf',
      [
        'terraform {',
        '  backend "local" {',
        '    path = "../../state/a.tfstate"',
        '  }',
        '}',
        'provider "aws" {',
        '  region = "eu-west-2"',
        '}',
        'resource "aws_route" "r" {',
        '  route_table_id         = aws_route_table.rt.id',
        '  destination_cidr_block = "10.0.0.0/8"',
        '  tags = { Name = "a $${b}" }',
        '}',
      ].join('\n'),
    );
    const folder = await readSynthFolder(dir);
    const stack = folder.stacks[0];
    expect(stack.format).toBe('hcl');
    expect(stack.config.terraform.backend).toEqual({ local: { path: '../../state/a.tfstate' } });
    expect(stack.config.provider.aws).toEqual([{ region: 'eu-west-2' }]);
    expect(stack.config.resource.aws_route.r).toMatchObject({ route_table_id: '${aws_route_table.rt.id}', destination_cidr_block: '10.0.0.0/8', tags: { Name: 'a $${b}' } });
  });

  it('refuses HCL that does not parse, naming the file and the line', async () => {
    write('manifest.json', { stacks: { a: entry('a', 'cdk.tf') } });
    write('stacks/a/cdk.tf', 'resource "aws_route" "r" {\n  x = \n}\n');
    await expect(readSynthFolder(dir)).rejects.toThrow(/stacks\/a\/cdk\.tf: \$: is not valid HCL \(.*cdk\.tf:2/);
  });

  it('names the first problem of badly broken HCL in one short line, not the parser\'s whole report', async () => {
    write('manifest.json', { stacks: { a: entry('a', 'cdk.tf') } });
    write('stacks/a/cdk.tf', Array.from({ length: 200 }, (_, i) => `resource "aws_route" "r${i}" {\n  x = \n}\n`).join(''));
    const err = await readSynthFolder(dir).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/^stacks\/a\/cdk\.tf: \$: is not valid HCL \(cdk\.tf:2,\d+/);
    expect(err!.message.length).toBeLessThan(400);
    expect(err!.message).not.toContain('\n');
  });

  it('the synchronous reader refuses HCL rather than misreading it', () => {
    write('manifest.json', { stacks: { a: entry('a', 'cdk.tf') } });
    write('stacks/a/cdk.tf', 'provider "aws" {}\n');
    expect(refusal(() => readSynthFolderSync(dir)).message).toContain('is HCL');
  });
});

describe('the intent file', () => {
  it('is read when present, refused when it is not JSON', () => {
    oneStack({});
    expect(readSynthFolderSync(dir).intent).toBeUndefined();
    write('gwlb-blueprint.intent.json', { version: 1 });
    expect(readSynthFolderSync(dir).intent).toEqual({ version: 1 });
    write('gwlb-blueprint.intent.json', '{');
    expect(refusal(() => readSynthFolderSync(dir)).message).toContain('gwlb-blueprint.intent.json: $: is not valid JSON');
    expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toContain('stacks');
  });
});
