/** The escapes that make a user string Terraform data, one output context at a time. */
import { validateBlueprint } from '../../src/blueprint/validate';
import { reference } from '../helpers/blueprints';
import { restoreProtoKeys, terraformExpressionLiteral, terraformLiteral, terraformLiteralMap, templateFileLiteral } from '../../src/constructs/terraform-literal';

function underHcl<T>(body: () => T): T {
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = 'true';
  try {
    return body();
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
}

describe('terraformLiteral', () => {
  it('escapes interpolations and directives, and nothing else, in Terraform JSON', () => {
    expect(terraformLiteral('${file("/etc/hostname")}')).toBe('$${file("/etc/hostname")}');
    expect(terraformLiteral('%{ if true }x%{ endif }')).toBe('%%{ if true }x%%{ endif }');
    expect(terraformLiteral('$ {} % $$ {x}')).toBe('$ {} % $$ {x}');
    expect(terraformLiteral('a"b\\c')).toBe('a"b\\c');
  });

  it('also escapes what an HCL quoted string needs under synth --hcl (cdktf writes HCL strings as they are)', () => {
    underHcl(() => {
      expect(terraformLiteral('${file("/etc/hostname")}')).toBe('$${file(\\"/etc/hostname\\")}');
      expect(terraformLiteral('C:\\temp\nnext\ttab\u0001')).toBe('C:\\\\temp\\nnext\\ttab\\u0001');
    });
  });

  it('escapes keys as well as values of a map', () => {
    expect(terraformLiteralMap({ '${k}': '%{v}' })).toEqual({ '$${k}': '%%{v}' });
  });
});

describe('templateFileLiteral', () => {
  it('escapes only template syntax: the text is a file, not a quoted string, in either output format', () => {
    underHcl(() => expect(templateFileLiteral('"${x}" \\ %{y}\n')).toBe('"$${x}" \\ %%{y}\n'));
  });
});

describe('terraformExpressionLiteral', () => {
  it('escapes quotes, backslashes and directives of a string inside a function argument (cdktf escapes ${ there itself)', () => {
    expect(terraformExpressionLiteral('arn:"a"\\b%{c}${d}')).toBe('arn:\\"a\\"\\\\b%%{c}${d}');
  });
});

describe('__proto__ keys', () => {
  it('cross cdktf as a placeholder and come back as themselves', () => {
    const map = terraformLiteralMap(JSON.parse('{"__proto__": "v", "k": "w"}'));
    expect(Object.keys(map)).toEqual(['gwlb-blueprint:#__proto__#', 'k']);
    expect(restoreProtoKeys(JSON.stringify(map))).toBe('{"__proto__":"v","k":"w"}');
  });

  it('the placeholder is no tag a blueprint may have, key or value', () => {
    const bp = { ...reference(), tags: { 'gwlb-blueprint:#__proto__#': 'x', Owner: 'gwlb-blueprint:#__proto__#' } };
    expect(validateBlueprint(bp).problems.filter((p) => p.rule === 'tags' && p.severity === 'error')).toHaveLength(2);
  });
});
