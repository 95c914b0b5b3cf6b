import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy/index.js';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
import { Construct } from 'constructs';

export interface ContainerRegistryProps {
  /** Repository name, e.g. `cmipro-prod/api`. */
  readonly name: string;
  /** Customer-managed key encrypting the image layers. */
  readonly keyArn: string;
  /**
   * Images kept; older ones expire.
   * @default 50
   */
  readonly keepImages?: number;
}

/** ECR repository: scan on push, immutable tags, KMS encryption, bounded history. */
export class ContainerRegistry extends Construct {
  readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    const keep = props.keepImages ?? 50;
    if (!Number.isInteger(keep) || keep < 1) throw new Error(`${this.node.path}: keepImages must be a positive integer; got ${keep}.`);
    this.repository = new EcrRepository(this, 'repository', {
      name: props.name,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: props.keyArn }],
    });
    new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Keep the newest ${keep} images`,
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keep },
            action: { type: 'expire' },
          },
        ],
      }),
    });
  }
}
