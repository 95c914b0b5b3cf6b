import { nested, parsePolicy, type PolicyContext, type PolicyRule, type SynthBlock } from '../policy-rule.js';

/** Companion resources of a bucket (they name it by `bucket = aws_s3_bucket.x.id|bucket`). */
function companions(context: PolicyContext, bucket: SynthBlock, type: string): readonly SynthBlock[] {
  const refs = new Set([context.ref(bucket, 'id'), context.ref(bucket, 'bucket')]);
  return context.ofType(type).filter((b) => refs.has(b.config.bucket));
}

export const STORAGE_RULES: readonly PolicyRule[] = [
  {
    id: 'CMIPRO-S3-1',
    title: 'S3 buckets are encrypted with a customer-managed KMS key',
    nag: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
    types: ['aws_s3_bucket'],
    fix: 'Add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "aws:kms" and kms_master_key_id (use the SecureBucket construct).',
    check(bucket, context) {
      const rules = companions(context, bucket, 'aws_s3_bucket_server_side_encryption_configuration').flatMap((c) => c.config.rule ?? []);
      const kms = rules.some((r) => {
        const d = nested(r.apply_server_side_encryption_by_default);
        return d?.sse_algorithm === 'aws:kms' && typeof d.kms_master_key_id === 'string' && d.kms_master_key_id.length > 0;
      });
      return kms ? undefined : 'no SSE-KMS default encryption with a customer key';
    },
  },
  {
    id: 'CMIPRO-S3-2',
    title: 'S3 buckets block all public access',
    nag: 'AwsSolutions-S2',
    types: ['aws_s3_bucket'],
    fix: 'Add aws_s3_bucket_public_access_block with all four settings true.',
    check(bucket, context) {
      const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
      const ok = companions(context, bucket, 'aws_s3_bucket_public_access_block').some((b) => flags.every((f) => b.config[f] === true));
      return ok ? undefined : 'public access is not fully blocked';
    },
  },
  {
    id: 'CMIPRO-S3-3',
    title: 'S3 bucket policies deny requests without TLS',
    nag: 'AwsSolutions-S10',
    types: ['aws_s3_bucket'],
    fix: 'Add a bucket policy statement: Effect Deny, Principal *, Action s3:*, Condition Bool aws:SecureTransport "false".',
    check(bucket, context) {
      const ok = companions(context, bucket, 'aws_s3_bucket_policy').some((p) =>
        parsePolicy(p.config.policy)?.Statement.some((s) => {
          const bool = (s.Condition as Record<string, Record<string, unknown>> | undefined)?.Bool;
          return s.Effect === 'Deny' && String(bool?.['aws:SecureTransport']) === 'false';
        }),
      );
      return ok ? undefined : 'no policy statement denies aws:SecureTransport=false';
    },
  },
  {
    id: 'CMIPRO-S3-4',
    title: 'S3 buckets keep object versions',
    nag: 'NIST.800.53.R5-S3BucketVersioningEnabled',
    types: ['aws_s3_bucket'],
    fix: 'Add aws_s3_bucket_versioning with versioning_configuration.status "Enabled".',
    check(bucket, context) {
      const ok = companions(context, bucket, 'aws_s3_bucket_versioning').some((v) => nested(v.config.versioning_configuration)?.status === 'Enabled');
      return ok ? undefined : 'versioning is not enabled';
    },
  },
  {
    id: 'CMIPRO-ECR-1',
    title: 'ECR repositories scan on push, have immutable tags and use KMS',
    nag: 'AwsSolutions-ECR1',
    types: ['aws_ecr_repository'],
    fix: 'Set image_scanning_configuration.scan_on_push = true, image_tag_mutability = "IMMUTABLE" and encryption_configuration { encryption_type = "KMS", kms_key = <key arn> }.',
    check(repo) {
      const problems: string[] = [];
      if (nested(repo.config.image_scanning_configuration)?.scan_on_push !== true) problems.push('scan on push is off');
      if (repo.config.image_tag_mutability !== 'IMMUTABLE') problems.push('tags are mutable');
      const enc = nested(repo.config.encryption_configuration);
      if (enc?.encryption_type !== 'KMS' || !enc.kms_key) problems.push('not encrypted with a customer KMS key');
      return problems.length ? problems.join('; ') : undefined;
    },
  },
];
