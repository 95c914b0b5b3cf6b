import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatDay, todayDay } from '../src/common/validators/calendar-date.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { leaksInternals, startTestApp, testEnv, type TestApp } from './support/test-app.js';

const today = todayDay();
const day = (offset: number) => formatDay(today + offset);
const LONG = 'A'.repeat(10 * 1024);

/** Values an attacker (or a careless client) sends in place of a scalar query field. */
const HOSTILE_VALUES: readonly [string, string][] = [
  ['SQL injection', "CHIH3'; DROP TABLE readings; --"],
  ['SQL tautology', "' OR '1'='1"],
  ['path traversal', '../../etc/passwd'],
  ['far future', '9999-12-31'],
  ['impossible date', '2026-02-30'],
  ['10 kB string', LONG],
  ['script', '<script>alert(1)</script>'],
  ['null byte', 'CHIH3\u0000'],
  ['empty', ''],
  ['unicode look-alike', 'СНІН3'], // Cyrillic
  ['JSON object', '{"$gt":""}'],
];

interface Endpoint {
  path: string;
  valid: Record<string, string>;
  fields: string[];
}

const ENDPOINTS: Endpoint[] = [
  {
    path: '/api/v1/levels',
    valid: { station_id: 'CHIH3', start_date: day(-2), end_date: day(-1), interval: '1h' },
    fields: ['station_id', 'start_date', 'end_date', 'interval'],
  },
  {
    path: '/api/v1/alerts',
    valid: { station_id: 'CHIH3', status: 'all', since: day(-30), until: day(0), limit: '10', offset: '0' },
    fields: ['station_id', 'status', 'since', 'until', 'limit', 'offset'],
  },
];

function query(params: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
  }
  return search.toString();
}

describe('hostile input is answered 400 with nothing internal', () => {
  let database: TestDatabase;
  let api: TestApp;

  before(async () => {
    database = await createTestDatabase();
    // Premium: this suite sends more /alerts requests than a free user's hourly budget (20).
    api = await startTestApp(testEnv(database.url), { signedInAs: 'premium_user' });
  });
  after(async () => {
    await api?.close();
    await database?.drop();
  });

  async function expect400(url: string, field: string): Promise<void> {
    const response = await api.request(url);
    assert.equal(response.statusCode, 400, `${url.slice(0, 120)} → ${response.statusCode} ${response.body.slice(0, 200)}`);
    const body = response.json();
    assert.equal(body.message, 'validation failed');
    assert.ok(body.errors.some((e: { field: string }) => e.field === field), `no error for ${field}: ${response.body.slice(0, 300)}`);
    assert.equal(leaksInternals(response.body), undefined, response.body.slice(0, 300));
    assert.ok(response.body.length < 2048, `error body echoes input (${response.body.length} bytes)`);
  }

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.path}: the valid query itself is accepted`, async () => {
      const response = await api.request(`${endpoint.path}?${query(endpoint.valid)}`);
      assert.equal(response.statusCode, 200, response.body);
    });

    for (const field of endpoint.fields) {
      for (const [label, value] of HOSTILE_VALUES) {
        it(`${endpoint.path}: ${field} = ${label} → 400`, async () => {
          await expect400(`${endpoint.path}?${query({ ...endpoint.valid, [field]: value })}`, field);
        });
      }
      it(`${endpoint.path}: ${field} given twice (array) → 400`, async () => {
        const valid = endpoint.valid[field]!;
        await expect400(`${endpoint.path}?${query({ ...endpoint.valid, [field]: [valid, valid] })}`, field);
      });
    }

    for (const key of ['__proto__', 'constructor', 'prototype', 'unknown', `${'k'.repeat(10_000)}`, 'station_id[$ne]']) {
      it(`${endpoint.path}: unknown field ${key.slice(0, 20)} → 400`, async () => {
        const response = await api.request(`${endpoint.path}?${query(endpoint.valid)}&${encodeURIComponent(key)}=1`);
        assert.equal(response.statusCode, 400, response.body.slice(0, 300));
        assert.equal(leaksInternals(response.body), undefined);
        assert.ok(response.body.length < 2048);
      });
    }
  }

  it('/api/v1/levels: start after end → 400 on end_date', async () => {
    await expect400(`/api/v1/levels?station_id=CHIH3&start_date=${day(-1)}&end_date=${day(-2)}`, 'end_date');
  });

  it('/api/v1/levels: older than two years → 400', async () => {
    await expect400(`/api/v1/levels?station_id=CHIH3&start_date=${day(-731)}&end_date=${day(-700)}`, 'start_date');
  });

  it('/api/v1/levels: tomorrow → 400', async () => {
    await expect400(`/api/v1/levels?station_id=CHIH3&end_date=${day(1)}`, 'end_date');
  });

  it('/api/v1/levels: a well-formed but unknown station → 400', async () => {
    await expect400('/api/v1/levels?station_id=XYZH3', 'station_id');
  });

  it('/api/v1/levels: the seed\'s four-letter pattern is not what we accept', async () => {
    await expect400('/api/v1/levels?station_id=CHIXH3', 'station_id');
  });

  it('/api/v1/levels: a missing station → 400', async () => {
    await expect400(`/api/v1/levels?start_date=${day(-1)}`, 'station_id');
  });

  it('/api/v1/alerts: limit out of range or not an integer → 400', async () => {
    for (const limit of ['0', '201', '1.5', '1e3', '-1', 'NaN', 'Infinity']) {
      await expect400(`/api/v1/alerts?limit=${limit}`, 'limit');
    }
  });

  it('an oversized URL is refused before it reaches the app', async () => {
    const response = await api.request(`/api/v1/levels?station_id=${'A'.repeat(200_000)}`);
    assert.ok(response.statusCode >= 400 && response.statusCode < 500, String(response.statusCode));
    assert.equal(leaksInternals(response.body), undefined);
  });
});
