import { unquoteReferences } from '../../src/synth/hcl';

it('writes lifecycle ignore_changes attribute names bare, as HCL wants them (cdktf quotes them)', () => {
  const hcl = ['  lifecycle {', '    ignore_changes = [', '      "desired_capacity",', '    ]', '  }', '  name = "desired_capacity"'].join('\n');
  expect(unquoteReferences(hcl)).toBe(['  lifecycle {', '    ignore_changes = [', '      desired_capacity,', '    ]', '  }', '  name = "desired_capacity"'].join('\n'));
});
