import { looksLikeSecretName } from '../secret-patterns.js';
import { asArray, nested, type PolicyRule } from '../policy-rule.js';

interface ContainerDefinition {
  readonly name?: string;
  readonly user?: string;
  readonly readonlyRootFilesystem?: boolean;
  readonly privileged?: boolean;
  readonly environment?: readonly { readonly name: string; readonly value: string }[];
  readonly logConfiguration?: { readonly logDriver?: string };
}

function containers(value: unknown): readonly ContainerDefinition[] {
  if (typeof value !== 'string') return [];
  try {
    return asArray(JSON.parse(value) as ContainerDefinition[]);
  } catch {
    return [];
  }
}

const ROOT_USERS = new Set(['root', '0', '0:0']);

export const COMPUTE_RULES: readonly PolicyRule[] = [
  {
    id: 'CMIPRO-ECS-1',
    title: 'Task definitions pass secrets through `secrets`, never `environment`',
    nag: 'AwsSolutions-ECS2',
    types: ['aws_ecs_task_definition'],
    fix: "Store the value in Secrets Manager and reference it in the container's secrets list (name + valueFrom = secret ARN).",
    check(task) {
      const leaks = containers(task.config.container_definitions).flatMap((c) =>
        (c.environment ?? []).filter((e) => looksLikeSecretName(e.name)).map((e) => `${c.name}:${e.name}`),
      );
      return leaks.length ? `secret-looking environment variables ${leaks.join(', ')}` : undefined;
    },
  },
  {
    id: 'CMIPRO-ECS-2',
    title: 'Containers run as non-root, read-only, unprivileged, logging to CloudWatch',
    nag: 'AwsSolutions-ECS7',
    types: ['aws_ecs_task_definition'],
    fix: "Set user to a non-root uid ('1000:1000'), readonlyRootFilesystem true, privileged false, logConfiguration.logDriver 'awslogs'.",
    check(task) {
      const problems = containers(task.config.container_definitions).flatMap((c) => {
        const p: string[] = [];
        if (!c.user || ROOT_USERS.has(c.user)) p.push('runs as root');
        if (c.readonlyRootFilesystem !== true) p.push('writable root filesystem');
        if (c.privileged === true) p.push('privileged');
        if (c.logConfiguration?.logDriver !== 'awslogs') p.push('no awslogs logging');
        return p.map((x) => `${c.name ?? '?'}: ${x}`);
      });
      return problems.length ? problems.join('; ') : undefined;
    },
  },
  {
    id: 'CMIPRO-ECS-3',
    title: 'Services run in private subnets without public IPs',
    types: ['aws_ecs_service'],
    fix: 'Set network_configuration { assign_public_ip = false } with private subnets.',
    check(service) {
      return nested(service.config.network_configuration)?.assign_public_ip === true ? 'tasks get public IPs' : undefined;
    },
  },
  {
    id: 'CMIPRO-ECS-4',
    title: 'ECS clusters have Container Insights',
    nag: 'AwsSolutions-ECS4',
    types: ['aws_ecs_cluster'],
    fix: "Add setting { name = 'containerInsights', value = 'enabled' }.",
    check(cluster) {
      const on = asArray<Record<string, unknown>>(cluster.config.setting).some((s) => s.name === 'containerInsights' && ['enabled', 'enhanced'].includes(String(s.value)));
      return on ? undefined : 'Container Insights off';
    },
  },
];
