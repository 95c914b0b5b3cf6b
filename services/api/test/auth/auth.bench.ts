/**
 * `npm run bench:auth -w @cmipro/api`: per-request cost of authentication with a cached
 * verification vs a fresh RS256 verification. Not a test (no timing assertions anywhere).
 *
 * Setup as Layer 1: the real firebase-admin (Google key fetch intercepted), real Redis for
 * the user-status cache, real PostgreSQL for the app. Two measurements, each the median of
 * ROUNDS rounds of N calls:
 *  - authenticator: `IdTokenAuthenticator.authenticate()` alone (header parse, SHA-256 cache
 *    key, verification or cache hit, Redis status GET);
 *  - request: a whole `GET /api/v1/auth/session` through Fastify + Nest (inject, no socket).
 *  - verification: firebase-admin's `verifyIdToken()` alone vs the cache hit that replaces it
 *    (SHA-256 of the token + map lookup), i.e. the CPU the cache saves, without Redis.
 * "fresh" uses a different pre-minted token per call (a unique extra claim, since tokens minted
 * in the same second would otherwise be byte-identical; minting is outside the timing), so every
 * call pays the RS256 verification; "cached" repeats one token.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Auth } from 'firebase-admin/auth';
import { FIREBASE_AUTH } from '../../src/auth/firebase-admin.provider.js';
import { VerifiedTokenCache } from '../../src/auth/verified-token.cache.js';
import { IdTokenAuthenticator } from '../../src/auth/id-token.authenticator.js';
import { bearer, newUid, tokenFor } from '../support/auth.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestApp, testEnv } from '../support/test-app.js';

const N = Number(process.env.BENCH_N ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

async function perCallMicros(calls: (() => Promise<unknown>)[]): Promise<number> {
  const start = performance.now();
  for (const call of calls) await call();
  return ((performance.now() - start) * 1000) / calls.length;
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const api = await startTestApp(testEnv(database.url, { REDIS_URL }));
  try {
    const authenticator = api.app.get(IdTokenAuthenticator);
    const context = { ip: '127.0.0.1', endpoint: 'GET /bench' };
    const uid = newUid('bench');
    const one = `Bearer ${tokenFor({ uid })}`;
    await authenticator.authenticate(one, context); // warm: Google keys fetched, status cached

    const auth = api.app.get<Auth>(FIREBASE_AUTH);
    const cache = new VerifiedTokenCache(300_000);
    const unique = () => tokenFor({ uid, claims: { bench: randomUUID() } });
    const oneToken = one.slice('Bearer '.length);
    cache.set(VerifiedTokenCache.keyOf(oneToken), { uid, role: 'free_user', mfa: false, authTime: 0 }, Date.now() + 3_600_000, Date.now());

    const results: Record<string, number[]> = {
      'verification cached': [],
      'verification fresh': [],
      'authenticator cached': [],
      'authenticator fresh': [],
      'request cached': [],
      'request fresh': [],
    };
    for (let round = 0; round < ROUNDS; round++) {
      const tokens = Array.from({ length: N }, unique);
      results['verification cached']!.push(await perCallMicros(Array.from({ length: N }, () => async () => cache.get(VerifiedTokenCache.keyOf(oneToken), Date.now()))));
      results['verification fresh']!.push(await perCallMicros(tokens.map((t) => () => auth.verifyIdToken(t))));
      const fresh = Array.from({ length: N }, () => `Bearer ${unique()}`);
      results['authenticator cached']!.push(await perCallMicros(Array.from({ length: N }, () => () => authenticator.authenticate(one, context))));
      results['authenticator fresh']!.push(await perCallMicros(fresh.map((h) => () => authenticator.authenticate(h, context))));
      const freshRequests = Array.from({ length: N }, () => bearer(unique()));
      results['request cached']!.push(await perCallMicros(Array.from({ length: N }, () => () => api.request({ url: '/api/v1/auth/session', headers: { authorization: one } }))));
      results['request fresh']!.push(await perCallMicros(freshRequests.map((headers) => () => api.request({ url: '/api/v1/auth/session', headers }))));
    }
    console.log(`node ${process.version}, ${N} calls x ${ROUNDS} rounds, median per call:`);
    for (const [name, values] of Object.entries(results)) console.log(`  ${name.padEnd(22)} ${median(values).toFixed(1).padStart(8)} µs   (rounds: ${values.map((v) => v.toFixed(0)).join(', ')})`);
    const ratio = (kind: string) => (median(results[`${kind} fresh`]!) / median(results[`${kind} cached`]!)).toFixed(1);
    console.log(`fresh / cached: verification ${ratio('verification')}x, authenticator ${ratio('authenticator')}x, whole request ${ratio('request')}x`);
  } finally {
    await api.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
