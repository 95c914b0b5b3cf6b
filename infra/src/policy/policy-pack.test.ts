import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Aspects, TerraformOutput, TerraformResource, type TerraformStack } from 'cdktf';
import { synthStack, synthStages, type TfJson } from '../testing/synth.js';
import { POLICY_RULES, PolicyAspect, PolicyViolationError, blocksOf, evaluate } from './policy-pack.js';
import { suppressPolicyRule } from './suppressions.js';

/** A resource written as raw Terraform attributes: the rules read the JSON, not the classes. */
function raw(stack: TerraformStack, type: string, attributes: Record<string, unknown>, id = 'bad'): TerraformResource {
  const resource = new TerraformResource(stack, id, { terraformResourceType: type });
  for (const [key, value] of Object.entries(attributes)) resource.addOverride(key, value);
  return resource;
}

const json = (value: unknown) => JSON.stringify(value);
const containerDefinitions = (overrides: Record<string, unknown>) =>
  json([{ name: 'api', image: 'x', user: '1000', readonlyRootFilesystem: true, logConfiguration: { logDriver: 'awslogs' }, ...overrides }]);
const badDistribution = {
  enabled: true,
  origin: [{ origin_id: 'web', domain_name: 'example.org', custom_origin_config: { origin_protocol_policy: 'http-only', origin_ssl_protocols: ['TLSv1'], http_port: 80, https_port: 443 } }],
  default_cache_behavior: { target_origin_id: 'web', viewer_protocol_policy: 'allow-all' },
  viewer_certificate: { cloudfront_default_certificate: true },
};

/** Rule id → a resource that breaks it (and only needs to break it). */
const BAD_FIXTURES: Record<string, (stack: TerraformStack) => void> = {
  'CMIPRO-S3-1': (s) => raw(s, 'aws_s3_bucket', { bucket: 'plain-bucket' }),
  'CMIPRO-S3-2': (s) => raw(s, 'aws_s3_bucket', { bucket: 'plain-bucket' }),
  'CMIPRO-S3-3': (s) => raw(s, 'aws_s3_bucket', { bucket: 'plain-bucket' }),
  'CMIPRO-S3-4': (s) => raw(s, 'aws_s3_bucket', { bucket: 'plain-bucket' }),
  'CMIPRO-ECR-1': (s) => raw(s, 'aws_ecr_repository', { name: 'repo', image_tag_mutability: 'MUTABLE' }),
  'CMIPRO-SG-1': (s) =>
    raw(s, 'aws_vpc_security_group_ingress_rule', { security_group_id: 'sg-1', ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0', description: 'ssh' }),
  'CMIPRO-SG-2': (s) =>
    raw(s, 'aws_security_group', { name: 'g', description: 'a group', ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'] }] }),
  'CMIPRO-SG-3': (s) => raw(s, 'aws_vpc_security_group_egress_rule', { security_group_id: 'sg-1', ip_protocol: '-1', cidr_ipv4: '10.0.0.0/8', description: 'everything' }),
  'CMIPRO-VPC-1': (s) => raw(s, 'aws_vpc', { cidr_block: '10.0.0.0/16' }),
  'CMIPRO-VPC-2': (s) => raw(s, 'aws_vpc', { cidr_block: '10.0.0.0/16' }),
  'CMIPRO-VPC-3': (s) => raw(s, 'aws_subnet', { vpc_id: 'vpc-1', cidr_block: '10.0.0.0/24', map_public_ip_on_launch: true }),
  'CMIPRO-ELB-1': (s) => raw(s, 'aws_lb', { internal: true, load_balancer_type: 'application' }),
  'CMIPRO-ELB-2': (s) => raw(s, 'aws_lb_listener', { load_balancer_arn: 'arn', protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-2016-08' }),
  'CMIPRO-KMS-1': (s) => raw(s, 'aws_kms_key', { enable_key_rotation: false }),
  'CMIPRO-KMS-2': (s) => raw(s, 'aws_kms_key', { enable_key_rotation: true }),
  'CMIPRO-KMS-3': (s) =>
    raw(s, 'aws_kms_key', {
      enable_key_rotation: true,
      deletion_window_in_days: 7,
      policy: json({ Statement: [{ Sid: 'AppAdmin', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/app' }, Action: 'kms:*', Resource: '*' }] }),
    }),
  'CMIPRO-RDS-1': (s) => raw(s, 'aws_db_instance', { instance_class: 'db.t4g.micro', storage_encrypted: false }),
  'CMIPRO-RDS-2': (s) => raw(s, 'aws_db_instance', { instance_class: 'db.t4g.micro', publicly_accessible: true }),
  'CMIPRO-RDS-3': (s) => raw(s, 'aws_db_instance', { instance_class: 'db.t4g.micro', backup_retention_period: 1 }),
  'CMIPRO-RDS-4': (s) => raw(s, 'aws_db_instance', { instance_class: 'db.t4g.micro', iam_database_authentication_enabled: false }),
  'CMIPRO-RDS-5': (s) => {
    raw(s, 'aws_db_parameter_group', { name: 'pg', family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '0' }] }, 'params');
    raw(s, 'aws_db_instance', { instance_class: 'db.t4g.micro', parameter_group_name: '${aws_db_parameter_group.params.name}' });
  },
  'CMIPRO-RDS-6': (s) => raw(s, 'aws_db_instance', { instance_class: 'db.t4g.micro', manage_master_user_password: false }),
  'CMIPRO-EC-1': (s) => raw(s, 'aws_elasticache_replication_group', { replication_group_id: 'r', description: 'r', transit_encryption_enabled: false }),
  'CMIPRO-SMG-1': (s) => raw(s, 'aws_secretsmanager_secret', { name: 'api/key' }),
  'CMIPRO-SNS-1': (s) => raw(s, 'aws_sns_topic', { name: 'alerts' }),
  'CMIPRO-LOG-1': (s) => raw(s, 'aws_cloudwatch_log_group', { name: '/app' }),
  'CMIPRO-TRAIL-1': (s) => raw(s, 'aws_cloudtrail', { name: 'trail', s3_bucket_name: 'b', enable_log_file_validation: false }),
  'CMIPRO-ECS-1': (s) =>
    raw(s, 'aws_ecs_task_definition', { family: 'api', container_definitions: containerDefinitions({ environment: [{ name: 'DB_PASSWORD', value: 'x' }] }) }),
  'CMIPRO-ECS-2': (s) => raw(s, 'aws_ecs_task_definition', { family: 'api', container_definitions: containerDefinitions({ user: 'root', readonlyRootFilesystem: false }) }),
  'CMIPRO-ECS-3': (s) => raw(s, 'aws_ecs_service', { name: 'api', network_configuration: { subnets: ['subnet-1'], assign_public_ip: true } }),
  'CMIPRO-ECS-4': (s) => raw(s, 'aws_ecs_cluster', { name: 'c', setting: [{ name: 'containerInsights', value: 'disabled' }] }),
  'CMIPRO-CFR-1': (s) => raw(s, 'aws_cloudfront_distribution', badDistribution),
  'CMIPRO-CFR-2': (s) => raw(s, 'aws_cloudfront_distribution', badDistribution),
  'CMIPRO-CFR-3': (s) => raw(s, 'aws_cloudfront_distribution', badDistribution),
  'CMIPRO-CFR-4': (s) => raw(s, 'aws_cloudfront_distribution', badDistribution),
  'CMIPRO-WAF-1': (s) => raw(s, 'aws_wafv2_web_acl', { name: 'acl', scope: 'CLOUDFRONT' }),
  'CMIPRO-IAM-1': (s) =>
    raw(s, 'aws_iam_role_policy', { role: 'r', policy: json({ Statement: [{ Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }),
  'CMIPRO-IAM-2': (s) =>
    raw(s, 'aws_iam_role', { assume_role_policy: json({ Statement: [{ Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] }) }),
  'CMIPRO-SEC-1': (s) => raw(s, 'aws_ssm_parameter', { name: '/ci/key', type: 'String', value: 'AKIAIOSFODNN7EXAMPLE' }),
};

/** Synthesizes a stack with the policy pack and returns the error it raised (or fails). */
function violationsOf(build: (stack: TerraformStack) => void): PolicyViolationError {
  try {
    synthStack((stack) => {
      Aspects.of(stack).add(new PolicyAspect());
      build(stack);
    });
  } catch (error) {
    if (error instanceof PolicyViolationError) return error;
    throw error;
  }
  assert.fail('the synth passed, but the policy pack should have failed it');
}

describe('policy pack rules', () => {
  it('has at least 20 rules, each with a unique id, a fix and a fixture', () => {
    assert.ok(POLICY_RULES.length >= 20, `${POLICY_RULES.length} rules`);
    const ids = POLICY_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(Object.keys(BAD_FIXTURES).sort(), [...ids].sort());
    for (const rule of POLICY_RULES) assert.ok(rule.fix.length > 20, rule.id);
  });

  it('the README table lists every rule', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const rule of POLICY_RULES) assert.ok(readme.includes(`| \`${rule.id}\` | ${rule.title.replace(/\|/g, '\\|')} |`), rule.id);
  });

  for (const rule of POLICY_RULES) {
    it(`${rule.id} fails the synth on a bad resource with its path and fix: ${rule.title}`, () => {
      const error = violationsOf(BAD_FIXTURES[rule.id]);
      const hit = error.violations.find((v) => v.ruleId === rule.id && v.path === 'test/bad');
      assert.ok(hit, `${rule.id} did not fire; got ${error.violations.map((v) => v.ruleId).join(', ')}`);
      assert.ok(hit.problem.length > 5);
      assert.match(error.message, new RegExp(`\\[${rule.id}\\] test/bad \\(`));
      assert.ok(error.message.includes(`Fix: ${rule.fix}`));
    });
  }
});

describe('policy pack mechanics', () => {
  it('reports every violation of a stack at once', () => {
    const error = violationsOf((s) => {
      raw(s, 'aws_sns_topic', { name: 'a' }, 'topic');
      raw(s, 'aws_cloudwatch_log_group', { name: '/a' }, 'logs');
    });
    assert.deepEqual(error.violations.map((v) => `${v.ruleId} ${v.path}`).sort(), ['CMIPRO-LOG-1 test/logs', 'CMIPRO-SNS-1 test/topic']);
  });

  it('a compliant resource passes', () => {
    assert.doesNotThrow(() =>
      synthStack((s) => {
        Aspects.of(s).add(new PolicyAspect());
        raw(s, 'aws_sns_topic', { name: 'a', kms_master_key_id: 'alias/k' }, 'topic');
      }),
    );
  });

  it('finds secrets anywhere in the stack, not only in resources (outputs too)', () => {
    const error = violationsOf((s) => {
      new TerraformOutput(s, 'bad', { value: '-----BEGIN RSA PRIVATE KEY-----\nMIIB' });
    });
    assert.ok(error.violations.some((v) => v.ruleId === 'CMIPRO-SEC-1' && v.type === 'output' && /PEM private key/.test(v.problem)));
  });

  it('a literal password argument is a violation, a reference is not', () => {
    const literal = violationsOf((s) => raw(s, 'aws_elasticache_user', { user_id: 'u', passwords: [], password: 'hunter2hunter2' }));
    assert.ok(literal.violations.some((v) => v.ruleId === 'CMIPRO-SEC-1' && /password is a literal/.test(v.problem)));
    assert.doesNotThrow(() =>
      synthStack((s) => {
        Aspects.of(s).add(new PolicyAspect());
        raw(s, 'aws_elasticache_user', { user_id: 'u', password: '${data.aws_secretsmanager_random_password.p.random_password}' });
      }),
    );
  });

  it('a suppression needs a reason and silences only its rule under its construct', () => {
    assert.throws(() => synthStack((s) => suppressPolicyRule(raw(s, 'aws_sns_topic', {}), 'CMIPRO-SNS-1', 'because')), /at least 20 characters/);
    assert.doesNotThrow(() =>
      synthStack((s) => {
        Aspects.of(s).add(new PolicyAspect());
        suppressPolicyRule(raw(s, 'aws_sns_topic', { name: 'a' }, 'topic'), 'CMIPRO-SNS-1', 'Test topic that carries no data at all.');
      }),
    );
    const error = violationsOf((s) => {
      suppressPolicyRule(raw(s, 'aws_sns_topic', { name: 'a' }, 'topic'), 'CMIPRO-LOG-1', 'Suppresses another rule entirely.');
    });
    assert.deepEqual(error.violations.map((v) => v.ruleId), ['CMIPRO-SNS-1']);
  });
});

describe('the real stacks', () => {
  let stacks: Record<string, TfJson>;
  let cleanup: () => void;
  before(() => ({ stacks, cleanup } = synthStages()));
  after(() => cleanup());

  it('every stack of both stages carries the policy aspect', () => {
    const { stages, cleanup: done } = synthStages();
    try {
      for (const stage of stages) for (const stack of Object.values(stage)) assert.ok(Aspects.of(stack).all.some((a) => a instanceof PolicyAspect), stack.node.id);
    } finally {
      done();
    }
  });

  it('pass every rule in both stages; the only exception is the documented ALB-log bucket suppression', () => {
    const unsuppressed = Object.entries(stacks).flatMap(([name, tf]) => evaluate(name, blocksOf(name, tf), POLICY_RULES));
    assert.deepEqual(
      unsuppressed.map((v) => `${v.ruleId} ${v.path}`).sort(),
      ['CMIPRO-S3-1 cmipro-dev-service/alb-logs/bucket', 'CMIPRO-S3-1 cmipro-prod-service/alb-logs/bucket'],
    );
  });
});
