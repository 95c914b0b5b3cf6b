import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account/index.js';
import { WAF_BLOCKED_IP_SET_NAME } from '@cmipro/shared';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.js';
import type { PolicyStatement } from '../constructs/iam/policy-document.js';
import { grantToRole } from '../constructs/iam/role-grant.js';
import { ApiService } from '../constructs/service/api-service.js';
import { ContainerRegistry } from '../constructs/service/container-registry.js';
import { SecureBucket } from '../constructs/storage/secure-bucket.js';
import type { DataStack } from './data-stack.js';
import { LayerStack } from './layer-stack.js';
import type { MonitoringStack } from './monitoring-stack.js';
import type { NetworkStack } from './network-stack.js';

/** Requests pass CloudFront and then the ALB before reaching the API (its TRUSTED_PROXY_HOPS). */
const PROXY_HOPS = 2;

/** ECR, the ECS Fargate service behind the internal ALB, autoscaling (SPEC §5). */
export class ServiceStack extends LayerStack {
  readonly api: ApiService;

  constructor(scope: Construct, config: StageConfig, network: NetworkStack, data: DataStack, monitoring: MonitoringStack) {
    super(scope, config, 'service');
    const { namePrefix } = this;
    const { accountId, region } = config;

    const registry = new ContainerRegistry(this, 'registry', { name: `${namePrefix}/api`, keyArn: data.dataKey.arn });

    const elb = new DataAwsElbServiceAccount(this, 'elb-account');
    const albLogs = new SecureBucket(this, 'alb-logs', {
      bucketName: `${namePrefix}-alb-logs-${accountId}`,
      encryption: { kind: 's3-managed', reason: 'ALB access logs can only be delivered to SSE-S3 buckets (AWS does not support SSE-KMS there).' },
      expirationDays: config.logRetentionDays,
      policyStatements: (bucketArn): PolicyStatement[] => [
        {
          Sid: 'ElbDeliversLogs',
          Effect: 'Allow',
          // Regions opened before Aug 2022 deliver from the regional ELB account, newer ones from the service.
          Principal: { AWS: elb.arn, Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${bucketArn}/alb/AWSLogs/${accountId}/*`,
        },
      ],
    });

    this.api = new ApiService(this, 'api', {
      namePrefix,
      region,
      accountId,
      config: config.service,
      vpcId: network.network.vpc.id,
      privateSubnetIds: network.network.subnets.private.map((s) => s.id),
      appSecurityGroupId: network.securityGroups.app.id,
      loadBalancerSecurityGroupId: network.securityGroups.loadBalancer.id,
      certificateArn: config.albCertificateArn,
      repository: { url: registry.repository.repositoryUrl, arn: registry.repository.arn },
      taskRoleArn: data.taskRole.role.arn,
      secretsKeyArn: data.dataKey.arn,
      logKeyArn: monitoring.logsKey.arn,
      logRetentionDays: config.logRetentionDays,
      accessLogBucket: albLogs.name,
      deletionProtection: config.stage === 'prod',
      environment: {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        TRUSTED_PROXY_HOPS: String(PROXY_HOPS),
        REQUIRE_HTTPS: 'true',
        CORS_ORIGINS: `https://${config.edgeDomain.name}`,
        DATABASE_SSL: 'verify-full',
        AWS_REGION: region,
        EXPORTS_BUCKET: data.exportsBucket.name,
        SECURITY_ALERTS_TOPIC_ARN: monitoring.alertsTopic.arn,
        WAF_IP_SET_NAME: WAF_BLOCKED_IP_SET_NAME,
        WAF_IP_SET_SCOPE: 'CLOUDFRONT',
      },
      secrets: {
        DATABASE_URL: { secretArn: data.secrets.databaseUrl.arn },
        REDIS_URL: { secretArn: data.cache.connectionSecret.arn, jsonKey: 'url' },
        FIREBASE_SERVICE_ACCOUNT: { secretArn: data.secrets.firebaseCredentials.arn },
      },
    });
    // The ALB checks on creation that it may write its logs.
    this.api.loadBalancer.dependsOn = [albLogs.policy.fqn];

    grantToRole(this, 'api-publish-alerts', data.taskRole.role.name, [
      { Sid: 'PublishSecurityAlerts', Effect: 'Allow', Action: 'sns:Publish', Resource: monitoring.alertsTopic.arn },
      {
        Sid: 'EncryptAlertMessages',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: monitoring.logsKey.arn,
        Condition: { StringEquals: { 'kms:ViaService': `sns.${region}.amazonaws.com` } },
      },
    ]);
  }
}
