import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALLOWED_COUNTRIES, WAF_BLOCKED_IP_SET_NAME, WAF_MANAGED_RULE_GROUPS, WAF_RATE_LIMIT } from '@cmipro/shared';
import { STAGE_NAMES } from '../config/stage-config.js';
import { STAGES } from '../config/stages.js';
import { SECURITY_METRIC_NAMESPACE, SECURITY_METRICS } from '@cmipro/shared';
import { refTo, resource, resources, synthStages, type TfJson } from '../testing/synth.js';
import { LAYERS, stackName } from './layer-stack.js';

let stacks: Record<string, TfJson>;
let cleanup: () => void;
before(() => ({ stacks, cleanup } = synthStages()));
after(() => cleanup());

const stack = (stage: string, layer: (typeof LAYERS)[number]) => stacks[stackName(stage, layer)];
const policy = (doc: string) => JSON.parse(doc) as { Statement: { Sid: string; Effect: string; Action: string | string[]; Principal?: unknown; Resource?: unknown; Condition?: unknown }[] };

describe('app layout', () => {
  it('synthesizes one stack per layer per stage', () => {
    assert.deepEqual(Object.keys(stacks).sort(), STAGE_NAMES.flatMap((s) => LAYERS.map((l) => stackName(s, l))).sort());
  });

  it('every stack uses the encrypted S3 backend with native locking and its own key', () => {
    for (const stage of STAGE_NAMES) {
      for (const layer of LAYERS) {
        const s3 = stack(stage, layer).terraform.backend.s3;
        assert.equal(s3.encrypt, true);
        assert.equal(s3.use_lockfile, true);
        assert.equal(s3.dynamodb_table, undefined);
        assert.equal(s3.key, `${stage}/${layer}.tfstate`);
        assert.equal(s3.kms_key_id, STAGES[stage].state.kmsKeyArn);
      }
    }
  });

  it('later layers read earlier ones through S3 remote state', () => {
    const remote = Object.values(stack('prod', 'service').data.terraform_remote_state) as TfJson[];
    const keys = remote.map((r) => r.config.key).sort();
    assert.deepEqual(keys, ['prod/data.tfstate', 'prod/monitoring.tfstate', 'prod/network.tfstate']);
    for (const r of remote) assert.equal(r.backend, 's3');
    assert.equal(stack('prod', 'monitoring').data?.terraform_remote_state, undefined);
  });

  it('providers are locked to the stage account; the edge adds a us-east-1 alias', () => {
    const providers = stack('prod', 'edge').provider.aws as TfJson[];
    assert.deepEqual(providers.map((p) => p.alias ?? 'default').sort(), ['default', 'us_east_1']);
    for (const p of providers) assert.deepEqual(p.allowed_account_ids, [STAGES.prod.accountId]);
    assert.equal(providers.find((p) => p.alias === 'us_east_1')?.region, 'us-east-1');
  });
});

describe('edge (SPEC §2)', () => {
  const rules = () => resource(stack('prod', 'edge'), 'aws_wafv2_web_acl', 'waf/web-acl').rule as TfJson[];

  it('web ACL: CLOUDFRONT scope, default allow, on us-east-1', () => {
    const acl = resource(stack('prod', 'edge'), 'aws_wafv2_web_acl', 'waf/web-acl');
    assert.equal(acl.scope, 'CLOUDFRONT');
    assert.deepEqual(acl.default_action, { allow: {} });
    assert.equal(acl.provider, 'aws.us_east_1');
  });

  it('the blocked-IP set is the first rule, blocks, and Terraform ignores its addresses', () => {
    const edge = stack('prod', 'edge');
    const ipSet = resource(edge, 'aws_wafv2_ip_set', 'waf/blocked-ips');
    assert.equal(ipSet.name, WAF_BLOCKED_IP_SET_NAME);
    assert.deepEqual(ipSet.lifecycle, { ignore_changes: ['addresses'] });
    const first = rules().find((r) => r.priority === 0);
    assert.deepEqual(first?.statement, { ip_set_reference_statement: { arn: refTo(edge, 'aws_wafv2_ip_set', 'waf/blocked-ips', 'arn') } });
    assert.deepEqual(first?.action, { block: {} });
    assert.equal(Math.min(...rules().map((r) => r.priority)), 0);
  });

  it('geo: blocks NOT (the seven countries)', () => {
    const geo = rules().find((r) => r.name === 'geo-outside-allow-list');
    assert.deepEqual(geo?.statement, { not_statement: { statement: { geo_match_statement: { country_codes: ['US', 'HN', 'GT', 'SV', 'NI', 'CR', 'PA'] } } } });
    assert.deepEqual(geo?.action, { block: {} });
    assert.deepEqual(geo?.statement.not_statement.statement.geo_match_statement.country_codes, [...ALLOWED_COUNTRIES]);
  });

  it('rate: 2000 requests per 300 s per IP, block', () => {
    const rate = rules().find((r) => r.name === 'rate-per-ip');
    assert.deepEqual(rate?.statement, { rate_based_statement: { limit: 2000, aggregate_key_type: 'IP', evaluation_window_sec: 300 } });
    assert.equal(WAF_RATE_LIMIT.limit, 2000);
    assert.deepEqual(rate?.action, { block: {} });
  });

  it('the four AWS managed rule groups run after the custom rules with override none', () => {
    const managed = rules().filter((r) => r.statement.managed_rule_group_statement);
    assert.deepEqual(
      managed.map((r) => r.statement.managed_rule_group_statement),
      WAF_MANAGED_RULE_GROUPS.map((g) => ({ name: g.name, vendor_name: 'AWS' })),
    );
    for (const r of managed) {
      assert.deepEqual(r.override_action, { none: {} });
      assert.equal(r.action, undefined);
      assert.ok(r.priority > 2);
    }
  });

  it('WAF logs go to an encrypted aws-waf-logs-* group with the authorization header redacted', () => {
    const edge = stack('prod', 'edge');
    const group = resource(edge, 'aws_cloudwatch_log_group', 'waf/logs');
    assert.match(group.name, /^aws-waf-logs-/);
    assert.equal(group.kms_key_id, refTo(edge, 'aws_kms_key', 'edge-logs-key/key', 'arn'));
    const logging = resource(edge, 'aws_wafv2_web_acl_logging_configuration', 'waf/logging');
    assert.deepEqual(logging.log_destination_configs, [refTo(edge, 'aws_cloudwatch_log_group', 'waf/logs', 'arn')]);
    assert.equal(logging.resource_arn, refTo(edge, 'aws_wafv2_web_acl', 'waf/web-acl', 'arn'));
    assert.ok((logging.redacted_fields as TfJson[]).some((f) => f.single_header?.name === 'authorization'));
  });

  it('CloudFront: WAF attached, TLSv1.2_2021, redirect to HTTPS, security headers, logs, VPC origin', () => {
    const edge = stack('prod', 'edge');
    const cf = resource(edge, 'aws_cloudfront_distribution', 'cdn/distribution');
    assert.equal(cf.web_acl_id, refTo(edge, 'aws_wafv2_web_acl', 'waf/web-acl', 'arn'));
    assert.equal(cf.viewer_certificate.minimum_protocol_version, 'TLSv1.2_2021');
    assert.equal(cf.viewer_certificate.ssl_support_method, 'sni-only');
    assert.equal(cf.default_cache_behavior.viewer_protocol_policy, 'redirect-to-https');
    assert.equal(cf.default_cache_behavior.response_headers_policy_id, refTo(edge, 'aws_cloudfront_response_headers_policy', 'cdn/security-headers'));
    assert.match(cf.logging_config.bucket, /remote_state.*monitoring/);
    assert.equal(cf.origin[0].vpc_origin_config.vpc_origin_id, refTo(edge, 'aws_cloudfront_vpc_origin', 'cdn/vpc-origin'));
    assert.equal(cf.origin[0].custom_origin_config, undefined);
    const vpcOrigin = resource(edge, 'aws_cloudfront_vpc_origin', 'cdn/vpc-origin').vpc_origin_endpoint_config[0];
    assert.equal(vpcOrigin.origin_protocol_policy, 'https-only');
    assert.match(vpcOrigin.arn, /remote_state.*service/);

    const headers = resource(edge, 'aws_cloudfront_response_headers_policy', 'cdn/security-headers').security_headers_config;
    assert.equal(headers.strict_transport_security.access_control_max_age_sec >= 31_536_000, true);
    assert.equal(headers.strict_transport_security.include_subdomains, true);
    assert.deepEqual(headers.content_type_options, { override: true });
    assert.deepEqual(headers.frame_options, { frame_option: 'DENY', override: true });
    assert.equal(headers.referrer_policy.referrer_policy, 'strict-origin-when-cross-origin');
  });

  it('the API task role may only get and update the blocked-IP set', () => {
    const edge = stack('prod', 'edge');
    const grant = policy(resource(edge, 'aws_iam_role_policy', 'api-update-blocked-ips').policy);
    const update = grant.Statement.find((s) => s.Sid === 'UpdateBlockedIps');
    assert.deepEqual(update?.Action, ['wafv2:GetIPSet', 'wafv2:UpdateIPSet']);
    assert.equal(update?.Resource, refTo(edge, 'aws_wafv2_ip_set', 'waf/blocked-ips', 'arn'));
  });
});

describe('network (SPEC §3)', () => {
  const net = () => stack('prod', 'network');

  it('two AZs of public, private and isolated subnets; none hands out public IPs', () => {
    const subnets = resources(net(), 'aws_subnet');
    assert.equal(subnets.length, 6);
    assert.deepEqual(subnets.map((s) => s.tags.Tier).sort(), ['isolated', 'isolated', 'private', 'private', 'public', 'public']);
    for (const s of subnets) assert.equal(s.map_public_ip_on_launch, false);
  });

  it('isolated subnets route nowhere; private ones only through NAT', () => {
    const isolated = resource(net(), 'aws_route_table', 'network/isolated-routes');
    assert.deepEqual(isolated.route, []);
    for (const az of [0, 1]) {
      const routes = resource(net(), 'aws_route_table', `network/private-${az}-routes`).route as TfJson[];
      assert.equal(routes.length, 1);
      assert.match(routes[0].nat_gateway_id, /aws_nat_gateway/);
      assert.ok(!routes[0].gateway_id);
    }
  });

  it('isolated NACL: only 5432/6379 in from the private subnets, ephemeral ports back', () => {
    const acl = resource(net(), 'aws_network_acl', 'network/isolated-acl');
    const privateCidrs = ['10.30.32.0/20', '10.30.48.0/20'];
    assert.deepEqual(resources(net(), 'aws_subnet').filter((s) => s.tags.Tier === 'private').map((s) => s.cidr_block).sort(), [...privateCidrs].sort());
    const ingress = (acl.ingress as TfJson[]).map((r) => `${r.action} ${r.protocol} ${r.from_port}-${r.to_port} ${r.cidr_block}`).sort();
    assert.deepEqual(ingress, [5432, 6379].flatMap((p) => privateCidrs.map((c) => `allow tcp ${p}-${p} ${c}`)).sort());
    const egress = (acl.egress as TfJson[]).map((r) => `${r.action} ${r.protocol} ${r.from_port}-${r.to_port} ${r.cidr_block}`).sort();
    assert.deepEqual(egress, privateCidrs.map((c) => `allow tcp 1024-65535 ${c}`).sort());
    assert.equal((acl.subnet_ids as string[]).length, 2);
  });

  it('flow logs on (all traffic, encrypted group) and the default security group emptied', () => {
    const flow = resource(net(), 'aws_flow_log', 'network/flow-log');
    assert.equal(flow.traffic_type, 'ALL');
    assert.equal(flow.vpc_id, refTo(net(), 'aws_vpc', 'network/vpc'));
    assert.ok(resource(net(), 'aws_cloudwatch_log_group', 'network/flow-logs').kms_key_id);
    const sg = resource(net(), 'aws_default_security_group', 'network/default-sg');
    assert.deepEqual([sg.ingress, sg.egress], [[], []]);
  });

  it('security group rules are exactly the least-privilege set, every rule described', () => {
    const n = net();
    const name = (ref: string) => /security-groups_(\w+?)_/.exec(ref)?.[1] ?? ref;
    const describe = (r: TfJson, dir: string) => {
      assert.ok(String(r.description).length > 10, `rule without description: ${JSON.stringify(r)}`);
      const peer = r.referenced_security_group_id ? name(r.referenced_security_group_id) : (r.cidr_ipv4 ?? (r.prefix_list_id ? 'cloudfront-prefix-list' : '?'));
      return `${name(r.security_group_id)} ${dir} ${r.ip_protocol}/${r.from_port}-${r.to_port} ${peer}`;
    };
    const rules = [
      ...resources(n, 'aws_vpc_security_group_ingress_rule').map((r) => describe(r, 'in')),
      ...resources(n, 'aws_vpc_security_group_egress_rule').map((r) => describe(r, 'out')),
    ].sort();
    assert.deepEqual(
      rules,
      [
        'alb in tcp/443-443 cloudfront-prefix-list',
        'alb out tcp/3000-3000 app',
        'app in tcp/3000-3000 alb',
        'app out tcp/443-443 0.0.0.0/0',
        'app out tcp/5432-5432 db',
        'app out tcp/6379-6379 cache',
        'db in tcp/5432-5432 app',
        'cache in tcp/6379-6379 app',
      ].sort(),
    );
  });

  it('database and cache groups have no egress at all (pinned empty, no egress rule resource)', () => {
    const n = net();
    for (const g of ['db', 'cache']) {
      const sg = resource(n, 'aws_security_group', `security-groups/${g}`);
      assert.deepEqual(sg.egress, []);
      const ref = refTo(n, 'aws_security_group', `security-groups/${g}`);
      assert.equal(resources(n, 'aws_vpc_security_group_egress_rule').filter((r) => r.security_group_id === ref).length, 0);
    }
    for (const sg of resources(n, 'aws_security_group')) assert.equal(sg.ingress, undefined);
  });
});

describe('data (SPEC §4)', () => {
  const data = () => stack('prod', 'data');

  it('data key: rotation, 7-day window, policy = root admin + task role Decrypt/GenerateDataKey* only', () => {
    const key = resource(data(), 'aws_kms_key', 'data-key/key');
    assert.equal(key.enable_key_rotation, true);
    assert.equal(key.deletion_window_in_days, 7);
    const statements = policy(key.policy).Statement;
    assert.equal(statements.length, 2);
    assert.deepEqual(statements[0].Principal, { AWS: `arn:aws:iam::${STAGES.prod.accountId}:root` });
    assert.equal(statements[0].Action, 'kms:*');
    assert.deepEqual(statements[1].Principal, { AWS: [refTo(data(), 'aws_iam_role', 'api-task-role/role', 'arn')] });
    assert.deepEqual(statements[1].Action, ['kms:Decrypt', 'kms:GenerateDataKey*']);
  });

  it('RDS PostgreSQL: CMK, 7-day backups, tags to snapshots, log export, private, protected, managed password, IAM auth, PI encrypted', () => {
    const d = data();
    const db = resource(d, 'aws_db_instance', 'database/instance');
    const key = refTo(d, 'aws_kms_key', 'data-key/key', 'arn');
    assert.equal(db.engine, 'postgres');
    assert.equal(db.storage_encrypted, true);
    assert.equal(db.kms_key_id, key);
    assert.equal(db.backup_retention_period, 7);
    assert.equal(db.copy_tags_to_snapshot, true);
    assert.ok(db.enabled_cloudwatch_logs_exports.includes('postgresql'));
    assert.equal(db.publicly_accessible, false);
    assert.equal(db.deletion_protection, true);
    assert.equal(db.manage_master_user_password, true);
    assert.equal(db.master_user_secret_kms_key_id, key);
    assert.equal(db.password, undefined);
    assert.equal(db.iam_database_authentication_enabled, true);
    assert.equal(db.performance_insights_enabled, true);
    assert.equal(db.performance_insights_kms_key_id, key);
    assert.equal(db.multi_az, true);
    const params = resource(d, 'aws_db_parameter_group', 'database/parameters');
    assert.equal(db.parameter_group_name, refTo(d, 'aws_db_parameter_group', 'database/parameters', 'name'));
    assert.ok((params.parameter as TfJson[]).some((p) => p.name === 'rds.force_ssl' && p.value === '1'));
    assert.deepEqual(db.vpc_security_group_ids.length, 1);
    assert.match(db.vpc_security_group_ids[0], /security-groups_db/);
  });

  it('Redis: TLS required, CMK at rest, AUTH from Secrets Manager, isolated subnets, failover only with a replica', () => {
    const d = data();
    const redis = resource(d, 'aws_elasticache_replication_group', 'cache/replication-group');
    assert.equal(redis.transit_encryption_enabled, true);
    assert.equal(redis.transit_encryption_mode, 'required');
    assert.equal(redis.at_rest_encryption_enabled, 'true');
    assert.equal(redis.kms_key_id, refTo(d, 'aws_kms_key', 'data-key/key', 'arn'));
    assert.equal(redis.auth_token, `\${data.aws_secretsmanager_random_password.${Object.keys(d.data.aws_secretsmanager_random_password)[0]}.random_password}`);
    assert.equal(redis.automatic_failover_enabled, true);
    assert.equal(redis.multi_az_enabled, true);
    const subnets = resource(d, 'aws_elasticache_subnet_group', 'cache/subnets').subnet_ids as string[];
    assert.ok(subnets.every((s) => /isolated/.test(s)));
    const dev = resource(stack('dev', 'data'), 'aws_elasticache_replication_group', 'cache/replication-group');
    assert.equal(dev.automatic_failover_enabled, false);
  });

  it('exports bucket: SSE-KMS with the data key, public access blocked, TLS-only policy, versioning', () => {
    const d = data();
    const bucket = refTo(d, 'aws_s3_bucket', 'exports-bucket/bucket');
    const sse = resource(d, 'aws_s3_bucket_server_side_encryption_configuration', 'exports-bucket/encryption');
    assert.equal(sse.bucket, bucket);
    assert.deepEqual(sse.rule[0].apply_server_side_encryption_by_default, { sse_algorithm: 'aws:kms', kms_master_key_id: refTo(d, 'aws_kms_key', 'data-key/key', 'arn') });
    const pab = resource(d, 'aws_s3_bucket_public_access_block', 'exports-bucket/public-access');
    for (const f of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) assert.equal(pab[f], true);
    const deny = policy(resource(d, 'aws_s3_bucket_policy', 'exports-bucket/policy').policy).Statement[0];
    assert.deepEqual([deny.Effect, deny.Condition], ['Deny', { Bool: { 'aws:SecureTransport': 'false' } }]);
    assert.equal(resource(d, 'aws_s3_bucket_versioning', 'exports-bucket/versioning').versioning_configuration.status, 'Enabled');
  });
});

describe('service (SPEC §5)', () => {
  const svc = () => stack('prod', 'service');
  const container = () => JSON.parse(resource(svc(), 'aws_ecs_task_definition', 'api/task').container_definitions)[0] as TfJson;

  it('ECR: scan on push, immutable tags, KMS', () => {
    const repo = resource(svc(), 'aws_ecr_repository', 'registry/repository');
    assert.equal(repo.image_scanning_configuration.scan_on_push, true);
    assert.equal(repo.image_tag_mutability, 'IMMUTABLE');
    assert.equal(repo.encryption_configuration[0].encryption_type, 'KMS');
  });

  it('task: non-root, read-only root FS, awslogs to the encrypted group, secrets only via `secrets`', () => {
    const c = container();
    assert.equal(c.user, '1000:1000');
    assert.equal(c.readonlyRootFilesystem, true);
    assert.equal(c.logConfiguration.logDriver, 'awslogs');
    const group = resource(svc(), 'aws_cloudwatch_log_group', 'api/logs');
    assert.ok(group.kms_key_id);
    assert.equal(c.logConfiguration.options['awslogs-group'], refTo(svc(), 'aws_cloudwatch_log_group', 'api/logs', 'name'));
    assert.deepEqual((c.secrets as TfJson[]).map((s) => s.name).sort(), ['DATABASE_URL', 'FIREBASE_SERVICE_ACCOUNT', 'REDIS_URL']);
    for (const s of c.secrets as TfJson[]) assert.match(s.valueFrom, /secretsmanager_secret/);
    for (const e of c.environment as TfJson[]) assert.doesNotMatch(e.name, /PASSWORD|SECRET|TOKEN|DATABASE_URL|REDIS_URL/);
  });

  it('service in private subnets without public IPs; ALB internal, HTTPS TLS 1.2+, health on /health/ready', () => {
    const s = svc();
    const service = resource(s, 'aws_ecs_service', 'api/service');
    assert.equal(service.network_configuration.assign_public_ip, false);
    assert.ok((service.network_configuration.subnets as string[]).every((x) => /private/.test(x)));
    const lb = resource(s, 'aws_lb', 'api/alb');
    assert.equal(lb.internal, true);
    assert.equal(lb.drop_invalid_header_fields, true);
    assert.equal(lb.access_logs.enabled, true);
    const listener = resource(s, 'aws_lb_listener', 'api/https');
    assert.equal(listener.protocol, 'HTTPS');
    assert.match(listener.ssl_policy, /TLS13-1-2/);
    assert.equal(listener.certificate_arn, STAGES.prod.albCertificateArn);
    assert.equal(resource(s, 'aws_lb_target_group', 'api/targets').health_check.path, '/health/ready');
    assert.equal(resource(s, 'aws_ecs_cluster', 'api/cluster').setting[0].value, 'enabled');
  });

  it('autoscaling on CPU and ALBRequestCountPerTarget within the stage bounds', () => {
    const s = svc();
    const target = resource(s, 'aws_appautoscaling_target', 'api/scaling-target');
    assert.deepEqual([target.min_capacity, target.max_capacity], [STAGES.prod.service.minTasks, STAGES.prod.service.maxTasks]);
    const metrics = resources(s, 'aws_appautoscaling_policy').map((p) => p.target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type).sort();
    assert.deepEqual(metrics, ['ALBRequestCountPerTarget', 'ECSServiceAverageCPUUtilization']);
  });

  it('execution role: named actions on named resources only (ECR login is the one AWS-mandated *)', () => {
    const doc = policy(resource(svc(), 'aws_iam_role_policy', 'api/execution-permissions').policy);
    for (const s of doc.Statement) {
      if (s.Resource === '*') assert.equal(s.Action, 'ecr:GetAuthorizationToken');
      for (const a of [s.Action].flat()) assert.doesNotMatch(a, /\*$/);
    }
  });
});

describe('monitoring (SPEC §5)', () => {
  const mon = () => stack('prod', 'monitoring');

  it('CloudTrail: KMS-encrypted, validated, multi-region', () => {
    const trail = resource(mon(), 'aws_cloudtrail', 'trail');
    assert.equal(trail.kms_key_id, refTo(mon(), 'aws_kms_key', 'logs-key/key', 'arn'));
    assert.equal(trail.enable_log_file_validation, true);
    assert.equal(trail.is_multi_region_trail, true);
  });

  it('security alerts topic is encrypted; one alarm per CMIPRO/Security metric notifies it', () => {
    const m = mon();
    const topic = refTo(m, 'aws_sns_topic', 'security-alerts', 'arn');
    assert.ok(resource(m, 'aws_sns_topic', 'security-alerts').kms_master_key_id);
    const alarms = resources(m, 'aws_cloudwatch_metric_alarm');
    assert.deepEqual(alarms.map((a) => a.metric_name).sort(), Object.keys(SECURITY_METRICS).sort());
    for (const a of alarms) {
      assert.equal(a.namespace, SECURITY_METRIC_NAMESPACE);
      assert.deepEqual(a.alarm_actions, [topic]);
    }
  });

  it('logs bucket accepts CloudFront standard logs (ACLs on, log-delivery grant) and stays private', () => {
    const m = mon();
    assert.equal(resource(m, 'aws_s3_bucket_ownership_controls', 'logs-bucket/ownership').rule.object_ownership, 'BucketOwnerPreferred');
    const grants = resource(m, 'aws_s3_bucket_acl', 'logs-bucket/acl').access_control_policy.grant as TfJson[];
    assert.ok(grants.some((g) => /cloudfront_log_delivery_canonical_user_id/.test(g.grantee.id)));
    assert.equal(resource(m, 'aws_s3_bucket_public_access_block', 'logs-bucket/public-access').block_public_acls, true);
    const sids = policy(resource(m, 'aws_kms_key', 'logs-key/key').policy).Statement.map((s) => s.Sid);
    assert.ok(sids.includes('CloudFrontLogDelivery') && sids.includes('CloudWatchAlarmsPublish'));
  });
});
