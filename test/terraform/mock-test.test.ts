/** The generated `terraform test` file: mocks, overridden remote state, and its problems. */
import { hclValue } from '../../src/terraform/hcl-literal';
import { renderProofTest } from '../../src/terraform/mock-test';
import { mockArn, mockAttribute, mockOutputValue } from '../../src/terraform/mock-values';
import { producerOf, referencedOutputs } from '../../src/terraform/remote-state';
import type { StackTerraform, TerraformJson } from '../../src/terraform/synthesis';

const CTX = { region: 'eu-west-2', account: '111111111111' };

function stack(name: string, json: TerraformJson): StackTerraform {
  return { name, json, text: JSON.stringify(json) };
}

const HUB = stack('n-eu-west-2-hub', {
  provider: { aws: [{ region: 'eu-west-2', allowed_account_ids: ['111111111111'] }] },
  resource: { aws_ec2_transit_gateway: { hub_tgw: {} }, aws_ram_resource_share: { hub_share: {} } },
  output: {
    cross_stack_output_aws_ec2_transit_gateway_hub_tgw_id: { value: '${aws_ec2_transit_gateway.hub_tgw.id}' },
    transit_gateway_route_table_ids: {
      value: { spokes: '${aws_ec2_transit_gateway_route_table.hub_route_table_spokes.id}', onprem: '${aws_ec2_transit_gateway_route_table.hub_route_table_onprem.id}' },
    },
    subnet_ids: { value: { tgw: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'] } },
    share: { value: '${aws_ram_resource_share.hub_share.arn}' },
  },
});

const SPOKE = stack('n-eu-west-2-spoke-app', {
  provider: {
    aws: [
      { region: 'eu-west-2', allowed_account_ids: ['222222222222'] },
      { alias: 'network', region: 'eu-west-2', allowed_account_ids: ['111111111111'] },
    ],
  },
  data: {
    terraform_remote_state: {
      cross_stack_reference_input_n_eu_west_2_hub: { backend: 'local', config: { path: '../../state/n-eu-west-2-hub.tfstate' } },
    },
    aws_ami: { image: {} },
  },
  resource: {
    aws_ec2_transit_gateway_vpc_attachment: {
      att: { transit_gateway_id: '${data.terraform_remote_state.cross_stack_reference_input_n_eu_west_2_hub.outputs.cross_stack_output_aws_ec2_transit_gateway_hub_tgw_id}' },
    },
    aws_launch_template: { lt: {} },
  },
});

describe('renderProofTest', () => {
  const all = new Map([HUB, SPOKE].map((s) => [s.name, s]));

  it('mocks every provider configuration, the aliases by name', () => {
    const { content } = renderProofTest(SPOKE, all);
    expect(content.match(/^mock_provider "aws" \{$/gm)).toHaveLength(2);
    expect(content).toContain('mock_provider "aws" {\n  alias = "network"\n');
  });

  it('overrides each remote state with the outputs the stack reads, shaped like the producer declares them', () => {
    const { content, problems } = renderProofTest(SPOKE, all);
    expect(problems).toEqual([]);
    expect(content).toContain('override_data {\n  target = data.terraform_remote_state.cross_stack_reference_input_n_eu_west_2_hub\n');
    expect(content).toMatch(/cross_stack_output_aws_ec2_transit_gateway_hub_tgw_id = "tgw-[0-9a-f]{17}"/);
    // Only what is read: the hub's other outputs stay out.
    expect(content).not.toContain('subnet_ids');
  });

  it('gives computed attributes that the provider validates values that pass', () => {
    const { content } = renderProofTest(SPOKE, all);
    expect(content).toMatch(/mock_resource "aws_launch_template" \{\n {4}defaults = \{\n {6}arn = "arn:aws:ec2:eu-west-2:222222222222:launch-template\/lt-[0-9a-f]+"\n {6}id = "lt-[0-9a-f]{17}"/);
    // The alias's mocks live in its own account.
    expect(content).toContain('arn:aws:ec2:eu-west-2:111111111111:launch-template/');
    expect(content).toContain('root_device_name = "/dev/xvda"');
  });

  it('plans, then applies', () => {
    const { content } = renderProofTest(HUB, all);
    expect(content).toMatch(/run "plan" \{\n {2}command = plan\n\}\n\nrun "apply" \{\n {2}command = apply\n\}\n$/);
    expect(content).not.toContain('override_data');
  });

  it('reports an output the producer does not declare, and a producer that is not there', () => {
    const reader = stack('r', {
      data: {
        terraform_remote_state: {
          cross_stack_reference_input_n_eu_west_2_hub: { config: { path: '../../state/n-eu-west-2-hub.tfstate' } },
          cross_stack_reference_input_gone: { config: { path: '../../state/gone.tfstate' } },
        },
      },
      output: {
        a: { value: '${data.terraform_remote_state.cross_stack_reference_input_n_eu_west_2_hub.outputs.cross_stack_output_missing_id}' },
        b: { value: '${data.terraform_remote_state.cross_stack_reference_input_gone.outputs.x}' },
      },
    });
    expect(renderProofTest(reader, all).problems).toEqual([
      'data.terraform_remote_state.cross_stack_reference_input_gone reads a stack that is not in this synthesis',
      'data.terraform_remote_state.cross_stack_reference_input_n_eu_west_2_hub.outputs.cross_stack_output_missing_id: stack n-eu-west-2-hub has no output "cross_stack_output_missing_id"',
    ]);
  });
});

describe('producerOf', () => {
  const names = ['g-eu-west-1-hub', 'g-eu-west-1-egress'];
  it('reads the state file name of a local path or an S3 key', () => {
    expect(producerOf({ path: '../../state/g-eu-west-1-hub.tfstate' }, 'x', names)).toBe('g-eu-west-1-hub');
    expect(producerOf({ bucket: 'b', key: 'gwlb/g/g-eu-west-1-egress.tfstate' }, 'x', names)).toBe('g-eu-west-1-egress');
  });
  it("falls back to cdktf's data source name", () => {
    expect(producerOf({}, 'cross_stack_reference_input_g_eu_west_1_egress', names)).toBe('g-eu-west-1-egress');
    expect(producerOf({}, 'cross_stack_reference_input_other', names)).toBeUndefined();
  });
});

describe('referencedOutputs', () => {
  it('finds dotted and indexed references, once each', () => {
    const text = JSON.stringify({
      a: '${data.terraform_remote_state.hub.outputs.tgw_id}',
      b: '${data.terraform_remote_state.hub.outputs.tgw_id}',
      c: '${data.terraform_remote_state.hub.outputs["route-tables"].spokes}',
      d: '${data.terraform_remote_state.hubx.outputs.not_this}',
    });
    expect(referencedOutputs(text, 'hub')).toEqual(['route-tables', 'tgw_id']);
  });
});

describe('mock values', () => {
  it('look like the AWS values they stand for', () => {
    expect(mockAttribute('aws_ec2_transit_gateway', 'hub_tgw', 'id', CTX)).toMatch(/^tgw-[0-9a-f]{17}$/);
    expect(mockAttribute('aws_ec2_transit_gateway_route_table', 'rt', 'id', CTX)).toMatch(/^tgw-rtb-[0-9a-f]{17}$/);
    expect(mockAttribute('aws_vpc_endpoint_service', 's', 'service_name', CTX)).toMatch(/^com\.amazonaws\.vpce\.eu-west-2\.vpce-svc-[0-9a-f]{17}$/);
    expect(mockAttribute('aws_lb', 'gwlb', 'id', CTX)).toMatch(/^arn:aws:elasticloadbalancing:eu-west-2:111111111111:loadbalancer\/gwy\//);
    expect(mockAttribute('aws_ram_resource_share', 's', 'arn', CTX)).toMatch(/^arn:aws:ram:eu-west-2:111111111111:resource-share\//);
    expect(mockArn('aws_iam_role', 'r', CTX)).toMatch(/^arn:aws:iam::111111111111:iam-role\//);
    expect(mockArn('aws_vpc', 'v', { region: 'cn-north-1', account: '1' })).toMatch(/^arn:aws-cn:ec2:cn-north-1:1:vpc\/vpc-/);
    expect(mockAttribute('aws_subnet', 'a', 'id', CTX)).toBe(mockAttribute('aws_subnet', 'a', 'id', CTX));
    expect(mockAttribute('aws_subnet', 'a', 'id', CTX)).not.toBe(mockAttribute('aws_subnet', 'b', 'id', CTX));
  });

  it('keep the shape of map and list outputs', () => {
    const value = mockOutputValue(HUB.json.output!.subnet_ids.value, CTX, 'seed') as { tgw: string[] };
    expect(value.tgw).toHaveLength(2);
    for (const id of value.tgw) expect(id).toMatch(/^subnet-[0-9a-f]{17}$/);
    const tables = mockOutputValue(HUB.json.output!.transit_gateway_route_table_ids.value, CTX, 'seed') as Record<string, string>;
    expect(Object.keys(tables).sort()).toEqual(['onprem', 'spokes']);
    expect(mockOutputValue('literal', CTX, 's')).toBe('literal');
    expect(mockOutputValue(3, CTX, 's')).toBe(3);
  });
});

describe('hclValue', () => {
  it('writes objects, lists and strings as HCL', () => {
    expect(hclValue({ a: ['x', 'y'], 'b-c': { 'd e': null }, f: true, g: {} })).toBe(
      '{\n  a = [\n    "x",\n    "y",\n  ]\n  b-c = {\n    "d e" = null\n  }\n  f = true\n  g = {}\n}',
    );
  });
});
