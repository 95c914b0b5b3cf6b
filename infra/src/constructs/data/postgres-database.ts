import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group/index.js';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group/index.js';
import { Construct } from 'constructs';
import type { DatabaseConfig } from '../../config/stage-config.js';

/** Days of automated backups (SPEC §4). */
export const DB_BACKUP_RETENTION_DAYS = 7;

export interface PostgresDatabaseProps {
  /** Prefix of every name, e.g. `cmipro-prod`. */
  readonly namePrefix: string;
  readonly config: DatabaseConfig;
  /** Isolated subnets (no route out), at least two AZs. */
  readonly subnetIds: readonly string[];
  /** The database security group (ingress 5432 from the API only, no egress). */
  readonly securityGroupId: string;
  /** Customer-managed key for storage, Performance Insights and the master secret. */
  readonly dataKeyArn: string;
  /** Key for the exported PostgreSQL log group (CloudWatch Logs must be able to use it). */
  readonly logKeyArn: string;
  /** Days the exported logs are kept. */
  readonly logRetentionDays: number;
}

/**
 * RDS PostgreSQL (SPEC §4). Plain PostgreSQL: RDS cannot load TimescaleDB, so the schema
 * uses a BRIN index, an hourly rollup table and date_bin there (see services/api).
 */
export class PostgresDatabase extends Construct {
  readonly instance: DbInstance;
  /** Secrets Manager ARN of the RDS-managed master credentials. */
  readonly masterSecretArn: string;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const { namePrefix, config } = props;
    if (props.subnetIds.length < 2) {
      throw new Error(`${this.node.path}: RDS needs subnets in at least two AZs; pass both isolated subnets.`);
    }
    const identifier = `${namePrefix}-postgres`;

    const subnetGroup = new DbSubnetGroup(this, 'subnets', {
      name: identifier,
      description: 'Isolated subnets (no internet route)',
      subnetIds: [...props.subnetIds],
    });
    const parameters = new DbParameterGroup(this, 'parameters', {
      name: `${identifier}-${config.parameterGroupFamily}`,
      family: config.parameterGroupFamily,
      description: 'TLS forced; connection logging for the security trail',
      parameter: [
        { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
        { name: 'log_connections', value: '1' },
        { name: 'log_disconnections', value: '1' },
      ],
    });
    // Created here, not by RDS on first export, so it is encrypted and expires.
    const logGroup = new CloudwatchLogGroup(this, 'postgresql-logs', {
      name: `/aws/rds/instance/${identifier}/postgresql`,
      kmsKeyId: props.logKeyArn,
      retentionInDays: props.logRetentionDays,
    });

    this.instance = new DbInstance(this, 'instance', {
      identifier,
      engine: 'postgres',
      engineVersion: config.engineVersion,
      instanceClass: config.instanceClass,
      allocatedStorage: config.allocatedStorageGb,
      maxAllocatedStorage: config.maxAllocatedStorageGb,
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: props.dataKeyArn,
      dbName: 'cmipro',
      username: 'cmipro_admin',
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.dataKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      parameterGroupName: parameters.name,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroupId],
      publiclyAccessible: false,
      multiAz: config.multiAz,
      backupRetentionPeriod: DB_BACKUP_RETENTION_DAYS,
      copyTagsToSnapshot: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${identifier}-final`,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.dataKeyArn,
      performanceInsightsRetentionPeriod: 7,
      autoMinorVersionUpgrade: true,
      caCertIdentifier: 'rds-ca-rsa2048-g1',
      dependsOn: [logGroup],
    });
    this.masterSecretArn = this.instance.masterUserSecret.get(0).secretArn;
  }
}
