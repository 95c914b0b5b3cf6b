import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias/index.js';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document.js';

/** Actions a workload role gets on a data key: use it, never manage it (SPEC §4). */
export const KEY_USAGE_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey*'] as const;

/** An AWS service that encrypts with the key on the account's behalf (CloudWatch Logs, CloudTrail...). */
export interface ServiceKeyGrant {
  /** Statement id, unique within the key policy. */
  readonly sid: string;
  /** Service principal, e.g. `logs.us-east-1.amazonaws.com`. */
  readonly service: string;
  /** KMS actions the service needs. */
  readonly actions: readonly string[];
  /**
   * Conditions narrowing the grant to this account's resources.
   * @default none (only acceptable for services that offer no source condition)
   */
  readonly condition?: PolicyStatement['Condition'];
}

export interface EncryptionKeyProps {
  /** Alias without the `alias/` prefix, e.g. `cmipro-prod-data`. */
  readonly alias: string;
  /** What the key protects. */
  readonly description: string;
  /** Account whose root principal administers the key (enables IAM policies on it). */
  readonly accountId: string;
  /**
   * Roles that may use the key for Decrypt and GenerateDataKey* only.
   * @default none
   */
  readonly usageRoleArns?: readonly string[];
  /**
   * Service principals that may use the key.
   * @default none
   */
  readonly serviceGrants?: readonly ServiceKeyGrant[];
  /**
   * Days a scheduled deletion waits (7-30); short so a mistake is found quickly, long enough to cancel.
   * @default 7
   */
  readonly deletionWindowDays?: number;
  /**
   * Provider (region) the key lives in.
   * @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
}

/** A customer-managed KMS key with rotation on and an explicit, minimal key policy. */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const deletionWindowDays = props.deletionWindowDays ?? 7;
    if (!Number.isInteger(deletionWindowDays) || deletionWindowDays < 7 || deletionWindowDays > 30) {
      throw new Error(`${this.node.path}: deletionWindowDays must be an integer from 7 to 30 (KMS's range); got ${deletionWindowDays}.`);
    }
    if (!/^[a-zA-Z0-9/_-]+$/.test(props.alias) || props.alias.startsWith('aws/')) {
      throw new Error(`${this.node.path}: alias '${props.alias}' must use letters, digits, '/', '_' or '-' and not start with 'aws/' (reserved).`);
    }

    const statements: PolicyStatement[] = [
      {
        Sid: 'AccountRootAdministers',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ];
    if (props.usageRoleArns && props.usageRoleArns.length > 0) {
      statements.push({
        Sid: 'WorkloadUsesKey',
        Effect: 'Allow',
        Principal: { AWS: props.usageRoleArns },
        Action: KEY_USAGE_ACTIONS,
        Resource: '*',
      });
    }
    for (const grant of props.serviceGrants ?? []) {
      statements.push({
        Sid: grant.sid,
        Effect: 'Allow',
        Principal: { Service: grant.service },
        Action: grant.actions,
        Resource: '*',
        ...(grant.condition ? { Condition: grant.condition } : {}),
      });
    }

    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      policy: policyDocument(statements),
      provider: props.provider,
    });
    new KmsAlias(this, 'alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId, provider: props.provider });
    this.arn = this.key.arn;
  }
}

/** Grant letting CloudWatch Logs in `region` encrypt log groups of `accountId`. */
export function cloudWatchLogsGrant(region: string, accountId: string): ServiceKeyGrant {
  return {
    sid: `CloudWatchLogs${region.replace(/-/g, '')}`,
    service: `logs.${region}.amazonaws.com`,
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*` } },
  };
}
