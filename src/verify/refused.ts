/**
 * Resources that change where packets go in ways verify does not trace. Each would
 * make a proof of the rest meaningless (a secondary CIDR is local to its VPC, a
 * VPC peering or a Direct Connect gateway is a path around the inspection), and
 * gwlb-blueprint writes none of them: a folder that holds one is refused by name.
 */
import type { StrictReader } from './strict';

const UNTRACEABLE: Readonly<Record<string, string>> = {
  aws_vpc_ipv4_cidr_block_association: 'adds a secondary CIDR to a VPC, local to it in every route table; verify traces one CIDR per VPC (gwlb-blueprint never writes one)',
  aws_vpc_ipv6_cidr_block_association: 'gives a VPC IPv6, which verify does not prove (gwlb-blueprint writes IPv4 only)',
  aws_vpc_peering_connection: 'is a path between VPCs around the Transit Gateway, which verify does not trace (gwlb-blueprint never writes one)',
  aws_vpc_peering_connection_accepter: 'is a path between VPCs around the Transit Gateway, which verify does not trace (gwlb-blueprint never writes one)',
  aws_ec2_transit_gateway_prefix_list_reference: 'routes a managed prefix list in a TGW route table, whose entries verify cannot see (gwlb-blueprint never writes one)',
  aws_ec2_transit_gateway_connect: 'is a Connect attachment, which verify does not trace (gwlb-blueprint never writes one)',
  aws_ec2_transit_gateway_connect_peer: 'is a Connect peer, which verify does not trace (gwlb-blueprint never writes one)',
  aws_dx_gateway_association: 'attaches a Direct Connect gateway, which verify does not trace (gwlb-blueprint never writes one)',
  aws_vpn_gateway_route_propagation: 'propagates routes learned at run time into a route table: verify cannot see them',
  aws_main_route_table_association: "changes a VPC's main route table; verify traces explicitly associated route tables only (gwlb-blueprint never writes one)",
  aws_default_route_table: "manages a VPC's main route table; verify traces explicitly associated route tables only (gwlb-blueprint never writes one)",
  aws_internet_gateway_attachment: 'attaches an internet gateway apart from the gateway; verify reads the vpc_id of aws_internet_gateway (gwlb-blueprint writes that)',
  aws_ec2_transit_gateway_default_route_table_association: "makes a TGW route table the default for new attachments' associations, which verify does not model (gwlb-blueprint never writes one)",
  aws_ec2_transit_gateway_default_route_table_propagation: "makes a TGW route table the default for new attachments' propagations, which verify does not model (gwlb-blueprint never writes one)",
  aws_ec2_transit_gateway_policy_table: 'is a TGW policy table (Cloud WAN), which verify does not trace (gwlb-blueprint never writes one)',
};

export function refuseUntraceable(read: StrictReader): void {
  for (const [type, why] of Object.entries(UNTRACEABLE)) {
    for (const r of read.resources(type)) read.refuse(r, [], undefined, why);
  }
}
