// Typed builders for WAFv2 rule statements. The provider types `statement` as `any` and
// cdktf copies it into the JSON untouched, so the keys here are the Terraform schema's
// snake_case block names; a typo would only surface at `terraform apply` without these types.
import { WAF_MANAGED_RULE_GROUPS } from '@cmipro/shared';

/** Windows AWS accepts for rate-based rules, in seconds. */
export type RateWindowSeconds = 60 | 120 | 300 | 600;

export interface RateBasedStatement {
  readonly rate_based_statement: {
    readonly limit: number;
    readonly aggregate_key_type: 'IP';
    readonly evaluation_window_sec: RateWindowSeconds;
  };
}

export interface GeoMatchStatement {
  readonly geo_match_statement: { readonly country_codes: readonly string[] };
}

export interface IpSetReferenceStatement {
  readonly ip_set_reference_statement: { readonly arn: string };
}

export interface NotStatement {
  readonly not_statement: { readonly statement: GeoMatchStatement | IpSetReferenceStatement };
}

/** Names of the managed rule groups the shared policy allows. */
export type ManagedRuleGroupName = (typeof WAF_MANAGED_RULE_GROUPS)[number]['name'];

export interface ManagedRuleGroupStatement {
  readonly managed_rule_group_statement: { readonly name: ManagedRuleGroupName; readonly vendor_name: string };
}

/** Statements a rule with its own action may use. */
export type ActionStatement = RateBasedStatement | NotStatement | GeoMatchStatement | IpSetReferenceStatement;
export type WafStatement = ActionStatement | ManagedRuleGroupStatement;

/** Blocks an IP once it exceeds `limit` requests within `windowSeconds`. */
export function rateBasedStatement(options: { readonly limit: number; readonly windowSeconds: RateWindowSeconds }): RateBasedStatement {
  const { limit, windowSeconds } = options;
  if (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000) {
    throw new Error(`rateBasedStatement: limit must be an integer from 10 to 2,000,000,000 (WAF's range); got ${limit}.`);
  }
  if (![60, 120, 300, 600].includes(windowSeconds)) {
    throw new Error(`rateBasedStatement: windowSeconds must be 60, 120, 300 or 600; got ${windowSeconds}.`);
  }
  return { rate_based_statement: { limit, aggregate_key_type: 'IP', evaluation_window_sec: windowSeconds } };
}

/** Matches requests from the given countries (ISO 3166-1 alpha-2). */
export function geoMatch(countries: readonly string[]): GeoMatchStatement {
  if (countries.length === 0) throw new Error('geoMatch: give at least one country code.');
  const bad = countries.filter((c) => !/^[A-Z]{2}$/.test(c));
  if (bad.length > 0) throw new Error(`geoMatch: ${bad.join(', ')} are not ISO 3166-1 alpha-2 codes (two capital letters, e.g. 'HN').`);
  if (new Set(countries).size !== countries.length) throw new Error(`geoMatch: country codes repeat in [${countries.join(', ')}].`);
  return { geo_match_statement: { country_codes: [...countries] } };
}

/** Matches requests from any country NOT in the list: block with it, allow by default (SPEC §2 fix). */
export function notGeoMatch(countries: readonly string[]): NotStatement {
  return { not_statement: { statement: geoMatch(countries) } };
}

/** Matches requests whose source IP is in the IP set. */
export function ipSetReference(arn: string): IpSetReferenceStatement {
  if (arn.length === 0) throw new Error('ipSetReference: the IP set ARN is empty; pass the Wafv2IpSet resource\'s arn.');
  return { ip_set_reference_statement: { arn } };
}

/** Evaluates one of the AWS managed rule groups named in the shared policy. */
export function managedRuleGroup(name: ManagedRuleGroupName): ManagedRuleGroupStatement {
  const group = WAF_MANAGED_RULE_GROUPS.find((g) => g.name === name);
  if (!group) throw new Error(`managedRuleGroup: '${name}' is not in WAF_MANAGED_RULE_GROUPS (@cmipro/shared); add it there with its WCU.`);
  return { managed_rule_group_statement: { name, vendor_name: group.vendor } };
}

/** Web ACL capacity units a statement consumes (AWS's published costs). */
export function statementCapacity(statement: WafStatement): number {
  if ('managed_rule_group_statement' in statement) {
    const name = statement.managed_rule_group_statement.name;
    return WAF_MANAGED_RULE_GROUPS.find((g) => g.name === name)?.wcu ?? 0;
  }
  if ('rate_based_statement' in statement) return 2;
  if ('not_statement' in statement) return statementCapacity(statement.not_statement.statement);
  return 1;
}
