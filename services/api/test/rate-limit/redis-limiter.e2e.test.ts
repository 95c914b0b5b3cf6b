import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ANONYMOUS_IP_LIMIT, RATE_LIMITS } from '@cmipro/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { RedisThrottlerStorage } from '../../src/rate-limit/redis-throttler.storage.js';
import { emergencyModeKey } from '../../src/rate-limit/emergency-mode.js';
import { as, deleteKeys, keysUnder, startLimiterApp, TEST_REDIS_URL, uniquePrefix } from './support/limiter-app.js';

const statuses = (responses: { statusCode: number }[]) =>
  responses.reduce<Record<number, number>>((count, r) => ({ ...count, [r.statusCode]: (count[r.statusCode] ?? 0) + 1 }), {});

describe('rate limits on real Redis (limiter alone, identity from a test header)', () => {
  const prefix = uniquePrefix();
  let redis: Redis;
  let app: NestFastifyApplication;
  let second: NestFastifyApplication;
  let uid = 0;
  const user = () => `u${++uid}`;

  before(async () => {
    redis = new Redis(TEST_REDIS_URL);
    const env = { NODE_ENV: 'test', REDIS_URL: TEST_REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix, RATE_LIMIT_EMERGENCY_REFRESH_MS: '0', TRUSTED_PROXY_HOPS: '1' };
    app = await startLimiterApp(env);
    second = await startLimiterApp(env);
  });
  after(async () => {
    await app?.close();
    await second?.close();
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });

  it('300 concurrent requests from one free user to /alerts: exactly 20 pass, 280 get 429 with Retry-After', async () => {
    const headers = as(user(), 'free_user');
    const responses = await Promise.all(Array.from({ length: 300 }, () => app.inject({ url: '/api/v1/alerts', headers })));
    assert.deepEqual(statuses(responses), { 200: 20, 429: 280 });
    for (const response of responses.filter((r) => r.statusCode === 429)) {
      const retryAfter = Number(response.headers['retry-after']);
      assert.ok(retryAfter >= 1 && retryAfter <= 3600, `Retry-After ${response.headers['retry-after']}`);
      assert.equal(response.headers['ratelimit-limit'], '20');
      assert.equal(response.headers['ratelimit-remaining'], '0');
      assert.equal(response.headers['ratelimit-reset'], String(retryAfter));
    }
    const refused = responses.find((r) => r.statusCode === 429)!;
    const body = refused.json();
    assert.deepEqual(Object.keys(body).sort(), ['error', 'message', 'requestId', 'statusCode']);
    assert.equal(body.message, `rate limit of 20 requests per hour on /alerts reached; retry in ${refused.headers['retry-after']} s`);
    const remaining = responses.filter((r) => r.statusCode === 200).map((r) => Number(r.headers['ratelimit-remaining'])).sort((a, b) => a - b);
    assert.deepEqual(remaining, Array.from({ length: 20 }, (_, i) => i));
  });

  it('two instances sharing Redis still admit exactly the limit between them', async () => {
    const headers = as(user(), 'free_user');
    const responses = await Promise.all(
      Array.from({ length: 120 }, (_, i) => (i % 2 ? app : second).inject({ url: '/api/v1/levels', headers })),
    );
    assert.deepEqual(statuses(responses), { 200: RATE_LIMITS.free_user.levels, 429: 120 - RATE_LIMITS.free_user.levels });
  });

  it('each endpoint and each user has its own budget; the role decides its size', async () => {
    const free = as(user(), 'free_user');
    const premium = as(user(), 'premium_user');
    const first = await app.inject({ url: '/api/v1/stations', headers: free });
    assert.equal(first.headers['ratelimit-limit'], String(RATE_LIMITS.free_user.stations));
    assert.equal(first.headers['ratelimit-remaining'], String(RATE_LIMITS.free_user.stations - 1));
    assert.equal((await app.inject({ url: '/api/v1/alerts', headers: free })).headers['ratelimit-remaining'], '19');
    assert.equal((await app.inject({ url: '/api/v1/alerts', headers: premium })).headers['ratelimit-limit'], String(RATE_LIMITS.premium_user.alerts));
  });

  it('every request counts, even hundreds in the same millisecond (storage called directly)', async () => {
    const storage = new RedisThrottlerStorage(redis, prefix);
    const results = await Promise.all(Array.from({ length: 500 }, () => storage.increment('same-ms', 60_000, 1000, 0, 'direct')));
    assert.equal(results.filter((r) => !r.isBlocked).length, 500);
    assert.deepEqual(results.map((r) => r.totalHits).sort((a, b) => a - b), Array.from({ length: 500 }, (_, i) => i + 1));
    assert.equal(await redis.zcard(`{${prefix}:direct:same-ms}:log`), 500);
  });

  it('large limits use sub-window counters and are still exact under concurrency (admins, the per-IP rule)', async () => {
    const storage = new RedisThrottlerStorage(redis, prefix);
    const results = await Promise.all(Array.from({ length: 2100 }, () => storage.increment('big', 60_000, 2000, 0, 'direct')));
    assert.equal(results.filter((r) => !r.isBlocked).length, 2000);
    const blocked = results.find((r) => r.isBlocked)!;
    assert.ok(blocked.timeToBlockExpire >= 1 && blocked.timeToBlockExpire <= 61, String(blocked.timeToBlockExpire));
    // A bounded hash of per-second counters, not 2000 log entries.
    assert.ok((await redis.hlen(`{${prefix}:direct:big}:slots`)) <= 61);
    assert.equal(await redis.exists(`{${prefix}:direct:big}:log`), 0);
  });

  it('a penalty block (blockDuration) holds even once the window has room again', async () => {
    const storage = new RedisThrottlerStorage(redis, prefix);
    await storage.increment('penalty', 60_000, 1, 0, 'direct');
    const refused = await storage.increment('penalty', 60_000, 1, 120_000, 'direct');
    assert.deepEqual(refused, { totalHits: 1, timeToExpire: 120, isBlocked: true, timeToBlockExpire: 120 });
    const pttl = await redis.pttl(`{${prefix}:direct:penalty}:block`);
    assert.ok(pttl > 60_000 && pttl <= 120_000, String(pttl));
  });

  it('a forged X-Forwarded-For does not buy an anonymous caller a new budget (one trusted proxy)', async () => {
    const limit = RATE_LIMITS.free_user.alerts;
    const from = (forged: string, client: string) => ({
      url: '/api/v1/alerts',
      remoteAddress: '10.0.0.5', // the trusted proxy
      headers: { 'x-forwarded-for': `${forged}, ${client}` },
    });
    for (let i = 0; i < limit; i++) assert.equal((await app.inject(from(`198.51.100.${i}`, '203.0.113.7'))).statusCode, 200);
    const forged = await Promise.all(Array.from({ length: 10 }, (_, i) => app.inject(from(`192.0.2.${i}`, '203.0.113.7'))));
    assert.deepEqual(statuses(forged), { 429: 10 });
    // The budget follows the client address the proxy appended: another client still gets in.
    assert.equal((await app.inject(from('192.0.2.1', '203.0.113.8'))).statusCode, 200);
  });

  it('IPv6 clients are grouped by /64: rotating the interface id does not reset the budget', async () => {
    const limit = RATE_LIMITS.free_user.alerts;
    const from = (address: string) => app.inject({ url: '/api/v1/alerts', remoteAddress: '10.0.0.5', headers: { 'x-forwarded-for': address } });
    for (let i = 0; i < limit; i++) assert.equal((await from(`2001:db8:1:2::${(i + 1).toString(16)}`)).statusCode, 200);
    assert.equal((await from('2001:db8:1:2:ffff:ffff:ffff:ffff')).statusCode, 429);
    assert.equal((await from('2001:db8:1:3::1')).statusCode, 200);
  });

  it(`anonymous callers also carry the edge rule: ${ANONYMOUS_IP_LIMIT.limit} requests per 5 minutes per IP, on every route`, async () => {
    const anonymous = { url: '/api/v1/other', remoteAddress: '10.0.0.5', headers: { 'x-forwarded-for': '203.0.113.99' } };
    let admitted = 0;
    for (let batch = 0; batch < ANONYMOUS_IP_LIMIT.limit / 250; batch++) {
      const responses = await Promise.all(Array.from({ length: 250 }, () => app.inject(anonymous)));
      admitted += responses.filter((r) => r.statusCode === 200).length;
    }
    assert.equal(admitted, ANONYMOUS_IP_LIMIT.limit);
    const refused = await app.inject(anonymous);
    assert.equal(refused.statusCode, 429);
    assert.match(refused.json().message, /^rate limit of 2000 requests per 5 minutes from this address reached; retry in \d+ s$/);
    // A signed-in caller behind the same address is counted by user id, not by that address.
    assert.equal((await app.inject({ ...anonymous, headers: { ...anonymous.headers, ...as(user(), 'free_user') } })).statusCode, 200);
  });

  it('emergency mode (read from Redis) scales non-admin limits by the configured factor; admins keep theirs', async () => {
    await redis.set(emergencyModeKey(prefix), '1', 'PX', 60_000);
    try {
      const free = await app.inject({ url: '/api/v1/alerts', headers: as(user(), 'free_user') });
      assert.equal(free.headers['ratelimit-limit'], String(RATE_LIMITS.free_user.alerts * 0.5));
      const premium = await app.inject({ url: '/api/v1/levels', headers: as(user(), 'premium_user') });
      assert.equal(premium.headers['ratelimit-limit'], String(RATE_LIMITS.premium_user.levels * 0.5));
      const admin = await app.inject({ url: '/api/v1/levels', headers: as(user(), 'admin') });
      assert.equal(admin.headers['ratelimit-limit'], String(RATE_LIMITS.admin.levels));
    } finally {
      await redis.del(emergencyModeKey(prefix));
    }
    const after = await app.inject({ url: '/api/v1/alerts', headers: as(user(), 'free_user') });
    assert.equal(after.headers['ratelimit-limit'], String(RATE_LIMITS.free_user.alerts));
  });

  it('routes outside the table carry no per-user limit', async () => {
    const response = await app.inject({ url: '/api/v1/other', headers: as(user(), 'free_user') });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['ratelimit-limit'], undefined);
  });

  it('every key carries one hash tag and an expiry no longer than its window', async () => {
    const keys = await keysUnder(redis, prefix);
    assert.ok(keys.length > 5, String(keys.length));
    for (const key of keys) {
      assert.match(key, /^\{[^{}]+\}:(log|slots|block)$/, key);
      const pttl = await redis.pttl(key);
      assert.ok(pttl > 0 && pttl <= 3_600_000 + 60_000, `${key}: ${pttl}`);
    }
  });
});

describe('the window slides (short test window via RATE_LIMIT_WINDOW_MS)', () => {
  const prefix = uniquePrefix();
  const WINDOW_MS = 4000;
  let redis: Redis;
  let app: NestFastifyApplication;

  before(async () => {
    redis = new Redis(TEST_REDIS_URL);
    app = await startLimiterApp({ NODE_ENV: 'test', REDIS_URL: TEST_REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix, RATE_LIMIT_WINDOW_MS: String(WINDOW_MS) });
  });
  after(async () => {
    await app?.close();
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });

  const burst = async (headers: Record<string, string>) => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => app.inject({ url: '/api/v1/alerts', headers })));
    return responses.filter((r) => r.statusCode === 200).length;
  };

  it('a burst at the end of one window and another at the start of the next never exceed the limit in any sliding window', async () => {
    const headers = as('edge', 'free_user');
    // End of a fixed window: a fixed-window limiter would reset its count 300 ms later.
    const boundary = Math.ceil(Date.now() / WINDOW_MS) * WINDOW_MS + WINDOW_MS;
    await sleep(boundary - 300 - Date.now());
    assert.equal(await burst(headers), 20);
    const firstBurstEnded = Date.now();
    await sleep(Math.max(0, boundary + 300 - Date.now()));
    assert.equal(await burst(headers), 0, 'a second burst right after the edge would double the limit');
    // Once the whole first burst has left the sliding window, the budget is back, once.
    await sleep(firstBurstEnded + WINDOW_MS + 100 - Date.now());
    assert.equal(await burst(headers), 20);
    assert.equal(await burst(headers), 0);
  });

  it('idle keys expire: nothing is left once the window has passed', async () => {
    await app.inject({ url: '/api/v1/alerts', headers: as('expiry', 'free_user') });
    await app.inject({ url: '/api/v1/levels', headers: as('expiry', 'admin') });
    assert.ok((await keysUnder(redis, prefix)).length >= 2);
    await sleep(WINDOW_MS + WINDOW_MS / 60 + 200);
    assert.deepEqual(await keysUnder(redis, prefix), []);
  });
});
