import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it, mock } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { RATE_LIMITS } from '@cmipro/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { freePort } from '../../src/auth/dev/auth-emulator.js';
import { SecurityEvents, type SecurityEvent } from '../../src/security/security-events.js';
import { as, startLimiterApp, uniquePrefix } from './support/limiter-app.js';

/** A throwaway Redis of this test's own, with no persistence, so killing it loses everything as a crash would. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: null });
  probe.on('error', () => undefined);
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await probe.ping().catch(() => '')) === 'PONG') return child;
      await sleep(50);
    }
    throw new Error(`redis-server did not start on ${port}`);
  } finally {
    probe.disconnect();
  }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await once(child, 'exit');
}

describe('Redis outage: reads limited in process, writes refused, one event, recovery without restart', () => {
  const SHARE = 0.5;
  let port: number;
  let redis: ChildProcess;
  let app: NestFastifyApplication;
  const events: SecurityEvent[] = [];

  before(async () => {
    port = await freePort();
    redis = await startRedis(port);
    app = await startLimiterApp({
      NODE_ENV: 'test',
      REDIS_URL: `redis://127.0.0.1:${port}`,
      RATE_LIMIT_KEY_PREFIX: uniquePrefix(),
      RATE_LIMIT_FALLBACK_SHARE: String(SHARE),
    });
    mock.method(app.get<SecurityEvents>(SecurityEvents), 'record', (event: SecurityEvent) => events.push(event));
  });
  after(async () => {
    await app?.close();
    if (redis) await kill(redis);
  });

  const read = (uid: string) => app.inject({ url: '/api/v1/alerts', headers: as(uid, 'free_user') });
  const write = (uid: string) => app.inject({ method: 'POST', url: '/api/v1/alerts', headers: as(uid, 'admin') });

  it('keeps answering reads under a per-instance share, refuses writes, raises one event, and uses Redis again once it answers', async () => {
    const limit = RATE_LIMITS.free_user.alerts;
    assert.equal((await read('before')).headers['ratelimit-limit'], String(limit));
    assert.equal((await write('admin')).statusCode, 201);

    await kill(redis);
    const reads = await Promise.all(Array.from({ length: limit }, () => read('during')));
    const share = Math.floor(limit * SHARE);
    assert.deepEqual(reads.map((r) => r.statusCode).sort(), [...Array(share).fill(200), ...Array(limit - share).fill(429)]);
    assert.equal(reads.find((r) => r.statusCode === 200)!.headers['ratelimit-limit'], String(share));
    assert.ok(Number(reads.find((r) => r.statusCode === 429)!.headers['retry-after']) >= 1);

    const refusedWrite = await write('admin');
    assert.equal(refusedWrite.statusCode, 503);
    assert.equal(refusedWrite.json().message, 'changes are paused for a moment; retry shortly');
    assert.equal((await read('another')).statusCode, 200);

    assert.equal(events.length, 1, JSON.stringify(events));
    assert.equal(events[0]!.type, 'rate_limit_store_degraded');
    assert.equal(events[0]!.success, false);
    assert.match(events[0]!.endpoint, /^(GET|POST) \/api\/v1\/alerts$/);

    redis = await startRedis(port);
    let recovered: Awaited<ReturnType<typeof read>> | undefined;
    for (let attempt = 0; attempt < 100 && !recovered; attempt++) {
      const response = await read(`after-${attempt}`);
      if (response.headers['ratelimit-limit'] === String(limit)) recovered = response;
      else await sleep(100);
    }
    assert.ok(recovered, 'the limiter never went back to Redis');
    assert.equal((await write('admin')).statusCode, 201);
    assert.equal(events.length, 1, 'recovery raises no second outage event');

    // A second outage is a second event.
    await kill(redis);
    assert.equal((await write('admin')).statusCode, 503);
    assert.equal((await read('second-outage')).statusCode, 200);
    assert.equal(events.length, 2);
  });
});
