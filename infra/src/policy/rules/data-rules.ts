import { asArray, parsePolicy, type PolicyRule } from '../policy-rule.js';

const rootPrincipal = /^arn:aws:iam::(\d{12}|\$\{[^}]+\}):root$/;

export const DATA_RULES: readonly PolicyRule[] = [
  {
    id: 'CMIPRO-KMS-1',
    title: 'KMS keys rotate yearly',
    nag: 'AwsSolutions-KMS5',
    types: ['aws_kms_key'],
    fix: 'Set enable_key_rotation = true.',
    check(key) {
      return key.config.enable_key_rotation === true ? undefined : 'rotation is off';
    },
  },
  {
    id: 'CMIPRO-KMS-2',
    title: 'KMS keys have an explicit key policy and a 7-30 day deletion window',
    types: ['aws_kms_key'],
    fix: 'Set policy (root admin + the exact principals that use the key) and deletion_window_in_days between 7 and 30.',
    check(key) {
      const problems: string[] = [];
      if (!parsePolicy(key.config.policy)) problems.push('no literal key policy (the default grants the whole account)');
      const days = key.config.deletion_window_in_days;
      if (typeof days !== 'number' || days < 7 || days > 30) problems.push(`deletion_window_in_days is ${days ?? 'unset'}`);
      return problems.length ? problems.join('; ') : undefined;
    },
  },
  {
    id: 'CMIPRO-KMS-3',
    title: 'Only the account root administers a key; every other principal gets named actions',
    nag: 'AwsSolutions-IAM5',
    types: ['aws_kms_key'],
    fix: "Grant other principals specific actions such as kms:Decrypt and kms:GenerateDataKey*; keep kms:* for 'arn:aws:iam::<account>:root'.",
    check(key) {
      const bad = (parsePolicy(key.config.policy)?.Statement ?? []).filter((s) => {
        if (s.Effect !== 'Allow' || !asArray(s.Action as string | string[]).some((a) => a === '*' || a === 'kms:*')) return false;
        const aws = asArray((s.Principal as { AWS?: string | string[] } | undefined)?.AWS);
        return aws.length === 0 || !aws.every((p) => rootPrincipal.test(p));
      });
      return bad.length ? `statements ${bad.map((s) => s.Sid ?? '?').join(', ')} give kms:* to a non-root principal` : undefined;
    },
  },
  {
    id: 'CMIPRO-RDS-1',
    title: 'RDS storage is encrypted with a customer-managed key',
    nag: 'AwsSolutions-RDS2',
    types: ['aws_db_instance', 'aws_rds_cluster'],
    fix: 'Set storage_encrypted = true and kms_key_id = <data key arn>.',
    check(db) {
      return db.config.storage_encrypted === true && db.config.kms_key_id ? undefined : 'storage not encrypted with a customer key';
    },
  },
  {
    id: 'CMIPRO-RDS-2',
    title: 'Databases are not publicly accessible',
    nag: 'NIST.800.53.R5-RDSInstancePublicAccess',
    types: ['aws_db_instance'],
    fix: 'Set publicly_accessible = false and place the instance in isolated subnets.',
    check(db) {
      return db.config.publicly_accessible === false ? undefined : `publicly_accessible is ${db.config.publicly_accessible ?? 'unset'}`;
    },
  },
  {
    id: 'CMIPRO-RDS-3',
    title: 'Databases keep 7+ days of backups, copy tags to snapshots and have deletion protection',
    nag: 'AwsSolutions-RDS10 / AwsSolutions-RDS11',
    types: ['aws_db_instance'],
    fix: 'Set backup_retention_period >= 7, copy_tags_to_snapshot = true, deletion_protection = true.',
    check(db) {
      const c = db.config;
      const problems: string[] = [];
      if (typeof c.backup_retention_period !== 'number' || c.backup_retention_period < 7) problems.push(`backup_retention_period ${c.backup_retention_period ?? 'unset'}`);
      if (c.copy_tags_to_snapshot !== true) problems.push('tags not copied to snapshots');
      if (c.deletion_protection !== true) problems.push('no deletion protection');
      return problems.length ? problems.join('; ') : undefined;
    },
  },
  {
    id: 'CMIPRO-RDS-4',
    title: 'Databases use IAM auth, export PostgreSQL logs and encrypt Performance Insights',
    nag: 'AwsSolutions-RDS6',
    types: ['aws_db_instance'],
    fix: "Set iam_database_authentication_enabled = true, enabled_cloudwatch_logs_exports = ['postgresql'], performance_insights_enabled = true with performance_insights_kms_key_id.",
    check(db) {
      const c = db.config;
      const problems: string[] = [];
      if (c.iam_database_authentication_enabled !== true) problems.push('IAM auth off');
      if (!asArray(c.enabled_cloudwatch_logs_exports).includes('postgresql')) problems.push('postgresql log not exported');
      if (c.performance_insights_enabled !== true || !c.performance_insights_kms_key_id) problems.push('Performance Insights off or not encrypted with a customer key');
      return problems.length ? problems.join('; ') : undefined;
    },
  },
  {
    id: 'CMIPRO-RDS-5',
    title: 'Databases refuse connections without TLS',
    types: ['aws_db_instance'],
    fix: "Attach an aws_db_parameter_group with parameter { name = 'rds.force_ssl', value = '1' }.",
    check(db, context) {
      const ref = db.config.parameter_group_name;
      const group = context.ofType('aws_db_parameter_group').find((g) => context.ref(g, 'name') === ref || context.ref(g, 'id') === ref);
      const forced = asArray<Record<string, unknown>>(group?.config.parameter).some((p) => p.name === 'rds.force_ssl' && String(p.value) === '1');
      return forced ? undefined : 'rds.force_ssl is not 1 in its parameter group';
    },
  },
  {
    id: 'CMIPRO-RDS-6',
    title: 'The master password is generated and kept by Secrets Manager',
    nag: 'AwsSolutions-SMG4',
    types: ['aws_db_instance', 'aws_rds_cluster'],
    fix: 'Remove password and set manage_master_user_password = true with master_user_secret_kms_key_id.',
    check(db) {
      if (db.config.password !== undefined || db.config.master_password !== undefined) return 'a password is set in the configuration';
      return db.config.manage_master_user_password === true ? undefined : 'manage_master_user_password is not true';
    },
  },
  {
    id: 'CMIPRO-EC-1',
    title: 'Redis encrypts in transit and at rest with a customer key and requires AUTH',
    nag: 'AwsSolutions-AEC5 / AwsSolutions-AEC6',
    types: ['aws_elasticache_replication_group'],
    fix: "Set transit_encryption_enabled = true (mode 'required'), at_rest_encryption_enabled = true with kms_key_id, and auth_token (from Secrets Manager) or user_group_ids.",
    check(group) {
      const c = group.config;
      const problems: string[] = [];
      if (c.transit_encryption_enabled !== true || (c.transit_encryption_mode ?? 'required') !== 'required') problems.push('TLS not required');
      if (String(c.at_rest_encryption_enabled) !== 'true' || !c.kms_key_id) problems.push('not encrypted at rest with a customer key');
      if (!c.auth_token && asArray(c.user_group_ids).length === 0) problems.push('no AUTH');
      return problems.length ? problems.join('; ') : undefined;
    },
  },
  {
    id: 'CMIPRO-SMG-1',
    title: 'Secrets are encrypted with a customer-managed key',
    nag: 'NIST.800.53.R5-SecretsManagerUsingKMSKey',
    types: ['aws_secretsmanager_secret'],
    fix: 'Set kms_key_id = <data key arn>.',
    check(secret) {
      return secret.config.kms_key_id ? undefined : 'uses the AWS-managed aws/secretsmanager key';
    },
  },
  {
    id: 'CMIPRO-SNS-1',
    title: 'SNS topics are encrypted with a customer-managed key',
    nag: 'AwsSolutions-SNS2',
    types: ['aws_sns_topic'],
    fix: 'Set kms_master_key_id to a key whose policy lets the publishers (e.g. cloudwatch.amazonaws.com) use it.',
    check(topic) {
      return topic.config.kms_master_key_id ? undefined : 'not encrypted';
    },
  },
  {
    id: 'CMIPRO-LOG-1',
    title: 'Log groups are KMS-encrypted and expire',
    nag: 'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
    types: ['aws_cloudwatch_log_group'],
    fix: 'Set kms_key_id (a key granting logs.<region>.amazonaws.com) and retention_in_days.',
    check(group) {
      const problems: string[] = [];
      if (!group.config.kms_key_id) problems.push('not KMS-encrypted');
      if (!group.config.retention_in_days) problems.push('kept forever');
      return problems.length ? problems.join('; ') : undefined;
    },
  },
  {
    id: 'CMIPRO-TRAIL-1',
    title: 'CloudTrail is KMS-encrypted and validates log files',
    nag: 'NIST.800.53.R5-CloudTrailEncryptionEnabled',
    types: ['aws_cloudtrail'],
    fix: 'Set kms_key_id and enable_log_file_validation = true.',
    check(trail) {
      const problems: string[] = [];
      if (!trail.config.kms_key_id) problems.push('not KMS-encrypted');
      if (trail.config.enable_log_file_validation !== true) problems.push('log file validation off');
      return problems.length ? problems.join('; ') : undefined;
    },
  },
];
