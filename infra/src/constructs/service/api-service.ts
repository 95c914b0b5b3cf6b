import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy/index.js';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster/index.js';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service/index.js';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { Lb } from '@cdktf/provider-aws/lib/lb/index.js';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener/index.js';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group/index.js';
import { Construct } from 'constructs';
import type { ServiceConfig } from '../../config/stage-config.js';
import { looksLikeSecretName } from '../../policy/secret-patterns.js';
import { grantToRole } from '../iam/role-grant.js';
import { assumeRolePolicy } from '../iam/policy-document.js';

/** TLS 1.3 with TLS 1.2 fallback, forward-secret ciphers only. */
export const ALB_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
/** The API's readiness endpoint (DB + Redis), SPEC §6. */
export const HEALTH_CHECK_PATH = '/health/ready';
/** Non-root uid:gid of the `node` user in the official Node images. */
const CONTAINER_USER = '1000:1000';
const CONTAINER_NAME = 'api';

/** A value injected from Secrets Manager: the whole secret, or one key of a JSON secret. */
export interface SecretReference {
  readonly secretArn: string;
  /** @default the whole secret string */
  readonly jsonKey?: string;
}

export interface ApiServiceProps {
  /** Prefix of every name, e.g. `cmipro-prod`. */
  readonly namePrefix: string;
  readonly region: string;
  readonly accountId: string;
  readonly config: ServiceConfig;
  readonly vpcId: string;
  /** Private subnets (tasks and the internal ALB). */
  readonly privateSubnetIds: readonly string[];
  readonly appSecurityGroupId: string;
  readonly loadBalancerSecurityGroupId: string;
  /** ACM certificate (in `region`) of the HTTPS listener. */
  readonly certificateArn: string;
  /** ECR repository the image is pulled from. */
  readonly repository: { readonly url: string; readonly arn: string };
  /** Role the containers run as. */
  readonly taskRoleArn: string;
  /** Key of the Secrets Manager secrets the execution role reads. */
  readonly secretsKeyArn: string;
  /** Key of the application log group. */
  readonly logKeyArn: string;
  readonly logRetentionDays: number;
  /** Bucket (SSE-S3: the only kind ALB can write to) for ALB access logs. */
  readonly accessLogBucket: string;
  /** Plain settings; a name that looks secret is refused. */
  readonly environment: Readonly<Record<string, string>>;
  /** Secrets injected by ECS at start, never visible in the task definition. */
  readonly secrets: Readonly<Record<string, SecretReference>>;
  /**
   * Protect the ALB from deletion.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * The API on ECS Fargate behind an internal ALB (SPEC §5): private subnets, no public IP,
 * non-root read-only container, secrets from Secrets Manager, logs encrypted, autoscaling
 * on CPU and requests per task.
 */
export class ApiService extends Construct {
  readonly cluster: EcsCluster;
  readonly service: EcsService;
  readonly loadBalancer: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly taskDefinition: EcsTaskDefinition;
  readonly executionRole: IamRole;

  constructor(scope: Construct, id: string, props: ApiServiceProps) {
    super(scope, id);
    const { namePrefix, config } = props;
    const plainSecrets = Object.keys(props.environment).filter(looksLikeSecretName);
    if (plainSecrets.length > 0) {
      throw new Error(`${this.node.path}: ${plainSecrets.join(', ')} look like secrets; pass them in 'secrets' (Secrets Manager), not 'environment'.`);
    }
    const clash = Object.keys(props.environment).filter((k) => k in props.secrets);
    if (clash.length > 0) throw new Error(`${this.node.path}: ${clash.join(', ')} set both as environment and secret; keep one.`);

    this.cluster = new EcsCluster(this, 'cluster', {
      name: namePrefix,
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/cmipro/${namePrefix}/api`,
      kmsKeyId: props.logKeyArn,
      retentionInDays: props.logRetentionDays,
    });

    this.executionRole = this.createExecutionRole(props, logGroup.arn);
    this.taskDefinition = new EcsTaskDefinition(this, 'task', {
      family: `${namePrefix}-api`,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(config.cpu),
      memory: String(config.memoryMb),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: props.taskRoleArn,
      // The root filesystem is read-only; /tmp is a task-scoped scratch volume.
      volume: [{ name: 'tmp' }],
      containerDefinitions: JSON.stringify([
        {
          name: CONTAINER_NAME,
          image: `${props.repository.url}:${config.imageTag}`,
          essential: true,
          user: CONTAINER_USER,
          readonlyRootFilesystem: true,
          privileged: false,
          linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
          mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
          portMappings: [{ containerPort: config.containerPort, protocol: 'tcp' }],
          environment: Object.entries({ ...props.environment, PORT: String(config.containerPort) }).map(([name, value]) => ({ name, value })),
          secrets: Object.entries(props.secrets).map(([name, ref]) => ({
            name,
            valueFrom: ref.jsonKey ? `${ref.secretArn}:${ref.jsonKey}::` : ref.secretArn,
          })),
          stopTimeout: 30,
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': logGroup.name,
              'awslogs-region': props.region,
              'awslogs-stream-prefix': CONTAINER_NAME,
              mode: 'non-blocking',
            },
          },
        },
      ]),
    });

    const { loadBalancer, targetGroup, listener } = this.createLoadBalancer(props);
    this.loadBalancer = loadBalancer;
    this.targetGroup = targetGroup;

    this.service = new EcsService(this, 'service', {
      name: `${namePrefix}-api`,
      cluster: this.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: config.minTasks,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      networkConfiguration: {
        subnets: [...props.privateSubnetIds],
        securityGroups: [props.appSecurityGroupId],
        assignPublicIp: false,
      },
      loadBalancer: [{ targetGroupArn: targetGroup.arn, containerName: CONTAINER_NAME, containerPort: config.containerPort }],
      healthCheckGracePeriodSeconds: 60,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      propagateTags: 'SERVICE',
      enableExecuteCommand: false,
      // Autoscaling owns the count after the first apply.
      lifecycle: { ignoreChanges: ['desired_count'] },
      dependsOn: [listener],
    });

    this.createAutoscaling(props, loadBalancer, targetGroup);
  }

  /** Pulls the image, writes the log stream, reads the named secrets: nothing else. */
  private createExecutionRole(props: ApiServiceProps, logGroupArn: string): IamRole {
    const role = new IamRole(this, 'execution-role', {
      name: `${props.namePrefix}-api-execution`,
      description: 'ECS agent for the CMIPRO API: image pull, logs, secrets',
      assumeRolePolicy: assumeRolePolicy('ecs-tasks.amazonaws.com', props.accountId),
    });
    const secretArns = [...new Set(Object.values(props.secrets).map((s) => s.secretArn))];
    grantToRole(this, 'execution-permissions', role.name, [
      // GetAuthorizationToken has no resource-level permissions: '*' is the only valid resource.
      { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'PullImage',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: props.repository.arn,
      },
      { Sid: 'WriteLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroupArn}:*` },
      ...(secretArns.length > 0
        ? [
            { Sid: 'ReadSecrets', Effect: 'Allow' as const, Action: 'secretsmanager:GetSecretValue', Resource: secretArns },
            {
              Sid: 'DecryptSecrets',
              Effect: 'Allow' as const,
              Action: 'kms:Decrypt',
              Resource: props.secretsKeyArn,
              Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${props.region}.amazonaws.com` } },
            },
          ]
        : []),
    ]);
    return role;
  }

  private createLoadBalancer(props: ApiServiceProps) {
    const loadBalancer = new Lb(this, 'alb', {
      name: `${props.namePrefix}-api`,
      internal: true,
      loadBalancerType: 'application',
      securityGroups: [props.loadBalancerSecurityGroupId],
      subnets: [...props.privateSubnetIds],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'strictest',
      enableDeletionProtection: props.deletionProtection ?? true,
      accessLogs: { bucket: props.accessLogBucket, prefix: 'alb', enabled: true },
    });
    const targetGroup = new LbTargetGroup(this, 'targets', {
      name: `${props.namePrefix}-api`,
      vpcId: props.vpcId,
      targetType: 'ip',
      port: props.config.containerPort,
      protocol: 'HTTP',
      deregistrationDelay: '30',
      healthCheck: {
        enabled: true,
        path: HEALTH_CHECK_PATH,
        matcher: '200',
        interval: 15,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    });
    const listener = new LbListener(this, 'https', {
      loadBalancerArn: loadBalancer.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: ALB_SSL_POLICY,
      certificateArn: props.certificateArn,
      defaultAction: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
    });
    return { loadBalancer, targetGroup, listener };
  }

  private createAutoscaling(props: ApiServiceProps, loadBalancer: Lb, targetGroup: LbTargetGroup): void {
    const { config } = props;
    const target = new AppautoscalingTarget(this, 'scaling-target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${this.cluster.name}/${this.service.name}`,
      minCapacity: config.minTasks,
      maxCapacity: config.maxTasks,
    });
    const policy = (id: string, metric: string, targetValue: number, resourceLabel?: string) =>
      new AppautoscalingPolicy(this, id, {
        name: `${props.namePrefix}-api-${id}`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue,
          scaleInCooldown: 300,
          scaleOutCooldown: 60,
          predefinedMetricSpecification: { predefinedMetricType: metric, ...(resourceLabel ? { resourceLabel } : {}) },
        },
      });
    policy('cpu', 'ECSServiceAverageCPUUtilization', config.targetCpuPercent);
    policy('requests', 'ALBRequestCountPerTarget', config.targetRequestsPerTask, `${loadBalancer.arnSuffix}/${targetGroup.arnSuffix}`);
  }
}
