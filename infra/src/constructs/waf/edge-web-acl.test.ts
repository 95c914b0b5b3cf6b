import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { WAF_MANAGED_RULE_GROUPS } from '@cmipro/shared';
import { synthStack } from '../../testing/synth.js';
import { EdgeWebAcl, type EdgeWebAclProps } from './edge-web-acl.js';

const props = (provider: AwsProvider, overrides: Partial<EdgeWebAclProps> = {}): EdgeWebAclProps => ({
  namePrefix: 'cmipro-test',
  allowedCountries: ['HN'],
  rateLimit: { limit: 2000, windowSeconds: 300 },
  managedRuleGroups: WAF_MANAGED_RULE_GROUPS.map((g) => g.name),
  logKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/x',
  logRetentionDays: 30,
  provider,
  ...overrides,
});

describe('EdgeWebAcl', () => {
  it('stays within the WCU budget with the shared rule groups', () => {
    synthStack((stack) => {
      const acl = new EdgeWebAcl(stack, 'waf', props(new AwsProvider(stack, 'aws', { region: 'us-east-1' })));
      assert.equal(acl.capacity, 1 + 1 + 2 + WAF_MANAGED_RULE_GROUPS.reduce((sum, g) => sum + g.wcu, 0));
    });
  });

  it('refuses a managed rule group listed twice', () => {
    assert.throws(
      () =>
        synthStack((stack) => {
          const provider = new AwsProvider(stack, 'aws', { region: 'us-east-1' });
          new EdgeWebAcl(stack, 'waf', props(provider, { managedRuleGroups: ['AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesSQLiRuleSet'] }));
        }),
      /test\/waf: managedRuleGroups lists a group twice/,
    );
  });
});
