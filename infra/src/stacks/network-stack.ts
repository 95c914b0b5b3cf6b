import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list/index.js';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.js';
import { VpcNetwork } from '../constructs/network/vpc-network.js';
import { POSTGRES_PORT, REDIS_PORT, WorkloadSecurityGroups } from '../constructs/network/workload-security-groups.js';
import { LayerStack } from './layer-stack.js';
import type { MonitoringStack } from './monitoring-stack.js';

/** CloudFront's origin-facing address ranges (what VPC origins and CloudFront connect from). */
export const CLOUDFRONT_ORIGIN_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';

/** VPC, subnets, NACLs, flow logs and the workload security groups (SPEC §3). */
export class NetworkStack extends LayerStack {
  readonly network: VpcNetwork;
  readonly securityGroups: WorkloadSecurityGroups;

  constructor(scope: Construct, config: StageConfig, monitoring: MonitoringStack) {
    super(scope, config, 'network');
    this.network = new VpcNetwork(this, 'network', {
      namePrefix: this.namePrefix,
      cidr: config.vpcCidr,
      natGateways: config.natGateways,
      isolatedPorts: [POSTGRES_PORT, REDIS_PORT],
      logKeyArn: monitoring.logsKey.arn,
      logRetentionDays: config.logRetentionDays,
    });
    const cloudFront = new DataAwsEc2ManagedPrefixList(this, 'cloudfront-origin-facing', { name: CLOUDFRONT_ORIGIN_PREFIX_LIST });
    this.securityGroups = new WorkloadSecurityGroups(this, 'security-groups', {
      namePrefix: this.namePrefix,
      vpcId: this.network.vpc.id,
      containerPort: config.service.containerPort,
      edgePrefixListId: cloudFront.id,
    });
  }
}
