/**
 * The AWS provider classes the constructs use, each from its own submodule: the
 * package root would load every one of ~1500 resources (~2 s, ~500 MB).
 */
export { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
export { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
export { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
export { DataAwsAmi } from '@cdktf/provider-aws/lib/data-aws-ami';
export { DataAwsNetworkInterface } from '@cdktf/provider-aws/lib/data-aws-network-interface';
export { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
export { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
export { Ec2TransitGatewayPeeringAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment';
export { Ec2TransitGatewayPeeringAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment-accepter';
export { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
export { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
export { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
export { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
export { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
export { Ec2TransitGatewayVpcAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter';
export { Eip } from '@cdktf/provider-aws/lib/eip';
export { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
export { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
export { IamRole } from '@cdktf/provider-aws/lib/iam-role';
export { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
export { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
export { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
export { Lb } from '@cdktf/provider-aws/lib/lb';
export { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
export { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
export { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
export { AwsProvider } from '@cdktf/provider-aws/lib/provider';
export { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
export { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
export { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
export { RamResourceShareAccepter } from '@cdktf/provider-aws/lib/ram-resource-share-accepter';
export { Route } from '@cdktf/provider-aws/lib/route';
export { RouteTable } from '@cdktf/provider-aws/lib/route-table';
export { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
export { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
export { Subnet } from '@cdktf/provider-aws/lib/subnet';
export { Vpc } from '@cdktf/provider-aws/lib/vpc';
export { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
export { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
export { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
export { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
export { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
