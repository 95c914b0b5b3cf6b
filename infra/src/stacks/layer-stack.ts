import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { Aspects, S3Backend, TerraformStack, type S3BackendConfig } from 'cdktf';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.js';
import { PolicyAspect } from '../policy/policy-pack.js';

/** The layers, in deploy order (each only reads the ones before it). */
export const LAYERS = ['monitoring', 'network', 'data', 'service', 'edge'] as const;
export type Layer = (typeof LAYERS)[number];

/** Stack name of a layer in a stage, e.g. `cmipro-prod-data`. */
export const stackName = (stage: string, layer: Layer): string => `cmipro-${stage}-${layer}`;

/**
 * Base of every layer stack: the stage's AWS provider (locked to its account), the
 * encrypted S3 backend with native locking, and the policy pack.
 */
export abstract class LayerStack extends TerraformStack {
  readonly config: StageConfig;
  /** Prefix of resource names, e.g. `cmipro-prod`. */
  readonly namePrefix: string;
  readonly provider: AwsProvider;
  /** Tags every resource of the stack carries (set on each provider of the stack). */
  protected readonly defaultTags: { readonly tags: Readonly<Record<string, string>> };

  protected constructor(scope: Construct, config: StageConfig, layer: Layer) {
    super(scope, stackName(config.stage, layer));
    this.config = config;
    this.namePrefix = `cmipro-${config.stage}`;

    this.defaultTags = { tags: { Project: 'cmipro-shield', Stage: config.stage, Layer: layer, ManagedBy: 'cdktf' } };
    this.provider = new AwsProvider(this, 'aws', {
      region: config.region,
      allowedAccountIds: [config.accountId],
      defaultTags: [this.defaultTags],
    });

    // `use_lockfile` (Terraform >= 1.10) locks with an S3 object: no DynamoDB table. cdktf
    // 0.21's typed config predates it, but the backend renders every prop in snake_case.
    const backend: S3BackendConfig & { readonly useLockfile: boolean } = {
      bucket: config.state.bucket,
      key: `${config.stage}/${layer}.tfstate`,
      region: config.state.region,
      encrypt: true,
      kmsKeyId: config.state.kmsKeyArn,
      useLockfile: true,
    };
    new S3Backend(this, backend);

    Aspects.of(this).add(new PolicyAspect());
  }
}
