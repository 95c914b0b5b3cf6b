/** Edge rate rule: requests per client IP per evaluation window (SPEC §2). */
export const WAF_RATE_LIMIT = {
  limit: 2000,
  windowSeconds: 300,
  /** Why 2000: a normal user makes ~50 requests per 5 min, a power user ~200, a legitimate bot ~500. */
  sizing: { normalUser: 50, powerUser: 200, legitimateBot: 500 },
} as const;

/** AWS managed rule groups on the web ACL, with their published capacity units. */
export const WAF_MANAGED_RULE_GROUPS = [
  { name: 'AWSManagedRulesCommonRuleSet', vendor: 'AWS', wcu: 700 },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', vendor: 'AWS', wcu: 200 },
  { name: 'AWSManagedRulesSQLiRuleSet', vendor: 'AWS', wcu: 200 },
  { name: 'AWSManagedRulesAmazonIpReputationList', vendor: 'AWS', wcu: 25 },
] as const;

/** A web ACL's capacity ceiling before AWS bills extra per request. */
export const WAF_WCU_BUDGET = 1500;

/** Name of the IP set the API's incident response writes to at runtime. */
export const WAF_BLOCKED_IP_SET_NAME = 'cmipro-blocked-ips';
