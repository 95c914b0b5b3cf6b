import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authHeaders, newUid } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { leaksInternals, startTestApp, testEnv, type TestApp } from './support/test-app.js';

const BODY_LIMIT = 4096;

/** Body-level failures happen in Fastify, before Nest: they must still come out generic. */
describe('request bodies on a write endpoint', () => {
  let database: TestDatabase;
  let api: TestApp;
  const admin = authHeaders('admin', { mfa: true });
  const url = `/api/v1/admin/users/${newUid('target')}/revoke`;

  before(async () => {
    database = await createTestDatabase();
    api = await startTestApp(testEnv(database.url, { BODY_LIMIT_BYTES: String(BODY_LIMIT) }));
  });
  after(async () => {
    await api?.close();
    await database?.drop();
  });

  async function expectGeneric(headers: Record<string, string>, payload: string, status: number, message: string) {
    const response = await api.request({ method: 'POST', url, headers: { ...admin, ...headers }, payload });
    assert.equal(response.statusCode, status, response.body);
    const body = response.json();
    assert.equal(body.message, message);
    assert.match(body.requestId, /^[0-9a-f-]{36}$/);
    assert.equal(leaksInternals(response.body), undefined, response.body);
  }

  it('a body over the configured limit is a 413', async () => {
    await expectGeneric({ 'content-type': 'application/json' }, JSON.stringify({ pad: 'x'.repeat(BODY_LIMIT * 4) }), 413, 'payload too large');
  });

  it('malformed JSON is a 400 without parser text', async () => {
    await expectGeneric({ 'content-type': 'application/json' }, '{"uid": "x",', 400, 'bad request');
  });

  it('a JSON prototype-pollution body is a 400', async () => {
    await expectGeneric({ 'content-type': 'application/json' }, '{"__proto__": {"role": "admin"}}', 400, 'bad request');
  });

  it('an unsupported content type is a 415', async () => {
    await expectGeneric({ 'content-type': 'application/x-evil' }, 'a=b', 415, 'unsupported media type');
  });
});
