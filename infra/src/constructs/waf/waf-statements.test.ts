import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WAF_WCU_BUDGET } from '@cmipro/shared';
import { geoMatch, ipSetReference, managedRuleGroup, notGeoMatch, rateBasedStatement, statementCapacity } from './waf-statements.js';

describe('WAF statement builders', () => {
  it('render the Terraform schema block names in snake_case', () => {
    assert.deepEqual(rateBasedStatement({ limit: 2000, windowSeconds: 300 }), {
      rate_based_statement: { limit: 2000, aggregate_key_type: 'IP', evaluation_window_sec: 300 },
    });
    assert.deepEqual(notGeoMatch(['HN', 'US']), { not_statement: { statement: { geo_match_statement: { country_codes: ['HN', 'US'] } } } });
    assert.deepEqual(managedRuleGroup('AWSManagedRulesSQLiRuleSet'), {
      managed_rule_group_statement: { name: 'AWSManagedRulesSQLiRuleSet', vendor_name: 'AWS' },
    });
    assert.deepEqual(ipSetReference('arn:aws:wafv2:x'), { ip_set_reference_statement: { arn: 'arn:aws:wafv2:x' } });
  });

  it('refuse values WAF would reject, saying what is accepted', () => {
    assert.throws(() => rateBasedStatement({ limit: 5, windowSeconds: 300 }), /from 10 to 2,000,000,000/);
    assert.throws(() => rateBasedStatement({ limit: 2000.5, windowSeconds: 300 }), /integer/);
    // A window outside the union only gets past the compiler with a cast.
    assert.throws(() => rateBasedStatement({ limit: 2000, windowSeconds: 30 as 60 }), /60, 120, 300 or 600/);
    assert.throws(() => geoMatch([]), /at least one/);
    assert.throws(() => geoMatch(['HND', 'hn']), /HND, hn are not ISO/);
    assert.throws(() => geoMatch(['HN', 'HN']), /repeat/);
    assert.throws(() => ipSetReference(''), /arn/);
    assert.throws(() => managedRuleGroup('AWSManagedRulesLinuxRuleSet' as 'AWSManagedRulesSQLiRuleSet'), /not in WAF_MANAGED_RULE_GROUPS/);
  });

  it('count capacity units so the ACL can be checked against the budget', () => {
    assert.equal(statementCapacity(managedRuleGroup('AWSManagedRulesCommonRuleSet')), 700);
    assert.equal(statementCapacity(rateBasedStatement({ limit: 100, windowSeconds: 60 })), 2);
    assert.equal(statementCapacity(notGeoMatch(['HN'])), 1);
    assert.ok(WAF_WCU_BUDGET >= 1500);
  });
});
