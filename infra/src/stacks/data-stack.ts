import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.js';
import { PostgresDatabase } from '../constructs/data/postgres-database.js';
import { RedisCache } from '../constructs/data/redis-cache.js';
import { grantToRole } from '../constructs/iam/role-grant.js';
import { EncryptionKey } from '../constructs/kms/encryption-key.js';
import { ApiTaskRole } from '../constructs/service/api-task-role.js';
import { SecureBucket } from '../constructs/storage/secure-bucket.js';
import { LayerStack } from './layer-stack.js';
import type { MonitoringStack } from './monitoring-stack.js';
import type { NetworkStack } from './network-stack.js';

/** Database user the API connects as with IAM authentication (created by the migrations). */
export const API_DB_USER = 'cmipro_app';

/** Secrets whose values an operator puts in Secrets Manager after the first deploy (README). */
const OPERATOR_SECRETS = {
  databaseUrl: 'PostgreSQL connection URL for the API user cmipro_app, with sslmode=verify-full',
  firebaseCredentials: 'Firebase Admin service-account JSON for token verification',
} as const;

/** Key, identities that use it, PostgreSQL, Redis, exports bucket and API secrets (SPEC §4). */
export class DataStack extends LayerStack {
  readonly taskRole: ApiTaskRole;
  readonly dataKey: EncryptionKey;
  readonly database: PostgresDatabase;
  readonly cache: RedisCache;
  readonly exportsBucket: SecureBucket;
  readonly secrets: Readonly<Record<keyof typeof OPERATOR_SECRETS, SecretsmanagerSecret>>;

  constructor(scope: Construct, config: StageConfig, network: NetworkStack, monitoring: MonitoringStack) {
    super(scope, config, 'data');
    const { namePrefix } = this;
    const isolated = network.network.subnets.isolated.map((s) => s.id);

    this.taskRole = new ApiTaskRole(this, 'api-task-role', { namePrefix, accountId: config.accountId });
    // Exactly two statements (SPEC §4): the account root administers, the API task role uses.
    this.dataKey = new EncryptionKey(this, 'data-key', {
      alias: `${namePrefix}-data`,
      description: 'CMIPRO data at rest: PostgreSQL, Redis, secrets, exports, images',
      accountId: config.accountId,
      usageRoleArns: [this.taskRole.role.arn],
    });

    this.database = new PostgresDatabase(this, 'database', {
      namePrefix,
      config: config.database,
      subnetIds: isolated,
      securityGroupId: network.securityGroups.database.id,
      dataKeyArn: this.dataKey.arn,
      logKeyArn: monitoring.logsKey.arn,
      logRetentionDays: config.logRetentionDays,
    });
    this.cache = new RedisCache(this, 'cache', {
      namePrefix,
      config: config.cache,
      subnetIds: isolated,
      securityGroupId: network.securityGroups.cache.id,
      dataKeyArn: this.dataKey.arn,
      logKeyArn: monitoring.logsKey.arn,
      logRetentionDays: config.logRetentionDays,
    });
    this.exportsBucket = new SecureBucket(this, 'exports-bucket', {
      bucketName: `${namePrefix}-exports-${config.accountId}`,
      encryption: { kind: 'kms', keyArn: this.dataKey.arn },
      // GDPR exports are fetched within days; nothing personal lingers.
      expirationDays: 7,
    });

    this.secrets = {
      databaseUrl: this.operatorSecret('database-url', OPERATOR_SECRETS.databaseUrl),
      firebaseCredentials: this.operatorSecret('firebase-credentials', OPERATOR_SECRETS.firebaseCredentials),
    };

    grantToRole(this, 'api-data-access', this.taskRole.role.name, [
      {
        Sid: 'ConnectWithIamAuth',
        Effect: 'Allow',
        Action: 'rds-db:connect',
        Resource: `arn:aws:rds-db:${config.region}:${config.accountId}:dbuser:${this.database.instance.resourceId}/${API_DB_USER}`,
      },
      {
        Sid: 'WriteAndReadExports',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        Resource: `${this.exportsBucket.arn}/*`,
      },
    ]);
  }

  /** A secret container only: its value never passes through Terraform or cdktf.out. */
  private operatorSecret(name: string, description: string): SecretsmanagerSecret {
    return new SecretsmanagerSecret(this, name, {
      name: `${this.namePrefix}/api/${name}`,
      description,
      kmsKeyId: this.dataKey.arn,
      recoveryWindowInDays: 7,
    });
  }
}
