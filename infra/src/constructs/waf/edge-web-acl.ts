import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { Wafv2IpSet } from '@cdktf/provider-aws/lib/wafv2-ip-set/index.js';
import { Wafv2WebAcl, type Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl/index.js';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration/index.js';
import { WAF_BLOCKED_IP_SET_NAME, WAF_WCU_BUDGET } from '@cmipro/shared';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import {
  ipSetReference,
  managedRuleGroup,
  notGeoMatch,
  rateBasedStatement,
  statementCapacity,
  type ActionStatement,
  type ManagedRuleGroupName,
  type ManagedRuleGroupStatement,
  type RateWindowSeconds,
  type WafStatement,
} from './waf-statements.js';

/** A rule that blocks what its statement matches. */
interface BlockRule {
  readonly name: string;
  readonly statement: ActionStatement;
}

export interface EdgeWebAclProps {
  /** Prefix of every WAF name and metric, e.g. `cmipro-prod`. */
  readonly namePrefix: string;
  /** Countries whose traffic is inspected; everything else is blocked. */
  readonly allowedCountries: readonly string[];
  /** Per-IP request ceiling over a window. */
  readonly rateLimit: { readonly limit: number; readonly windowSeconds: RateWindowSeconds };
  /** AWS managed rule groups, evaluated in this order after the custom rules. */
  readonly managedRuleGroups: readonly ManagedRuleGroupName[];
  /** KMS key (in us-east-1) encrypting the WAF log group. */
  readonly logKeyArn: string;
  /** Days the WAF logs are kept. */
  readonly logRetentionDays: number;
  /** The us-east-1 provider: CLOUDFRONT-scope WAF resources only exist there. */
  readonly provider: TerraformProvider;
}

/**
 * The CloudFront web ACL (SPEC §2): blocked-IP set first, then geo, rate, managed groups;
 * default action allow, so allowed traffic still meets every later rule.
 */
export class EdgeWebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;
  readonly blockedIps: Wafv2IpSet;
  /** Capacity units the rules use (checked against WAF_WCU_BUDGET). */
  readonly capacity: number;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    const { provider, namePrefix } = props;

    this.blockedIps = new Wafv2IpSet(this, 'blocked-ips', {
      name: WAF_BLOCKED_IP_SET_NAME,
      description: 'IPs blocked at runtime by the API incident response (GetIPSet/UpdateIPSet); Terraform never resets them.',
      scope: 'CLOUDFRONT',
      ipAddressVersion: 'IPV4',
      addresses: [],
      lifecycle: { ignoreChanges: ['addresses'] },
      provider,
    });

    const blockRules: BlockRule[] = [
      { name: 'blocked-ips', statement: ipSetReference(this.blockedIps.arn) },
      { name: 'geo-outside-allow-list', statement: notGeoMatch(props.allowedCountries) },
      { name: 'rate-per-ip', statement: rateBasedStatement(props.rateLimit) },
    ];
    const managed = props.managedRuleGroups.map((name) => ({ name, statement: managedRuleGroup(name) }));
    if (new Set(props.managedRuleGroups).size !== props.managedRuleGroups.length) {
      throw new Error(`${this.node.path}: managedRuleGroups lists a group twice: [${props.managedRuleGroups.join(', ')}].`);
    }

    const statements: WafStatement[] = [...blockRules, ...managed].map((r) => r.statement);
    this.capacity = statements.reduce((sum, s) => sum + statementCapacity(s), 0);
    if (this.capacity > WAF_WCU_BUDGET) {
      throw new Error(`${this.node.path}: the rules need ${this.capacity} WCU, over the ${WAF_WCU_BUDGET} budget; drop a managed rule group or raise WAF_WCU_BUDGET in @cmipro/shared (AWS bills extra above 1500).`);
    }

    const visibility = (metric: string) => ({
      cloudwatchMetricsEnabled: true,
      metricName: `${namePrefix}-${metric}`,
      sampledRequestsEnabled: true,
    });
    const rules: Wafv2WebAclRule[] = [
      ...blockRules.map((rule, i) => blockRule(rule, i, visibility(rule.name))),
      ...managed.map((rule, i) => managedRule(rule, blockRules.length + i, visibility(rule.name))),
    ];

    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      name: `${namePrefix}-edge`,
      description: 'CMIPRO API edge: blocked IPs, geo allow list, per-IP rate limit, AWS managed rules.',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility('edge'),
      provider,
    });

    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      // WAF only delivers to destinations whose name starts with aws-waf-logs-.
      name: `aws-waf-logs-${namePrefix}`,
      kmsKeyId: props.logKeyArn,
      retentionInDays: props.logRetentionDays,
      provider,
    });
    new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [logGroup.arn],
      // Bearer tokens and cookies must not land in logs.
      redactedFields: [{ singleHeader: { name: 'authorization' } }, { singleHeader: { name: 'cookie' } }],
      provider,
    });
  }
}

function blockRule(rule: BlockRule, priority: number, visibilityConfig: Wafv2WebAclRule['visibilityConfig']): Wafv2WebAclRule {
  return { name: rule.name, priority, action: { block: {} }, statement: rule.statement, visibilityConfig };
}

function managedRule(
  rule: { readonly name: string; readonly statement: ManagedRuleGroupStatement },
  priority: number,
  visibilityConfig: Wafv2WebAclRule['visibilityConfig'],
): Wafv2WebAclRule {
  return { name: rule.name, priority, overrideAction: { none: {} }, statement: rule.statement, visibilityConfig };
}
