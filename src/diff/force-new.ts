/**
 * The attributes of every resource type gwlb-blueprint writes that Terraform
 * cannot change in place: a change of one replaces the resource (destroys it and
 * creates it again). The provider's schema as Terraform prints it carries no
 * such fact, so this table is kept by hand from the provider's source (the
 * `ForceNew: true` of each attribute in the SDK schema, or the framework's
 * `RequiresReplace` plan modifier) in hashicorp/terraform-provider-aws v5.100.0,
 * file named per type, and checked against that provider itself: an offline
 * plan over a state built from the old configuration (src/terraform/replace-plan.ts)
 * must replace exactly where the table says (test/diff/force-new-provider.test.ts;
 * every attribute of every type: `npm run force-new:check`).
 *
 * Only attributes gwlb-blueprint writes are listed (and checked). A path is a
 * top-level attribute, a nested block's attribute (`block.attribute`), or a
 * whole block (any attribute inside it).
 */

export interface ForceNewEntry {
  /** Attribute paths whose change replaces the resource; empty: every attribute gwlb-blueprint writes updates in place. */
  readonly paths: readonly string[];
  /** Where the provider says so: the file under internal/service/ of hashicorp/terraform-provider-aws v5.100.0. */
  readonly source: string;
}

const ec2 = (file: string) => `internal/service/ec2/${file}`;

export const FORCE_NEW: Readonly<Record<string, ForceNewEntry>> = {
  aws_autoscaling_group: { paths: ['name'], source: 'internal/service/autoscaling/group.go' },
  aws_autoscaling_policy: { paths: ['autoscaling_group_name', 'name'], source: 'internal/service/autoscaling/policy.go' },
  aws_cloudwatch_log_group: { paths: ['name'], source: 'internal/service/logs/group.go' },
  aws_cloudwatch_metric_alarm: { paths: [], source: 'internal/service/cloudwatch/metric_alarm.go' },
  aws_customer_gateway: { paths: ['bgp_asn', 'bgp_asn_extended', 'ip_address', 'type'], source: ec2('vpnsite_customer_gateway.go') },
  aws_default_security_group: { paths: ['vpc_id'], source: ec2('vpc_default_security_group.go') },
  aws_ec2_network_insights_analysis: { paths: ['filter_in_arns', 'network_insights_path_id'], source: ec2('vpc_network_insights_analysis.go') },
  aws_ec2_network_insights_path: {
    paths: ['destination', 'destination_ip', 'destination_port', 'filter_at_destination', 'filter_at_source', 'protocol', 'source', 'source_ip'],
    source: ec2('vpc_network_insights_path.go'),
  },
  aws_ec2_transit_gateway: { paths: ['default_route_table_association', 'default_route_table_propagation'], source: ec2('transitgateway_.go') },
  aws_ec2_transit_gateway_peering_attachment: { paths: ['peer_account_id', 'peer_region', 'peer_transit_gateway_id', 'transit_gateway_id'], source: ec2('transitgateway_peering_attachment.go') },
  aws_ec2_transit_gateway_peering_attachment_accepter: { paths: ['transit_gateway_attachment_id'], source: ec2('transitgateway_peering_attachment_accepter.go') },
  aws_ec2_transit_gateway_route: { paths: ['destination_cidr_block', 'transit_gateway_route_table_id'], source: ec2('transitgateway_route.go') },
  aws_ec2_transit_gateway_route_table: { paths: ['transit_gateway_id'], source: ec2('transitgateway_route_table.go') },
  aws_ec2_transit_gateway_route_table_association: { paths: ['transit_gateway_attachment_id', 'transit_gateway_route_table_id'], source: ec2('transitgateway_route_table_association.go') },
  aws_ec2_transit_gateway_route_table_propagation: { paths: ['transit_gateway_attachment_id', 'transit_gateway_route_table_id'], source: ec2('transitgateway_route_table_propagation.go') },
  aws_ec2_transit_gateway_vpc_attachment: { paths: ['transit_gateway_id', 'vpc_id'], source: ec2('transitgateway_vpc_attachment.go') },
  aws_ec2_transit_gateway_vpc_attachment_accepter: { paths: ['transit_gateway_attachment_id'], source: ec2('transitgateway_vpc_attachment_accepter.go') },
  aws_eip: { paths: [], source: ec2('ec2_eip.go') },
  aws_flow_log: {
    paths: ['destination_options', 'iam_role_arn', 'log_destination', 'log_destination_type', 'log_format', 'max_aggregation_interval', 'traffic_type', 'transit_gateway_id', 'vpc_id'],
    source: ec2('vpc_flow_log.go'),
  },
  aws_iam_instance_profile: { paths: ['name'], source: 'internal/service/iam/instance_profile.go' },
  aws_iam_role: { paths: ['name'], source: 'internal/service/iam/role.go' },
  aws_iam_role_policy: { paths: ['name', 'role'], source: 'internal/service/iam/role_policy.go' },
  aws_internet_gateway: { paths: [], source: ec2('vpc_internet_gateway.go') },
  aws_launch_template: { paths: ['name'], source: ec2('ec2_launch_template.go') },
  aws_lb: { paths: ['load_balancer_type', 'name'], source: 'internal/service/elbv2/load_balancer.go' },
  aws_lb_listener: { paths: ['load_balancer_arn'], source: 'internal/service/elbv2/listener.go' },
  aws_lb_target_group: { paths: ['name', 'port', 'protocol', 'target_type', 'vpc_id'], source: 'internal/service/elbv2/target_group.go' },
  aws_nat_gateway: { paths: ['allocation_id', 'connectivity_type', 'subnet_id'], source: ec2('vpc_nat_gateway.go') },
  aws_ram_principal_association: { paths: ['principal', 'resource_share_arn'], source: 'internal/service/ram/principal_association.go' },
  aws_ram_resource_association: { paths: ['resource_arn', 'resource_share_arn'], source: 'internal/service/ram/resource_association.go' },
  aws_ram_resource_share: { paths: [], source: 'internal/service/ram/resource_share.go' },
  aws_ram_resource_share_accepter: { paths: ['share_arn'], source: 'internal/service/ram/resource_share_accepter.go' },
  aws_route: { paths: ['destination_cidr_block', 'route_table_id'], source: ec2('vpc_route.go') },
  aws_route_table: { paths: ['vpc_id'], source: ec2('vpc_route_table.go') },
  aws_route_table_association: { paths: ['gateway_id', 'subnet_id'], source: ec2('vpc_route_table_association.go') },
  aws_s3_object: { paths: ['bucket', 'key'], source: 'internal/service/s3/object.go' },
  aws_security_group: { paths: ['description', 'name', 'vpc_id'], source: ec2('vpc_security_group.go') },
  aws_subnet: { paths: ['availability_zone', 'availability_zone_id', 'cidr_block', 'vpc_id'], source: ec2('vpc_subnet.go') },
  aws_vpc: { paths: ['cidr_block'], source: ec2('vpc_.go') },
  aws_vpc_endpoint: { paths: ['service_name', 'vpc_endpoint_type', 'vpc_id'], source: ec2('vpc_endpoint.go') },
  aws_vpc_endpoint_service: { paths: [], source: ec2('vpc_endpoint_service.go') },
  aws_vpc_security_group_egress_rule: { paths: ['security_group_id'], source: ec2('vpc_security_group_egress_rule.go') },
  aws_vpc_security_group_ingress_rule: { paths: ['security_group_id'], source: ec2('vpc_security_group_ingress_rule.go') },
  aws_vpn_connection: { paths: ['static_routes_only', 'type'], source: ec2('vpnsite_connection.go') },
};

/** Whether a change of the attribute at `path` (`tags.Name`, `subnet_ids[1]`) replaces a resource of `type`. */
export function forcesReplacement(type: string, path: string): boolean {
  const entry = FORCE_NEW[type];
  if (!entry) return false;
  const bare = path.replace(/\[[^\]]*\]/g, '');
  return entry.paths.some((p) => bare === p || bare.startsWith(`${p}.`));
}
