import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway/index.js';
import { NetworkAcl, type NetworkAclEgress, type NetworkAclIngress } from '@cdktf/provider-aws/lib/network-acl/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument } from '../iam/policy-document.js';

/** Availability zones the network spans (SPEC §3). */
export const AZ_COUNT = 2;

/** The three subnet tiers, in the order their /20 blocks are carved from the VPC CIDR. */
export const SUBNET_TIERS = ['public', 'private', 'isolated'] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

export interface VpcNetworkProps {
  /** Prefix of every name, e.g. `cmipro-prod`. */
  readonly namePrefix: string;
  /** A /16 CIDR; each subnet gets a /20. */
  readonly cidr: string;
  /** 1 NAT gateway (shared) or 2 (one per AZ, no cross-AZ dependency). */
  readonly natGateways: 1 | 2;
  /** TCP ports the isolated tier serves to the private tier (5432 PostgreSQL, 6379 Redis). */
  readonly isolatedPorts: readonly number[];
  /** KMS key for the flow-log group (its policy must grant CloudWatch Logs). */
  readonly logKeyArn: string;
  /** Days flow logs are kept. */
  readonly logRetentionDays: number;
}

/**
 * VPC over two AZs: public (ALB/NAT only), private (ECS tasks, egress through NAT),
 * isolated (data, no route out). Flow logs on; the default security group has no rules.
 */
export class VpcNetwork extends Construct {
  readonly vpc: Vpc;
  readonly subnets: Readonly<Record<SubnetTier, readonly Subnet[]>>;
  readonly cidrs: Readonly<Record<SubnetTier, readonly string[]>>;

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    const { namePrefix } = props;
    const match = /^(\d{1,3})\.(\d{1,3})\.0\.0\/16$/.exec(props.cidr);
    if (!match) throw new Error(`${this.node.path}: cidr '${props.cidr}' must be a /16 such as '10.20.0.0/16'.`);
    const base = `${match[1]}.${match[2]}`;

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: namePrefix },
    });
    const vpcId = this.vpc.id;
    const zones = new DataAwsAvailabilityZones(this, 'zones', { state: 'available' });

    const cidrs = {} as Record<SubnetTier, string[]>;
    const subnets = {} as Record<SubnetTier, Subnet[]>;
    SUBNET_TIERS.forEach((tier, t) => {
      cidrs[tier] = [];
      subnets[tier] = [];
      for (let az = 0; az < AZ_COUNT; az++) {
        const cidrBlock = `${base}.${(t * AZ_COUNT + az) * 16}.0/20`;
        cidrs[tier].push(cidrBlock);
        subnets[tier].push(
          new Subnet(this, `${tier}-${az}`, {
            vpcId,
            cidrBlock,
            availabilityZone: Fn.element(zones.names, az),
            mapPublicIpOnLaunch: false,
            tags: { Name: `${namePrefix}-${tier}-${az}`, Tier: tier },
          }),
        );
      }
    });
    this.subnets = subnets;
    this.cidrs = cidrs;

    // Public tier: the only route to the internet gateway.
    const igw = new InternetGateway(this, 'igw', { vpcId, tags: { Name: namePrefix } });
    const publicRoutes = new RouteTable(this, 'public-routes', {
      vpcId,
      route: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }],
      tags: { Name: `${namePrefix}-public` },
    });
    subnets.public.forEach((s, az) => new RouteTableAssociation(this, `public-${az}-routes`, { subnetId: s.id, routeTableId: publicRoutes.id }));

    // Private tier: out through NAT only.
    const nats = Array.from({ length: props.natGateways }, (_, az) => {
      const eip = new Eip(this, `nat-${az}-ip`, { domain: 'vpc', tags: { Name: `${namePrefix}-nat-${az}` } });
      return new NatGateway(this, `nat-${az}`, {
        allocationId: eip.allocationId,
        subnetId: subnets.public[az].id,
        tags: { Name: `${namePrefix}-nat-${az}` },
        dependsOn: [igw],
      });
    });
    subnets.private.forEach((s, az) => {
      const routes = new RouteTable(this, `private-${az}-routes`, {
        vpcId,
        route: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nats[az % nats.length].id }],
        tags: { Name: `${namePrefix}-private-${az}` },
      });
      new RouteTableAssociation(this, `private-${az}-association`, { subnetId: s.id, routeTableId: routes.id });
    });

    // Isolated tier: a route table with the implicit local route and nothing else.
    const isolatedRoutes = new RouteTable(this, 'isolated-routes', { vpcId, route: [], tags: { Name: `${namePrefix}-isolated` } });
    subnets.isolated.forEach((s, az) => new RouteTableAssociation(this, `isolated-${az}-routes`, { subnetId: s.id, routeTableId: isolatedRoutes.id }));
    this.isolatedNetworkAcl(namePrefix, props.isolatedPorts);

    // Nothing may ever use the default security group.
    new DefaultSecurityGroup(this, 'default-sg', { vpcId, ingress: [], egress: [], tags: { Name: `${namePrefix}-default-unused` } });

    this.flowLogs(namePrefix, props);
  }

  /**
   * Stateless filter on the isolated tier (SPEC §3): service ports in from the private
   * tier, ephemeral ports back to it for the replies; everything else hits the implicit deny.
   */
  private isolatedNetworkAcl(namePrefix: string, ports: readonly number[]): void {
    if (ports.length === 0) throw new Error(`${this.node.path}: isolatedPorts is empty: the data tier would be unreachable.`);
    const sources = this.cidrs.private;
    const ingress: NetworkAclIngress[] = ports.flatMap((port, p) =>
      sources.map((cidrBlock, s) => ({
        ruleNo: 100 + 10 * (p * sources.length + s),
        action: 'allow',
        protocol: 'tcp',
        cidrBlock,
        fromPort: port,
        toPort: port,
      })),
    );
    const egress: NetworkAclEgress[] = sources.map((cidrBlock, s) => ({
      ruleNo: 100 + 10 * s,
      action: 'allow',
      protocol: 'tcp',
      cidrBlock,
      fromPort: 1024,
      toPort: 65535,
    }));
    new NetworkAcl(this, 'isolated-acl', {
      vpcId: this.vpc.id,
      subnetIds: this.subnets.isolated.map((s) => s.id),
      ingress,
      egress,
      tags: { Name: `${namePrefix}-isolated` },
    });
  }

  private flowLogs(namePrefix: string, props: VpcNetworkProps): void {
    const group = new CloudwatchLogGroup(this, 'flow-logs', {
      name: `/cmipro/${namePrefix}/vpc-flow-logs`,
      kmsKeyId: props.logKeyArn,
      retentionInDays: props.logRetentionDays,
    });
    const role = new IamRole(this, 'flow-logs-role', {
      name: `${namePrefix}-vpc-flow-logs`,
      description: 'Lets VPC Flow Logs write to its log group',
      assumeRolePolicy: assumeRolePolicy('vpc-flow-logs.amazonaws.com'),
    });
    new IamRolePolicy(this, 'flow-logs-policy', {
      role: role.id,
      name: 'write-flow-logs',
      policy: policyDocument([
        {
          Sid: 'WriteFlowLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [group.arn, `${group.arn}:*`],
        },
      ]),
    });
    new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
  }
}
