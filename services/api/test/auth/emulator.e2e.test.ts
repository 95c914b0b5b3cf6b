import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getAuth, type Auth } from 'firebase-admin/auth';
import { startAuthEmulator, type AuthEmulator } from '../../src/auth/dev/auth-emulator.js';
import { createEmulatorUser, refreshIdToken, signIn, type EmulatorUser } from '../../src/auth/dev/emulator-users.js';
import { EMULATOR_PROJECT_ID } from '../../src/config/firebase.config.js';
import { bearer } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, testEnv, type TestApp } from '../support/test-app.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** tokens-valid-after has one-second resolution: a token must be from an earlier second than the revocation. */
const NEXT_SECOND_MS = 1100;

describe('Layer 2: the Firebase Auth emulator, two API instances sharing Redis', () => {
  let emulator: AuthEmulator;
  let database: TestDatabase;
  let firebase: App;
  let auth: Auth;
  let a: TestApp;
  let b: TestApp;

  before(async () => {
    emulator = await startAuthEmulator();
    // firebase-admin reads this from process.env only; this test file runs in its own process.
    process.env.FIREBASE_AUTH_EMULATOR_HOST = emulator.host;
    firebase = initializeApp({ projectId: EMULATOR_PROJECT_ID }, 'emulator-suite');
    auth = getAuth(firebase);
    database = await createTestDatabase();
    const env = testEnv(database.url, {
      FIREBASE_AUTH_EMULATOR_HOST: emulator.host,
      FIREBASE_PROJECT_ID: EMULATOR_PROJECT_ID,
      FIREBASE_CLIENT_EMAIL: undefined,
      FIREBASE_PRIVATE_KEY: undefined,
      REDIS_URL,
    });
    a = await startTestApp(env);
    b = await startTestApp(env);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    if (firebase) await deleteApp(firebase);
    await emulator?.stop();
  });

  const user = (options: Parameters<typeof createEmulatorUser>[1] = {}) => createEmulatorUser(auth, options);
  const tokenOf = async (u: EmulatorUser) => (await signIn(emulator.host, EMULATOR_PROJECT_ID, u)).idToken;
  const session = (api: TestApp, token: string) => api.request({ url: '/api/v1/auth/session', headers: bearer(token) });
  const post = (api: TestApp, url: string, token: string) => api.request({ method: 'POST', url, headers: bearer(token) });

  it('an emulator token signs in with the role claim; admins with a real second factor', async () => {
    const free = await user();
    const response = await session(a, await tokenOf(free));
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual([response.json().uid, response.json().role, response.json().mfa], [free.uid, 'free_user', false]);
    const admin = await session(a, await tokenOf(await user({ role: 'admin', mfa: true })));
    assert.deepEqual([admin.statusCode, admin.json().role, admin.json().mfa], [200, 'admin', true]);
  });

  it('an admin without a second factor → 403; a free user on an admin route → 403', async () => {
    const admin = await tokenOf(await user({ role: 'admin' }));
    const response = await post(a, '/api/v1/admin/users/anyone/revoke', admin);
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().message, 'second factor required');
    const free = await tokenOf(await user({ role: 'free_user', mfa: true }));
    assert.equal((await post(a, '/api/v1/admin/users/anyone/revoke', free)).statusCode, 403);
  });

  it('a user disabled in Firebase → 401', async () => {
    const target = await user();
    const token = await tokenOf(target);
    await auth.updateUser(target.uid, { disabled: true });
    const response = await session(b, token);
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().message, 'invalid token');
  });

  it('tokens revoked in Firebase → 401', async () => {
    const target = await user();
    const token = await tokenOf(target);
    await sleep(NEXT_SECOND_MS);
    await auth.revokeRefreshTokens(target.uid);
    const response = await session(b, token);
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().message, 'invalid token');
  });

  it("an admin's revoke and disable through instance A take effect on instance B's next request", async () => {
    const admin = await tokenOf(await user({ role: 'admin', mfa: true }));
    const target = await user();
    const token = await tokenOf(target);
    // Both instances have verified the token and cached the user's status.
    for (const api of [a, b, a, b]) assert.equal((await session(api, token)).statusCode, 200);
    await sleep(NEXT_SECOND_MS);

    const revoked = await post(a, `/api/v1/admin/users/${target.uid}/revoke`, admin);
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.deepEqual([revoked.json().disabled, revoked.json().propagated], [false, true]);
    assert.equal((await session(b, token)).statusCode, 401, 'B refuses the revoked token at once');
    assert.equal((await session(a, token)).statusCode, 401);

    const again = await tokenOf(target); // signing in again after the revocation works
    assert.equal((await session(b, again)).statusCode, 200);
    const disabled = await post(b, `/api/v1/admin/users/${target.uid}/disable`, admin);
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.equal(disabled.json().disabled, true);
    assert.equal((await session(a, again)).statusCode, 401, 'A refuses the disabled user at once');
    assert.equal((await session(b, again)).statusCode, 401);
    await assert.rejects(tokenOf(target), /USER_DISABLED/);
  });

  it('admin actions on an unknown uid → 404; a malformed uid → 400', async () => {
    const admin = await tokenOf(await user({ role: 'admin', mfa: true }));
    assert.equal((await post(a, '/api/v1/admin/users/nobody-here/revoke', admin)).statusCode, 404);
    assert.equal((await post(a, '/api/v1/admin/users/bad!uid/revoke', admin)).statusCode, 400);
  });

  it('a claim change to premium_user changes the role (in the next ID token)', async () => {
    const target = await user();
    const session1 = await signIn(emulator.host, EMULATOR_PROJECT_ID, target);
    assert.equal((await session(a, session1.idToken)).json().role, 'free_user');
    await auth.setCustomUserClaims(target.uid, { role: 'premium_user' });
    const refreshed = await refreshIdToken(emulator.host, session1.refreshToken);
    const response = await session(a, refreshed);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().role, 'premium_user');
  });
});
