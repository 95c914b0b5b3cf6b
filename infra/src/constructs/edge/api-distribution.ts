import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution/index.js';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy/index.js';
import { CloudfrontVpcOrigin } from '@cdktf/provider-aws/lib/cloudfront-vpc-origin/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

/** AWS managed policy ids (stable, documented in the CloudFront developer guide). */
const CACHING_DISABLED_POLICY_ID = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/** Oldest TLS version viewers may use (SPEC §2). */
export const MIN_VIEWER_TLS = 'TLSv1.2_2021';
/** Two years: the HSTS preload list's minimum is one. */
const HSTS_MAX_AGE_SECONDS = 63_072_000;

export interface ApiDistributionProps {
  /** Prefix of every name, e.g. `cmipro-prod`. */
  readonly namePrefix: string;
  /** Public host name and its ACM certificate (us-east-1). */
  readonly domain: { readonly name: string; readonly certificateArn: string };
  /** The internal ALB reached through a CloudFront VPC origin (never over the internet). */
  readonly origin: { readonly albArn: string; readonly domainName: string };
  /** ARN of the CLOUDFRONT-scope web ACL. */
  readonly webAclArn: string;
  /** Bucket domain name (`<bucket>.s3.amazonaws.com`) for standard access logs; the bucket must have ACLs on. */
  readonly logBucketDomainName: string;
  /**
   * Key prefix of the access logs.
   * @default 'cloudfront/'
   */
  readonly logPrefix?: string;
  /** The us-east-1 provider. */
  readonly provider: TerraformProvider;
}

/** The API's only public entry point: HTTPS, WAF, security headers, private origin, access logs. */
export class ApiDistribution extends Construct {
  readonly distribution: CloudfrontDistribution;
  readonly headersPolicy: CloudfrontResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: ApiDistributionProps) {
    super(scope, id);
    const { provider, namePrefix } = props;
    if (!props.webAclArn) throw new Error(`${this.node.path}: webAclArn is required: the distribution must never serve without the WAF.`);

    const vpcOrigin = new CloudfrontVpcOrigin(this, 'vpc-origin', {
      vpcOriginEndpointConfig: [
        {
          name: `${namePrefix}-alb`,
          arn: props.origin.albArn,
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: 'https-only',
          originSslProtocols: [{ items: ['TLSv1.2'], quantity: 1 }],
        },
      ],
      provider,
    });

    this.headersPolicy = new CloudfrontResponseHeadersPolicy(this, 'security-headers', {
      name: `${namePrefix}-security-headers`,
      comment: 'HSTS, nosniff, frame deny, strict referrer policy on every response',
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY', override: true },
        referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
      },
      provider,
    });

    const originId = 'api-alb';
    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `${namePrefix} API`,
      aliases: [props.domain.name],
      httpVersion: 'http2and3',
      priceClass: 'PriceClass_100',
      webAclId: props.webAclArn,
      origin: [
        {
          originId,
          domainName: props.origin.domainName,
          vpcOriginConfig: { vpcOriginId: vpcOrigin.id },
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: originId,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        // The API sets its own Cache-Control; the edge must not mix users' responses.
        cachePolicyId: CACHING_DISABLED_POLICY_ID,
        originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
        responseHeadersPolicyId: this.headersPolicy.id,
      },
      viewerCertificate: {
        acmCertificateArn: props.domain.certificateArn,
        sslSupportMethod: 'sni-only',
        minimumProtocolVersion: MIN_VIEWER_TLS,
      },
      loggingConfig: { bucket: props.logBucketDomainName, prefix: props.logPrefix ?? 'cloudfront/', includeCookies: false },
      // Geography is enforced by the WAF rule, which also counts the request for rate limiting.
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      provider,
    });
  }
}
