import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, cutOff, restore, type TestDatabase } from './support/test-database.js';
import { leaksInternals, startTestApp, testEnv, type TestApp } from './support/test-app.js';

describe('failures stay inside', () => {
  let database: TestDatabase;
  let api: TestApp;

  before(async () => {
    database = await createTestDatabase();
    api = await startTestApp(testEnv(database.url), { signedInAs: 'free_user' });
  });
  after(async () => {
    await api?.close();
    await database?.drop();
  });

  it('a database error is a 500 with a request id and no SQL, driver or stack text', async () => {
    await database.db.query(`ALTER TABLE readings RENAME TO readings_gone`);
    try {
      const response = await api.request('/api/v1/levels?station_id=CHIH3&interval=raw');
      assert.equal(response.statusCode, 500);
      const body = response.json();
      assert.equal(body.message, 'internal error');
      assert.match(body.requestId, /^[0-9a-f-]{36}$/);
      assert.equal(response.headers['x-request-id'], body.requestId);
      assert.equal(leaksInternals(response.body), undefined, response.body);
    } finally {
      await database.db.query(`ALTER TABLE readings_gone RENAME TO readings`);
    }
  });

  it('readiness turns 503 when the database stops answering, and back to 200 when it returns', async () => {
    await cutOff(database.name);
    try {
      const down = await api.request('/health/ready');
      assert.equal(down.statusCode, 503);
      assert.deepEqual(down.json(), { status: 'error', checks: { database: 'down' } });
      assert.equal((await api.request('/health/live')).statusCode, 200);
    } finally {
      await restore(database.name);
    }
    const up = await api.request('/health/ready');
    assert.equal(up.statusCode, 200);
  });

  it('SIGTERM closes the server and exits 0 (Fargate stop)', async () => {
    const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, ...testEnv(database.url), PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const deadline = Date.now() + 20_000;
    while (!output.includes('CMIPRO Shield API on') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(output.includes('CMIPRO Shield API on'), output);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, output);
    assert.match(output, /SIGTERM: shutting down/);
  });

  it('production refuses to start on unsafe settings and names every one of them', async () => {
    await assert.rejects(
      startTestApp({ NODE_ENV: 'production', CORS_ORIGINS: '*', REQUIRE_HTTPS: 'false', PORT: 'eighty', LOG_LEVEL: 'silent' }),
      (error: Error) => {
        for (const name of ['DATABASE_URL', 'TRUSTED_PROXY_HOPS', 'CORS_ORIGINS', 'REQUIRE_HTTPS', 'PORT']) {
          assert.match(error.message, new RegExp(`${name}:`), error.message);
        }
        return true;
      },
    );
  });
});
