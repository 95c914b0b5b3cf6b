import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, testEnv, type TestApp } from './support/test-app.js';

describe('HTTP hardening', () => {
  let database: TestDatabase;
  let api: TestApp;

  before(async () => {
    database = await createTestDatabase();
    api = await startTestApp(
      testEnv(database.url, {
        CORS_ORIGINS: 'https://cmipro.example',
        REQUIRE_HTTPS: 'true',
        TRUSTED_PROXY_HOPS: '2',
        DOCS_ENABLED: 'true',
      }),
      { signedInAs: 'free_user' },
    );
  });
  after(async () => {
    await api?.close();
    await database?.drop();
  });

  const https = { 'x-forwarded-proto': 'https' };

  it('sends the security headers and no X-Powered-By', async () => {
    const response = await api.request({ url: '/api/v1/stations', headers: https });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['strict-transport-security']), /max-age=63072000; includeSubDomains/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    assert.ok(response.headers['content-security-policy']);
    assert.equal(response.headers['x-powered-by'], undefined);
    assert.match(String(response.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await api.request({ url: '/api/v1/stations', headers: { ...https, origin: 'https://cmipro.example' } });
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://cmipro.example');
    const denied = await api.request({ url: '/api/v1/stations', headers: { ...https, origin: 'https://evil.example' } });
    assert.equal(denied.headers['access-control-allow-origin'], undefined);
  });

  it('refuses plain HTTP behind the proxy, but not the health checks', async () => {
    const plain = await api.request({ url: '/api/v1/stations', headers: { 'x-forwarded-proto': 'http' } });
    assert.equal(plain.statusCode, 403);
    assert.equal(plain.json().message, 'https required');
    assert.equal((await api.request('/health/live')).statusCode, 200);
  });

  it('believes only the protocol the nearest proxy reported (the rightmost entry)', async () => {
    // A client that prepends "https" to the header its proxies extend gains nothing.
    const response = await api.request({ url: '/api/v1/stations', headers: { 'x-forwarded-proto': 'https, http, http' } });
    assert.equal(response.statusCode, 403);
  });

  it('serves the OpenAPI document when enabled', async () => {
    const response = await api.request({ url: '/docs-json', headers: https });
    assert.equal(response.statusCode, 200);
    const paths = Object.keys(response.json().paths);
    for (const path of ['/api/v1/stations', '/api/v1/levels', '/api/v1/alerts']) assert.ok(paths.includes(path), path);
  });
});
