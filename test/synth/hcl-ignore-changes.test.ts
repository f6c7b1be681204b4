import { unquoteReferences } from '../../src/synth/hcl';

it('writes lifecycle ignore_changes attribute names bare, as HCL wants them (cdktf quotes them)', () => {
  const hcl = ['  lifecycle {', '    ignore_changes = [', '      "desired_capacity",', '    ]', '  }', '  name = "desired_capacity"'].join('\n');
  expect(unquoteReferences(hcl)).toBe(['  lifecycle {', '    ignore_changes = [', '      desired_capacity,', '    ]', '  }', '  name = "desired_capacity"'].join('\n'));
});

it('replace_triggered_by names resources bare, as depends_on does (a quoted string is no reference in HCL)', () => {
  const hcl = ['  lifecycle {', '    replace_triggered_by = [', '      "terraform_data.spoke_internet_filter",', '    ]', '  }'].join('\n');
  expect(unquoteReferences(hcl)).toBe(['  lifecycle {', '    replace_triggered_by = [', '      terraform_data.spoke_internet_filter,', '    ]', '  }'].join('\n'));
});
