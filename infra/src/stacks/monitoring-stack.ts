import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail/index.js';
import { DataAwsCanonicalUserId } from '@cdktf/provider-aws/lib/data-aws-canonical-user-id/index.js';
import { DataAwsCloudfrontLogDeliveryCanonicalUserId } from '@cdktf/provider-aws/lib/data-aws-cloudfront-log-delivery-canonical-user-id/index.js';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy/index.js';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.js';
import { policyDocument, type PolicyStatement } from '../constructs/iam/policy-document.js';
import { EncryptionKey, cloudWatchLogsGrant } from '../constructs/kms/encryption-key.js';
import { SecurityAlarms } from '../constructs/monitoring/security-alarms.js';
import { SecureBucket } from '../constructs/storage/secure-bucket.js';
import { LayerStack } from './layer-stack.js';

/** Days the central log bucket keeps CloudTrail and CloudFront logs. */
const LOG_BUCKET_EXPIRATION_DAYS = 400;

/**
 * First layer: where everything else logs and alerts. The logs key is separate from the
 * data key because AWS services (CloudWatch Logs, CloudTrail, CloudFront log delivery,
 * CloudWatch alarms → SNS) must be in its policy, and the data key's policy is exactly
 * root + the API task role (SPEC §4).
 */
export class MonitoringStack extends LayerStack {
  readonly logsKey: EncryptionKey;
  readonly logsBucket: SecureBucket;
  readonly alertsTopic: SnsTopic;

  constructor(scope: Construct, config: StageConfig) {
    super(scope, config, 'monitoring');
    const { accountId, region } = config;
    const trailName = this.namePrefix;
    const trailArn = `arn:aws:cloudtrail:${region}:${accountId}:trail/${trailName}`;

    this.logsKey = new EncryptionKey(this, 'logs-key', {
      alias: `${this.namePrefix}-logs`,
      description: 'CMIPRO logs, audit trail and security alerts',
      accountId,
      serviceGrants: [
        cloudWatchLogsGrant(region, accountId),
        {
          sid: 'CloudTrailEncryptsLogs',
          service: 'cloudtrail.amazonaws.com',
          actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
          condition: {
            StringEquals: { 'aws:SourceArn': trailArn },
            StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${accountId}:trail/*` },
          },
        },
        {
          sid: 'CloudFrontLogDelivery',
          service: 'delivery.logs.amazonaws.com',
          actions: ['kms:GenerateDataKey*'],
          condition: { StringEquals: { 'aws:SourceAccount': accountId } },
        },
        {
          sid: 'CloudWatchAlarmsPublish',
          service: 'cloudwatch.amazonaws.com',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          condition: { StringEquals: { 'aws:SourceAccount': accountId } },
        },
      ],
    });

    const owner = new DataAwsCanonicalUserId(this, 'owner');
    const cloudFrontLogDelivery = new DataAwsCloudfrontLogDeliveryCanonicalUserId(this, 'cloudfront-log-delivery');
    this.logsBucket = new SecureBucket(this, 'logs-bucket', {
      bucketName: `${this.namePrefix}-logs-${accountId}`,
      encryption: { kind: 'kms', keyArn: this.logsKey.arn },
      cloudFrontLogDeliveryCanonicalId: cloudFrontLogDelivery.id,
      ownerCanonicalId: owner.id,
      expirationDays: LOG_BUCKET_EXPIRATION_DAYS,
      policyStatements: (bucketArn): PolicyStatement[] => [
        {
          Sid: 'CloudTrailReadsAcl',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: bucketArn,
          Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
        },
        {
          Sid: 'CloudTrailWrites',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${bucketArn}/cloudtrail/AWSLogs/${accountId}/*`,
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
        },
      ],
    });

    new Cloudtrail(this, 'trail', {
      name: trailName,
      s3BucketName: this.logsBucket.name,
      s3KeyPrefix: 'cloudtrail',
      kmsKeyId: this.logsKey.arn,
      enableLogFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      dependsOn: [this.logsBucket.policy],
    });

    this.alertsTopic = new SnsTopic(this, 'security-alerts', {
      name: `${this.namePrefix}-security-alerts`,
      displayName: 'CMIPRO security alerts',
      kmsMasterKeyId: this.logsKey.arn,
    });
    new SnsTopicPolicy(this, 'security-alerts-policy', {
      arn: this.alertsTopic.arn,
      policy: policyDocument([
        {
          Sid: 'AlarmsPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: this.alertsTopic.arn,
          Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
        },
        {
          Sid: 'AccountManages',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${accountId}:root` },
          Action: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:ListSubscriptionsByTopic'],
          Resource: this.alertsTopic.arn,
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: this.alertsTopic.arn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    });
    if (config.alertEmail) {
      new SnsTopicSubscription(this, 'security-alerts-email', { topicArn: this.alertsTopic.arn, protocol: 'email', endpoint: config.alertEmail });
    }

    new SecurityAlarms(this, 'security-alarms', { namePrefix: this.namePrefix, topicArn: this.alertsTopic.arn });
  }
}
