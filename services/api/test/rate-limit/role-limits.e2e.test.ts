import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HUMAN_ROLES, RATE_LIMITED_ENDPOINTS, RATE_LIMITS } from '@cmipro/shared';
import { Redis } from 'ioredis';
import { authHeaders, newUid } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, testEnv, type TestApp } from '../support/test-app.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from './support/limiter-app.js';

/** The whole API: real Firebase-signed tokens through the real authentication guard, PostgreSQL and Redis. */
describe('role × endpoint limits through the whole API (real tokens, PostgreSQL, Redis)', () => {
  const prefix = uniquePrefix();
  let database: TestDatabase;
  let api: TestApp;
  let redis: Redis;

  before(async () => {
    database = await createTestDatabase();
    redis = new Redis(TEST_REDIS_URL);
    api = await startTestApp(testEnv(database.url, { REDIS_URL: TEST_REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix }));
  });
  after(async () => {
    await api?.close();
    await database?.drop();
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });

  it('300 concurrent GET /api/v1/alerts from one free user: exactly 20 answered, 280 refused with Retry-After', async () => {
    const headers = authHeaders('free_user');
    const responses = await Promise.all(Array.from({ length: 300 }, () => api.request({ url: '/api/v1/alerts', headers })));
    const ok = responses.filter((r) => r.statusCode === 200);
    const refused = responses.filter((r) => r.statusCode === 429);
    assert.equal(ok.length, 20);
    assert.equal(refused.length, 280);
    assert.ok(refused.every((r) => Number(r.headers['retry-after']) >= 1));
    assert.ok(ok.every((r) => r.headers['ratelimit-limit'] === '20' && r.headers['ratelimit-remaining'] !== undefined && r.headers['ratelimit-reset'] !== undefined));
  });

  for (const role of HUMAN_ROLES) {
    for (const endpoint of RATE_LIMITED_ENDPOINTS) {
      const limit = RATE_LIMITS[role][endpoint];
      it(`${role} on /${endpoint}: ${limit} per hour, then 429`, async () => {
        const headers = authHeaders(role, { uid: newUid(role) });
        // Where the route validates its query, an unknown field is refused (400) after the limiter counted it: cheap, same budget.
        const request = () => api.request({ url: `/api/v1/${endpoint}?count_me=1`, headers });
        let counted = 0;
        for (let sent = 0; sent < limit; sent += 250) {
          const responses = await Promise.all(Array.from({ length: Math.min(250, limit - sent) }, request));
          assert.ok(responses.every((r) => r.statusCode === 200 || r.statusCode === 400), String(responses.map((r) => r.statusCode)));
          counted += responses.length;
        }
        assert.equal(counted, limit);
        const refused = await request();
        assert.equal(refused.statusCode, 429);
        assert.equal(refused.headers['ratelimit-limit'], String(limit));
        assert.match(refused.json().message, new RegExp(`^rate limit of ${limit} requests per hour on /${endpoint} reached; retry in \\d+ s$`));
      });
    }
  }
});
