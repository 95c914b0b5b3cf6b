import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALLOWED_COUNTRIES,
  RATE_LIMITS,
  STATION_ID_PATTERN,
  STATIONS,
  WAF_MANAGED_RULE_GROUPS,
  WAF_WCU_BUDGET,
  isRole,
  isStationId,
} from './index.js';

describe('shared policy data', () => {
  it('every station id matches the fixed pattern and the seed pattern would reject them', () => {
    for (const station of STATIONS) {
      assert.match(station.id, STATION_ID_PATTERN);
      assert.doesNotMatch(station.id, /^[A-Z]{4}H3$/);
    }
  });

  it('warning level is below danger level at every station', () => {
    for (const station of STATIONS) assert.ok(station.warningLevelM < station.dangerLevelM, station.id);
  });

  it('managed rule groups fit the WCU budget with room for the custom rules', () => {
    const total = WAF_MANAGED_RULE_GROUPS.reduce((sum, g) => sum + g.wcu, 0);
    assert.ok(total + 10 <= WAF_WCU_BUDGET, `managed groups use ${total} WCU`);
  });

  it('limits grow with the role', () => {
    for (const endpoint of ['stations', 'levels', 'alerts'] as const) {
      assert.ok(RATE_LIMITS.free_user[endpoint] < RATE_LIMITS.premium_user[endpoint]);
      assert.ok(RATE_LIMITS.premium_user[endpoint] < RATE_LIMITS.admin[endpoint]);
    }
  });

  it('country codes are unique ISO alpha-2 codes', () => {
    assert.equal(new Set(ALLOWED_COUNTRIES).size, ALLOWED_COUNTRIES.length);
    for (const code of ALLOWED_COUNTRIES) assert.match(code, /^[A-Z]{2}$/);
  });

  it('guards reject look-alikes', () => {
    assert.equal(isStationId('CHIH3'), true);
    assert.equal(isStationId('chih3'), false);
    assert.equal(isStationId('XXXH3'), false);
    assert.equal(isRole('admin'), true);
    assert.equal(isRole('root'), false);
    assert.equal(isRole({ toString: () => 'admin' }), false);
  });
});
