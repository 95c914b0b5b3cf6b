import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it, mock } from 'node:test';
import type { Auth } from 'firebase-admin/auth';
import { FIREBASE_AUTH } from '../../src/auth/firebase-admin.provider.js';
import { SecurityEvents, type SecurityEvent } from '../../src/security/security-events.js';
import {
  bearer,
  hs256WithPublicKey,
  lookups,
  newUid,
  nowS,
  STRANGER_KEY,
  testUsers,
  tokenFor,
  unsignedToken,
  ISSUER,
  TEST_PROJECT_ID,
} from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { leaksInternals, startTestApp, testEnv, type TestApp } from '../support/test-app.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const GENERIC_401 = ['invalid token', 'token expired', 'authentication required'];

/** Texts firebase-admin / jsonwebtoken put in their errors: none may reach a client. */
const SDK_TEXT = /Firebase ID token|kid|aud|iss|signature|algorithm|jwt|verifyIdToken|expired\.|securetoken|docs/i;

describe('Layer 1: ID-token verification with the real firebase-admin (Google key fetch intercepted)', () => {
  let database: TestDatabase;
  let api: TestApp;
  let events: SecurityEvent[];

  before(async () => {
    database = await createTestDatabase();
    api = await startTestApp(testEnv(database.url, { REDIS_URL }));
    const sink = api.app.get<SecurityEvents>(SecurityEvents);
    mock.method(sink, 'record', (event: SecurityEvent) => events.push(event));
  });
  beforeEach(() => {
    events = [];
  });
  after(async () => {
    await api?.close();
    await database?.drop();
  });

  const session = (headers: Record<string, string> = {}) => api.request({ url: '/api/v1/auth/session', headers });

  for (const role of ['free_user', 'premium_user', 'admin', 'ingest'] as const) {
    it(`a valid ${role} token → 200 with that role`, async () => {
      const uid = newUid(role);
      const response = await session(bearer(tokenFor({ uid, role, mfa: role === 'admin' })));
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual({ ...(response.json() as Record<string, unknown>), auth_time: undefined }, { uid, role, mfa: role === 'admin', auth_time: undefined });
    });
  }

  it('no role claim is a free user; an unknown one too, and raises a security event', async () => {
    assert.equal((await session(bearer(tokenFor()))).json().role, 'free_user');
    assert.equal(events.length, 0);
    const uid = newUid();
    const response = await session(bearer(tokenFor({ uid, role: 'superuser' })));
    assert.equal(response.json().role, 'free_user');
    assert.deepEqual(
      events.map((e) => [e.type, e.uid, e.details?.claim]),
      [['unknown_role_claim', uid, 'superuser']],
    );
  });

  it('every data endpoint requires a token; health does not', async () => {
    for (const url of ['/api/v1/stations', '/api/v1/levels?station_id=CHIH3', '/api/v1/alerts', '/api/v1/auth/session']) {
      const response = await api.request(url);
      assert.equal(response.statusCode, 401, url);
      assert.equal(response.json().message, 'authentication required');
      assert.equal(response.headers['www-authenticate'], 'Bearer realm="cmipro"');
    }
    const admin = await api.request({ method: 'POST', url: '/api/v1/admin/users/someone/revoke' });
    assert.equal(admin.statusCode, 401);
    assert.equal((await api.request('/health/live')).statusCode, 200);
    assert.equal((await api.request({ url: '/api/v1/stations', headers: bearer(tokenFor()) })).statusCode, 200);
  });

  const valid = () => tokenFor({ role: 'free_user' });
  const tampered = () => {
    const [header, , signature] = valid().split('.');
    const payload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(valid().split('.')[1]!, 'base64url').toString()), role: 'admin' })).toString('base64url');
    return `${header}.${payload}.${signature}`;
  };
  const now = nowS();
  const cases: { name: string; authorization?: string; message: string; sdk?: boolean }[] = [
    { name: 'tampered payload', authorization: `Bearer ${tampered()}`, message: 'invalid token', sdk: true },
    { name: 'bad signature (another key)', authorization: `Bearer ${tokenFor({ key: STRANGER_KEY })}`, message: 'invalid token', sdk: true },
    { name: 'alg: none', authorization: `Bearer ${unsignedToken()}`, message: 'invalid token', sdk: true },
    { name: 'HS256 signed with the public key', authorization: `Bearer ${hs256WithPublicKey()}`, message: 'invalid token', sdk: true },
    { name: 'missing kid', authorization: `Bearer ${tokenFor({ header: { kid: undefined } })}`, message: 'invalid token', sdk: true },
    { name: 'unknown kid', authorization: `Bearer ${tokenFor({ header: { kid: 'rotated-away' } })}`, message: 'invalid token', sdk: true },
    { name: 'wrong aud', authorization: `Bearer ${tokenFor({ claims: { aud: 'someone-elses-project' } })}`, message: 'invalid token', sdk: true },
    { name: 'wrong iss', authorization: `Bearer ${tokenFor({ claims: { iss: 'https://securetoken.google.com/someone-else' } })}`, message: 'invalid token', sdk: true },
    { name: 'expired', authorization: `Bearer ${tokenFor({ authTime: now - 7200, claims: { iat: now - 7200, exp: now - 3600 } })}`, message: 'token expired', sdk: true },
    { name: 'iat 10 minutes in the future', authorization: `Bearer ${tokenFor({ claims: { iat: now + 600 } })}`, message: 'invalid token' },
    { name: 'empty sub', authorization: `Bearer ${tokenFor({ claims: { sub: '' } })}`, message: 'invalid token', sdk: true },
    { name: '10 kB token', authorization: `Bearer ${tokenFor({ claims: { pad: 'x'.repeat(10_240) } })}`, message: 'invalid token' },
    { name: 'garbage', authorization: 'Bearer not.a-jwt!at all', message: 'authentication required' },
    { name: 'garbage shaped like a JWT', authorization: 'Bearer aaaa.bbbb.cccc', message: 'invalid token', sdk: true },
    { name: 'empty bearer', authorization: 'Bearer ', message: 'invalid token' },
    { name: 'missing header', message: 'authentication required' },
    { name: 'Basic scheme', authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, message: 'authentication required' },
  ];

  for (const { name, authorization, message, sdk } of cases) {
    it(`${name} → 401 "${message}", no SDK text, recorded`, async () => {
      const response = await api.request({ url: '/api/v1/stations', headers: authorization ? { authorization, 'user-agent': 'probe/1' } : { 'user-agent': 'probe/1' } });
      assert.equal(response.statusCode, 401, `${name}: ${response.statusCode} ${response.body}`);
      const body = response.json();
      assert.equal(body.message, message);
      assert.ok(GENERIC_401.includes(body.message));
      assert.deepEqual(Object.keys(body).sort(), ['error', 'message', 'requestId', 'statusCode']);
      assert.equal(response.headers['www-authenticate'], message === 'authentication required' ? 'Bearer realm="cmipro"' : 'Bearer realm="cmipro", error="invalid_token"');
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.doesNotMatch(response.body, SDK_TEXT);
      assert.equal(leaksInternals(response.body), undefined, response.body);
      assert.equal(events.length, 1, JSON.stringify(events));
      const [event] = events;
      assert.equal(event!.type, 'auth_failure');
      assert.equal(event!.success, false);
      assert.equal(event!.endpoint, 'GET /api/v1/stations');
      assert.equal(event!.userAgent, 'probe/1');
      assert.match(event!.ip, /^127\.0\.0\.1$/);
      if (sdk) {
        // The SDK's own explanation is kept, for the security log only.
        assert.equal(event!.details?.reason, 'sdk_rejected');
        assert.match(String(event!.details?.code), /^auth\//);
        assert.ok(String(event!.details?.message).length > 0);
      }
    });
  }

  it('a failure is attributed to the uid the token claims', async () => {
    const uid = newUid('victim');
    await api.request({ url: '/api/v1/stations', headers: bearer(tokenFor({ uid, key: STRANGER_KEY })) });
    assert.deepEqual(events.map((e) => [e.type, e.uid]), [['auth_failure', uid]]);
  });

  it('iat a little in the future (clock skew within 5 minutes) is accepted', async () => {
    const response = await session(bearer(tokenFor({ claims: { iat: nowS() + 120 } })));
    assert.equal(response.statusCode, 200, response.body);
  });

  it('admins must have signed in with a second factor (403, recorded); premium users may', async () => {
    const admin = await session(bearer(tokenFor({ role: 'admin', mfa: false })));
    assert.equal(admin.statusCode, 403);
    assert.equal(admin.json().message, 'second factor required');
    assert.deepEqual(events.map((e) => [e.type, e.details?.reason]), [['access_denied', 'admin_without_second_factor']]);
    const adminRoute = await api.request({ method: 'POST', url: '/api/v1/admin/users/someone/revoke', headers: bearer(tokenFor({ role: 'admin', mfa: false })) });
    assert.equal(adminRoute.statusCode, 403);
    const premium = await session(bearer(tokenFor({ role: 'premium_user', mfa: true })));
    assert.deepEqual([premium.statusCode, premium.json().mfa], [200, true]);
  });

  it('a signed-in user without the role gets 403 on an admin route', async () => {
    for (const role of ['free_user', 'premium_user', 'ingest'] as const) {
      events = [];
      const response = await api.request({ method: 'POST', url: '/api/v1/admin/users/someone/disable', headers: bearer(tokenFor({ role, mfa: true })) });
      assert.equal(response.statusCode, 403, role);
      assert.equal(response.json().message, 'forbidden');
      assert.deepEqual(events.map((e) => [e.type, e.details?.reason, e.details?.role]), [['access_denied', 'role_not_allowed', role]]);
    }
  });

  it("an admin's session ends 12 hours after sign-in (auth_time), however fresh the token", async () => {
    const fresh = await session(bearer(tokenFor({ role: 'admin', mfa: true, authTime: nowS() - 11 * 3600 })));
    assert.equal(fresh.statusCode, 200);
    const stale = await session(bearer(tokenFor({ role: 'admin', mfa: true, authTime: nowS() - 13 * 3600 })));
    assert.equal(stale.statusCode, 401);
    assert.equal(stale.json().message, 'token expired');
    assert.equal(events.at(-1)?.details?.reason, 'admin_session_too_old');
    const user = await session(bearer(tokenFor({ role: 'free_user', authTime: nowS() - 13 * 3600 })));
    assert.equal(user.statusCode, 200, 'the limit is for admins only');
  });

  it('disabled and revoked users are refused; their status is looked up once, not per request', async () => {
    const uid = newUid('status');
    for (let i = 0; i < 5; i++) assert.equal((await session(bearer(tokenFor({ uid })))).statusCode, 200);
    assert.equal(lookups.get(uid), 1, 'one Firebase lookup for five requests with five different tokens');

    const disabled = newUid('disabled');
    testUsers.set(disabled, { disabled: true, validSince: 0 });
    const refused = await session(bearer(tokenFor({ uid: disabled })));
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().message, 'invalid token');
    assert.equal(events.at(-1)?.details?.reason, 'user_disabled');

    const revoked = newUid('revoked');
    testUsers.set(revoked, { disabled: false, validSince: nowS() - 60 });
    const before = await session(bearer(tokenFor({ uid: revoked, authTime: nowS() - 120 })));
    assert.equal(before.statusCode, 401);
    assert.equal(events.at(-1)?.details?.reason, 'token_revoked');
    const signedInAgain = await session(bearer(tokenFor({ uid: revoked })));
    assert.equal(signedInAgain.statusCode, 200, 'a token from a sign-in after the revocation is fine');
  });

  it('a verified token is reused: repeated calls with one token do the RS256 verification once', async () => {
    const auth = api.app.get<Auth>(FIREBASE_AUTH);
    const verify = mock.method(auth, 'verifyIdToken');
    try {
      const token = tokenFor({ role: 'premium_user' });
      for (let i = 0; i < 4; i++) assert.equal((await session(bearer(token))).statusCode, 200);
      assert.equal(verify.mock.callCount(), 1);
      await session(bearer(tokenFor({ role: 'premium_user' })));
      assert.equal(verify.mock.callCount(), 2, 'another token is verified on its own');
    } finally {
      verify.mock.restore();
    }
  });

  it('the tokens here are what Firebase issues (sanity check of the test key setup)', () => {
    const payload = JSON.parse(Buffer.from(tokenFor().split('.')[1]!, 'base64url').toString());
    assert.equal(payload.iss, ISSUER);
    assert.equal(payload.aud, TEST_PROJECT_ID);
  });
});
