import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js';
import { Construct } from 'constructs';

export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;
const HTTPS_PORT = 443;

export interface WorkloadSecurityGroupsProps {
  /** Prefix of every name, e.g. `cmipro-prod`. */
  readonly namePrefix: string;
  readonly vpcId: string;
  /** Port the API container listens on. */
  readonly containerPort: number;
  /** Managed prefix list of CloudFront's origin-facing addresses: the only source the ALB accepts. */
  readonly edgePrefixListId: string;
}

/**
 * The four security groups of SPEC §3, every rule a separate described resource. Groups
 * are created without inline rules; the AWS provider then revokes AWS's default allow-all
 * egress, and the data groups pin `egress = []` so an out-of-band rule is removed on apply.
 */
export class WorkloadSecurityGroups extends Construct {
  readonly loadBalancer: SecurityGroup;
  readonly app: SecurityGroup;
  readonly database: SecurityGroup;
  readonly cache: SecurityGroup;

  constructor(scope: Construct, id: string, props: WorkloadSecurityGroupsProps) {
    super(scope, id);
    const { namePrefix, vpcId, containerPort } = props;
    if (!Number.isInteger(containerPort) || containerPort < 1 || containerPort > 65535) {
      throw new Error(`${this.node.path}: containerPort ${containerPort} is not a TCP port.`);
    }
    const group = (name: string, description: string, noEgress: boolean) =>
      new SecurityGroup(this, name, {
        name: `${namePrefix}-${name}`,
        description,
        vpcId,
        ...(noEgress ? { egress: [] } : {}),
        revokeRulesOnDelete: true,
        tags: { Name: `${namePrefix}-${name}` },
      });

    this.loadBalancer = group('alb', 'Internal ALB: HTTPS from CloudFront VPC origins only', false);
    this.app = group('app', 'API tasks on ECS Fargate', false);
    this.database = group('db', 'PostgreSQL: reachable from the API only, no egress', true);
    this.cache = group('cache', 'Redis: reachable from the API only, no egress', true);

    const tcp = (port: number) => ({ ipProtocol: 'tcp', fromPort: port, toPort: port });
    new VpcSecurityGroupIngressRule(this, 'alb-in-https-from-cloudfront', {
      securityGroupId: this.loadBalancer.id,
      prefixListId: props.edgePrefixListId,
      description: 'HTTPS from CloudFront origin-facing addresses (VPC origin)',
      ...tcp(HTTPS_PORT),
    });
    new VpcSecurityGroupEgressRule(this, 'alb-out-to-app', {
      securityGroupId: this.loadBalancer.id,
      referencedSecurityGroupId: this.app.id,
      description: 'Forward to API tasks on the container port',
      ...tcp(containerPort),
    });

    new VpcSecurityGroupIngressRule(this, 'app-in-from-alb', {
      securityGroupId: this.app.id,
      referencedSecurityGroupId: this.loadBalancer.id,
      description: 'Requests from the internal ALB on the container port',
      ...tcp(containerPort),
    });
    new VpcSecurityGroupEgressRule(this, 'app-out-https', {
      securityGroupId: this.app.id,
      cidrIpv4: '0.0.0.0/0',
      description: 'HTTPS to Firebase, NOAA and AWS APIs',
      ...tcp(HTTPS_PORT),
    });
    new VpcSecurityGroupEgressRule(this, 'app-out-postgres', {
      securityGroupId: this.app.id,
      referencedSecurityGroupId: this.database.id,
      description: 'PostgreSQL on the database security group',
      ...tcp(POSTGRES_PORT),
    });
    new VpcSecurityGroupEgressRule(this, 'app-out-redis', {
      securityGroupId: this.app.id,
      referencedSecurityGroupId: this.cache.id,
      description: 'Redis on the cache security group',
      ...tcp(REDIS_PORT),
    });

    new VpcSecurityGroupIngressRule(this, 'db-in-from-app', {
      securityGroupId: this.database.id,
      referencedSecurityGroupId: this.app.id,
      description: 'PostgreSQL from the API tasks',
      ...tcp(POSTGRES_PORT),
    });
    new VpcSecurityGroupIngressRule(this, 'cache-in-from-app', {
      securityGroupId: this.cache.id,
      referencedSecurityGroupId: this.app.id,
      description: 'Redis from the API tasks',
      ...tcp(REDIS_PORT),
    });
  }
}
