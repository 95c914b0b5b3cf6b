import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { ALLOWED_COUNTRIES, WAF_MANAGED_RULE_GROUPS, WAF_RATE_LIMIT } from '@cmipro/shared';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.js';
import { ApiDistribution } from '../constructs/edge/api-distribution.js';
import { grantToRole } from '../constructs/iam/role-grant.js';
import { EncryptionKey, cloudWatchLogsGrant } from '../constructs/kms/encryption-key.js';
import { EdgeWebAcl } from '../constructs/waf/edge-web-acl.js';
import type { DataStack } from './data-stack.js';
import { LayerStack } from './layer-stack.js';
import type { MonitoringStack } from './monitoring-stack.js';
import type { ServiceStack } from './service-stack.js';

/** CloudFront-scope resources (WAF, its logs, the distribution) exist only in us-east-1. */
export const EDGE_REGION = 'us-east-1';

/** WAF, CloudFront and the edge's own logs key, in us-east-1 (SPEC §2). Deployed last: it fronts the ALB. */
export class EdgeStack extends LayerStack {
  readonly webAcl: EdgeWebAcl;
  readonly distribution: ApiDistribution;

  constructor(scope: Construct, config: StageConfig, service: ServiceStack, data: DataStack, monitoring: MonitoringStack) {
    super(scope, config, 'edge');
    const { namePrefix } = this;
    const { accountId } = config;
    const edge = new AwsProvider(this, 'aws-us-east-1', {
      alias: 'us_east_1',
      region: EDGE_REGION,
      allowedAccountIds: [accountId],
      defaultTags: [this.defaultTags],
    });

    // The WAF log group must live in us-east-1, so its key does too.
    const edgeLogsKey = new EncryptionKey(this, 'edge-logs-key', {
      alias: `${namePrefix}-edge-logs`,
      description: 'CMIPRO WAF logs (us-east-1)',
      accountId,
      serviceGrants: [cloudWatchLogsGrant(EDGE_REGION, accountId)],
      provider: edge,
    });

    this.webAcl = new EdgeWebAcl(this, 'waf', {
      namePrefix,
      allowedCountries: ALLOWED_COUNTRIES,
      rateLimit: { limit: WAF_RATE_LIMIT.limit, windowSeconds: WAF_RATE_LIMIT.windowSeconds },
      managedRuleGroups: WAF_MANAGED_RULE_GROUPS.map((g) => g.name),
      logKeyArn: edgeLogsKey.arn,
      logRetentionDays: config.logRetentionDays,
      provider: edge,
    });

    const alb = service.api.loadBalancer;
    this.distribution = new ApiDistribution(this, 'cdn', {
      namePrefix,
      domain: config.edgeDomain,
      origin: { albArn: alb.arn, domainName: config.originDomainName ?? alb.dnsName },
      webAclArn: this.webAcl.webAcl.arn,
      logBucketDomainName: monitoring.logsBucket.bucket.bucketDomainName,
      provider: edge,
    });

    // The API's incident response blocks IPs at runtime (SPEC §7): it may read and update this set only.
    grantToRole(this, 'api-update-blocked-ips', data.taskRole.role.name, [
      {
        Sid: 'FindBlockedIpSet',
        Effect: 'Allow',
        Action: 'wafv2:ListIPSets',
        Resource: `arn:aws:wafv2:${EDGE_REGION}:${accountId}:global/ipset/*`,
      },
      {
        Sid: 'UpdateBlockedIps',
        Effect: 'Allow',
        Action: ['wafv2:GetIPSet', 'wafv2:UpdateIPSet'],
        Resource: this.webAcl.blockedIps.arn,
      },
    ]);
  }
}
