import { asArray, isReferencedBy, nested, type PolicyRule } from '../policy-rule.js';

/** CloudFront security policies at or above TLS 1.2 (2019 and later cipher suites). */
const STRONG_VIEWER_TLS = new Set(['TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025']);

export const EDGE_RULES: readonly PolicyRule[] = [
  {
    id: 'CMIPRO-CFR-1',
    title: 'CloudFront distributions write access logs',
    nag: 'AwsSolutions-CFR3',
    types: ['aws_cloudfront_distribution'],
    fix: 'Set logging_config { bucket = "<log bucket>.s3.amazonaws.com" } (the bucket needs ACLs enabled for the log-delivery account).',
    check(d) {
      return nested(d.config.logging_config)?.bucket ? undefined : 'access logging off';
    },
  },
  {
    id: 'CMIPRO-CFR-2',
    title: 'CloudFront serves HTTPS only, TLS 1.2+ with SNI',
    nag: 'AwsSolutions-CFR4',
    types: ['aws_cloudfront_distribution'],
    fix: "Set viewer_certificate { acm_certificate_arn, ssl_support_method = 'sni-only', minimum_protocol_version = 'TLSv1.2_2021' } and viewer_protocol_policy 'redirect-to-https' on every behavior.",
    check(d) {
      const problems: string[] = [];
      const cert = nested(d.config.viewer_certificate);
      if (cert?.cloudfront_default_certificate === true) problems.push('default certificate (CloudFront then allows TLSv1)');
      else if (!STRONG_VIEWER_TLS.has(String(cert?.minimum_protocol_version))) problems.push(`minimum_protocol_version ${cert?.minimum_protocol_version ?? 'unset'}`);
      const behaviors = [nested(d.config.default_cache_behavior), ...asArray<Record<string, unknown>>(d.config.ordered_cache_behavior)];
      if (behaviors.some((b) => b?.viewer_protocol_policy === 'allow-all')) problems.push('a behavior allows plain HTTP');
      return problems.length ? problems.join('; ') : undefined;
    },
  },
  {
    id: 'CMIPRO-CFR-3',
    title: 'CloudFront distributions are protected by a WAF web ACL',
    nag: 'AwsSolutions-CFR2',
    types: ['aws_cloudfront_distribution'],
    fix: 'Set web_acl_id to the ARN of a CLOUDFRONT-scope aws_wafv2_web_acl.',
    check(d) {
      return d.config.web_acl_id ? undefined : 'no web ACL';
    },
  },
  {
    id: 'CMIPRO-CFR-4',
    title: 'CloudFront reaches origins privately or over TLS 1.2',
    nag: 'AwsSolutions-CFR5',
    types: ['aws_cloudfront_distribution'],
    fix: "Use a VPC origin (vpc_origin_config) or custom_origin_config { origin_protocol_policy = 'https-only', origin_ssl_protocols = ['TLSv1.2'] }.",
    check(d) {
      const bad = asArray<Record<string, unknown>>(d.config.origin).filter((o) => {
        if (o.vpc_origin_config || o.s3_origin_config || o.origin_access_control_id) return false;
        const custom = nested(o.custom_origin_config);
        return custom?.origin_protocol_policy !== 'https-only' || asArray(custom?.origin_ssl_protocols).some((p) => p !== 'TLSv1.2');
      });
      return bad.length ? `origins ${bad.map((o) => String(o.origin_id)).join(', ')} are reached over HTTP or old TLS` : undefined;
    },
  },
  {
    id: 'CMIPRO-WAF-1',
    title: 'WAF web ACLs log requests',
    nag: 'NIST.800.53.R5-WAFv2LoggingEnabled',
    types: ['aws_wafv2_web_acl'],
    fix: "Add aws_wafv2_web_acl_logging_configuration with resource_arn = this ACL's arn and an 'aws-waf-logs-*' destination.",
    check(acl, context) {
      return isReferencedBy(context, acl, 'aws_wafv2_web_acl_logging_configuration', 'resource_arn', ['arn']) ? undefined : 'no logging configuration';
    },
  },
];
