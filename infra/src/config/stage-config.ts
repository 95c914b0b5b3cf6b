/** The deployment stages. */
export const STAGE_NAMES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** Where a stage keeps its Terraform state (bootstrapped once by hand, see infra/README.md). */
export interface StateBackendConfig {
  /** S3 bucket holding every layer's state file for the stage. */
  readonly bucket: string;
  /** Region of the state bucket. */
  readonly region: string;
  /** ARN of the KMS key the state objects are encrypted with. */
  readonly kmsKeyArn: string;
}

/** PostgreSQL sizing. */
export interface DatabaseConfig {
  /** RDS instance class, e.g. `db.t4g.medium`. */
  readonly instanceClass: string;
  /** Major.minor engine version of PostgreSQL. */
  readonly engineVersion: string;
  /** Parameter group family matching `engineVersion`, e.g. `postgres16`. */
  readonly parameterGroupFamily: string;
  /** Initial storage in GiB. */
  readonly allocatedStorageGb: number;
  /** Storage autoscaling ceiling in GiB; must be ≥ `allocatedStorageGb`. */
  readonly maxAllocatedStorageGb: number;
  /** Standby in a second AZ. */
  readonly multiAz: boolean;
}

/** Redis sizing. */
export interface CacheConfig {
  /** ElastiCache node type, e.g. `cache.t4g.micro`. */
  readonly nodeType: string;
  /** Nodes in the replication group (1 primary + replicas); ≥ 2 enables automatic failover. */
  readonly nodeCount: number;
  /** Redis engine version. */
  readonly engineVersion: string;
}

/** The API's Fargate service sizing. */
export interface ServiceConfig {
  /** Fargate task CPU units (256, 512, 1024, ...). */
  readonly cpu: number;
  /** Fargate task memory in MiB. */
  readonly memoryMb: number;
  /** Fewest running tasks (autoscaling floor). */
  readonly minTasks: number;
  /** Most running tasks (autoscaling ceiling). */
  readonly maxTasks: number;
  /** Port the container listens on. */
  readonly containerPort: number;
  /** Image tag deployed from the stage's ECR repository (tags are immutable). */
  readonly imageTag: string;
  /** Target average CPU utilisation (percent) for scaling. */
  readonly targetCpuPercent: number;
  /** Target requests per task per minute (ALBRequestCountPerTarget) for scaling. */
  readonly targetRequestsPerTask: number;
}

/** Everything that differs between stages; validated by `validateStageConfig` before any construct is built. */
export interface StageConfig {
  readonly stage: StageName;
  /** AWS account the stage deploys to (12 digits); the provider refuses any other account. */
  readonly accountId: string;
  /** Region of the workload (the edge layer always adds a `us-east-1` provider for CloudFront scope). */
  readonly region: string;
  /** VPC CIDR, a /16 (subnets are carved as /20s). */
  readonly vpcCidr: string;
  /** NAT gateways: 1 (cheaper, one AZ's NAT is a single point of failure) or 2 (one per AZ). */
  readonly natGateways: 1 | 2;
  /** ACM certificate ARN (in `region`) for the internal ALB's HTTPS listener. */
  readonly albCertificateArn: string;
  /**
   * Public host name and ACM certificate (in us-east-1) for CloudFront. Required: with the
   * default `*.cloudfront.net` certificate CloudFront ignores the minimum TLS version.
   */
  readonly edgeDomain: { readonly name: string; readonly certificateArn: string };
  /**
   * Name CloudFront uses for the internal ALB (TLS is validated against it, so the ALB
   * certificate must cover it).
   * @default the ALB's own DNS name
   */
  readonly originDomainName?: string;
  /** Days CloudWatch keeps application, flow and WAF logs. */
  readonly logRetentionDays: number;
  /**
   * Address subscribed to the security-alerts topic.
   * @default no subscription (subscribe by hand or through the on-call tool)
   */
  readonly alertEmail?: string;
  readonly state: StateBackendConfig;
  readonly database: DatabaseConfig;
  readonly cache: CacheConfig;
  readonly service: ServiceConfig;
}

/** Values CloudWatch Logs accepts for `retention_in_days`. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384];

/** Throws one error listing every problem in the config, each with how to fix it. */
export function validateStageConfig(config: StageConfig): StageConfig {
  const problems: string[] = [];
  const where = `stage '${config.stage}'`;
  const check = (ok: boolean, message: string): void => {
    if (!ok) problems.push(message);
  };

  check(/^\d{12}$/.test(config.accountId), `accountId '${config.accountId}' must be the 12-digit AWS account id of the ${config.stage} account.`);
  check(/^[a-z]{2}(-[a-z]+)+-\d$/.test(config.region), `region '${config.region}' is not an AWS region name; use e.g. 'us-east-1'.`);
  check(/^10\.\d{1,3}\.0\.0\/16$/.test(config.vpcCidr), `vpcCidr '${config.vpcCidr}' must be a private /16 such as '10.20.0.0/16' (subnets are carved as /20s).`);
  check(
    certificateArnIn(config.albCertificateArn, config.region, config.accountId),
    `albCertificateArn must be an ACM certificate in ${config.region} of account ${config.accountId} ('arn:aws:acm:${config.region}:${config.accountId}:certificate/<id>'); request one for the ALB's internal name in ACM.`,
  );
  check(
    certificateArnIn(config.edgeDomain.certificateArn, 'us-east-1', config.accountId),
    `edgeDomain.certificateArn must be an ACM certificate in us-east-1 (CloudFront only reads certificates from there) of account ${config.accountId}.`,
  );
  check(/^([a-z0-9-]+\.)+[a-z]{2,}$/.test(config.edgeDomain.name), `edgeDomain.name '${config.edgeDomain.name}' is not a host name such as 'api.cmipro.hn'.`);
  check(LOG_RETENTION_DAYS.includes(config.logRetentionDays), `logRetentionDays ${config.logRetentionDays} is not accepted by CloudWatch Logs; use one of ${LOG_RETENTION_DAYS.join(', ')}.`);
  check(config.alertEmail === undefined || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(config.alertEmail), `alertEmail '${config.alertEmail}' is not an e-mail address.`);

  check(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(config.state.bucket), `state.bucket '${config.state.bucket}' is not a valid S3 bucket name.`);
  check(
    /^arn:aws:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(config.state.kmsKeyArn),
    `state.kmsKeyArn must be the ARN of the KMS key created by the bootstrap step (infra/README.md, 'Bootstrap').`,
  );

  const { database, cache, service } = config;
  check(database.instanceClass.startsWith('db.'), `database.instanceClass '${database.instanceClass}' must be an RDS class such as 'db.t4g.medium'.`);
  check(
    database.parameterGroupFamily === `postgres${database.engineVersion.split('.')[0]}`,
    `database.parameterGroupFamily '${database.parameterGroupFamily}' does not match engineVersion ${database.engineVersion}; use 'postgres${database.engineVersion.split('.')[0]}'.`,
  );
  check(database.allocatedStorageGb >= 20, `database.allocatedStorageGb must be at least 20 (the gp3 minimum).`);
  check(database.maxAllocatedStorageGb >= database.allocatedStorageGb, `database.maxAllocatedStorageGb must be ≥ allocatedStorageGb.`);
  check(cache.nodeType.startsWith('cache.'), `cache.nodeType '${cache.nodeType}' must be an ElastiCache type such as 'cache.t4g.micro'.`);
  check(Number.isInteger(cache.nodeCount) && cache.nodeCount >= 1 && cache.nodeCount <= 6, `cache.nodeCount must be an integer from 1 to 6.`);
  if (config.stage === 'prod') {
    check(database.multiAz, `prod must run the database multi-AZ: set database.multiAz to true.`);
    check(cache.nodeCount >= 2, `prod needs automatic failover, which needs a replica: set cache.nodeCount to 2 or more.`);
    check(service.minTasks >= 2, `prod must survive losing a task or an AZ: set service.minTasks to 2 or more.`);
  }
  check(FARGATE_CPU.includes(service.cpu), `service.cpu ${service.cpu} is not a Fargate size; use one of ${FARGATE_CPU.join(', ')}.`);
  check(service.memoryMb >= service.cpu * 2 && service.memoryMb <= service.cpu * 8, `service.memoryMb ${service.memoryMb} is outside Fargate's range for ${service.cpu} CPU units (2x to 8x the CPU value).`);
  check(service.minTasks >= 1 && service.maxTasks >= service.minTasks, `service.minTasks must be ≥ 1 and service.maxTasks ≥ minTasks.`);
  check(service.containerPort > 1024 && service.containerPort < 65536, `service.containerPort must be above 1024: the container runs as a non-root user, which cannot bind low ports.`);
  check(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(service.imageTag) && service.imageTag !== 'latest', `service.imageTag '${service.imageTag}' must be an immutable release tag (not 'latest').`);
  check(service.targetCpuPercent > 0 && service.targetCpuPercent < 100, `service.targetCpuPercent must be between 1 and 99.`);
  check(service.targetRequestsPerTask > 0, `service.targetRequestsPerTask must be positive.`);

  if (problems.length > 0) {
    throw new Error(`Invalid stage config for ${where}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return config;
}

function certificateArnIn(arn: string, region: string, accountId: string): boolean {
  return new RegExp(`^arn:aws:acm:${region}:${accountId}:certificate/[0-9a-f-]{36}$`).test(arn);
}
