/**
 * Snapshots of every example blueprint's synthesis, as a reviewable digest per
 * stack: its providers, its resources by type and logical ID, and every route
 * (VPC and TGW) as `table: destination → target`. The full Terraform of the
 * reference is the golden output in generated/.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBlueprintFile } from '../../src/blueprint/load';
import { validateBlueprint } from '../../src/blueprint/validate';
import { synthesizeNetwork } from '../../src/synth/synthesize';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = [path.join('templates', 'reference.blueprint.json'), ...readdirSync(path.join(ROOT, 'examples')).map((f) => path.join('examples', f))];

const short = (expression: unknown) =>
  String(expression)
    .replace(/^\$\{(.*)\}$/, '$1')
    .replace(/data\.terraform_remote_state\.cross_stack_reference_input_[a-z0-9_]+\.outputs\.cross_stack_output_/, 'remote:')
    .replace(/\.(id|transit_gateway_id)$/, '');

function digest(stack: any): Record<string, unknown> {
  const resources: Record<string, string[]> = {};
  for (const [type, byName] of Object.entries(stack.resource ?? {})) resources[type] = Object.keys(byName as object).sort();
  const routes = Object.values(stack.resource?.aws_route ?? {}).map(
    (r: any) => `${short(r.route_table_id)}: ${r.destination_cidr_block} → ${short(r.transit_gateway_id ?? r.nat_gateway_id ?? r.vpc_endpoint_id ?? r.gateway_id)}`,
  );
  const tgwRoutes = Object.values(stack.resource?.aws_ec2_transit_gateway_route ?? {}).map(
    (r: any) => `${short(r.transit_gateway_route_table_id)}: ${r.destination_cidr_block} → ${short(r.transit_gateway_attachment_id)}`,
  );
  return {
    providers: (stack.provider?.aws ?? []).map((p: any) => `${p.alias ?? 'default'} ${p.region} ${p.allowed_account_ids?.[0]}`),
    backend: Object.keys(stack.terraform?.backend ?? {}),
    resources,
    routes: routes.sort(),
    tgwRoutes: tgwRoutes.sort(),
    outputs: Object.keys(stack.output ?? {}).filter((o) => !o.startsWith('cross_stack_output_')).sort(),
  };
}

describe.each(EXAMPLES)('%s', (file) => {
  it('synthesizes to the reviewed stacks', () => {
    const model = validateBlueprint(readBlueprintFile(path.join(ROOT, file)).value).model!;
    const dir = mkdtempSync(path.join(tmpdir(), 'gwlb-snapshot-'));
    try {
      const { stacks } = synthesizeNetwork(model, { outdir: dir });
      const digests = Object.fromEntries(stacks.map((name) => [name, digest(JSON.parse(readFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), 'utf8')))]));
      expect(digests).toMatchSnapshot();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
