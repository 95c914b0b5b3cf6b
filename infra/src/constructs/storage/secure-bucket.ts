import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketAcl } from '@cdktf/provider-aws/lib/s3-bucket-acl/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document.js';
import { suppressPolicyRule } from '../../policy/suppressions.js';

/** How objects are encrypted at rest. */
export type BucketEncryption =
  | { readonly kind: 'kms'; readonly keyArn: string }
  /** SSE-S3, only for destinations that cannot write with a customer key (ALB access logs). */
  | { readonly kind: 's3-managed'; readonly reason: string };

export interface SecureBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Encryption at rest. */
  readonly encryption: BucketEncryption;
  /**
   * Statements added to the bucket policy after the TLS-only deny (log delivery services...).
   * @default none
   */
  readonly policyStatements?: (bucketArn: string) => readonly PolicyStatement[];
  /**
   * Canonical user id of CloudFront's log-delivery account: turns ACLs on (ownership
   * BucketOwnerPreferred) and grants it FULL_CONTROL, which CloudFront standard logging needs.
   * @default ACLs disabled (BucketOwnerEnforced)
   */
  readonly cloudFrontLogDeliveryCanonicalId?: string;
  /** Canonical user id of this account (the ACL owner); required with `cloudFrontLogDeliveryCanonicalId`. */
  readonly ownerCanonicalId?: string;
  /**
   * Days after which current objects expire (noncurrent versions expire 30 days later).
   * @default objects are kept
   */
  readonly expirationDays?: number;
  /**
   * Provider (region) of the bucket.
   * @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An S3 bucket that cannot be made insecure by forgetting something: public access blocked,
 * encryption at rest, TLS-only policy, versioning, ACLs off unless a log service needs them.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket policy; depend on it before a service writes to the bucket. */
  readonly policy: S3BucketPolicy;
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucketName) && !props.bucketName.includes('${')) {
      throw new Error(`${this.node.path}: bucketName '${props.bucketName}' is not a valid S3 bucket name (3-63 lowercase letters, digits, '.', '-').`);
    }
    if (props.cloudFrontLogDeliveryCanonicalId && !props.ownerCanonicalId) {
      throw new Error(`${this.node.path}: ownerCanonicalId is required with cloudFrontLogDeliveryCanonicalId (the ACL must keep the owner's FULL_CONTROL); pass DataAwsCanonicalUserId's id.`);
    }
    if (props.encryption.kind === 's3-managed' && props.encryption.reason.trim().length < 20) {
      throw new Error(`${this.node.path}: s3-managed encryption needs a reason (why a customer-managed key cannot be used).`);
    }
    const provider = props.provider;

    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, provider });
    this.arn = this.bucket.arn;
    this.name = this.bucket.bucket;
    const bucket = this.bucket.id;

    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      provider,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        props.encryption.kind === 'kms'
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryption.keyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
      provider,
    });
    if (props.encryption.kind === 's3-managed') suppressPolicyRule(this, 'CMIPRO-S3-1', props.encryption.reason);
    new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' }, provider });

    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket,
      rule: { objectOwnership: props.cloudFrontLogDeliveryCanonicalId ? 'BucketOwnerPreferred' : 'BucketOwnerEnforced' },
      provider,
    });
    if (props.cloudFrontLogDeliveryCanonicalId && props.ownerCanonicalId) {
      new S3BucketAcl(this, 'acl', {
        bucket,
        accessControlPolicy: {
          owner: { id: props.ownerCanonicalId },
          grant: [
            { permission: 'FULL_CONTROL', grantee: { type: 'CanonicalUser', id: props.ownerCanonicalId } },
            { permission: 'FULL_CONTROL', grantee: { type: 'CanonicalUser', id: props.cloudFrontLogDeliveryCanonicalId } },
          ],
        },
        dependsOn: [ownership, publicAccess],
        provider,
      });
    }

    const statements: PolicyStatement[] = [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      ...(props.policyStatements?.(this.bucket.arn) ?? []),
    ];
    this.policy = new S3BucketPolicy(this, 'policy', { bucket, policy: policyDocument(statements), dependsOn: [publicAccess], provider });

    if (props.expirationDays !== undefined) {
      if (!Number.isInteger(props.expirationDays) || props.expirationDays < 1) {
        throw new Error(`${this.node.path}: expirationDays must be a positive integer; got ${props.expirationDays}.`);
      }
      new S3BucketLifecycleConfiguration(this, 'lifecycle', {
        bucket,
        rule: [
          {
            id: 'expire',
            status: 'Enabled',
            filter: [{}],
            expiration: [{ days: props.expirationDays }],
            noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
            abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          },
        ],
        provider,
      });
    }
  }
}
