import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readAppConfig } from './app.config.js';
import { readDatabaseConfig } from './database.config.js';
import { UnsafeConfigurationError, listEnvProblems, validateEnv } from './validate-env.js';

const SAFE_PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app@db.internal:5432/cmipro',
  TRUSTED_PROXY_HOPS: '2',
  REDIS_URL: 'rediss://cache.internal:6379',
  FIREBASE_PROJECT_ID: 'cmipro-prod',
  GOOGLE_APPLICATION_CREDENTIALS: '/run/secrets/firebase-service-account.json',
};

const problemsOf = listEnvProblems;

describe('validateEnv', () => {
  it('accepts an empty development environment (embedded defaults)', () => {
    assert.deepEqual(problemsOf({}), []);
  });

  it('accepts a complete production environment', () => {
    assert.deepEqual(problemsOf(SAFE_PRODUCTION), []);
  });

  it('lists every bad variable at once, by name', () => {
    const problems = problemsOf({ PORT: '70000', DATABASE_URL: 'mysql://x', DATABASE_SSL: 'maybe', CORS_ORIGINS: 'not a url', LOG_LEVEL: 'loud' });
    for (const name of ['PORT', 'DATABASE_URL', 'DATABASE_SSL', 'CORS_ORIGINS', 'LOG_LEVEL']) {
      assert.ok(problems.some((p) => p.startsWith(`${name}:`)), `${name} missing from ${problems.join(' | ')}`);
    }
  });

  it('production refuses what development tolerates', () => {
    const problems = problemsOf({ NODE_ENV: 'production', DATABASE_SSL: 'disable', CORS_ORIGINS: '*', REQUIRE_HTTPS: 'false' });
    for (const name of ['DATABASE_URL', 'DATABASE_SSL', 'TRUSTED_PROXY_HOPS', 'CORS_ORIGINS', 'REQUIRE_HTTPS', 'REDIS_URL']) {
      assert.ok(problems.some((p) => p.startsWith(`${name}:`)), `${name} missing from ${problems.join(' | ')}`);
    }
    assert.deepEqual(problemsOf({ DATABASE_SSL: 'disable', CORS_ORIGINS: '*', REQUIRE_HTTPS: 'false' }), []);
  });

  it('validateEnv throws one error naming them all, and passes a clean environment through', () => {
    assert.throws(
      () => validateEnv({ PORT: 'x', LOG_LEVEL: 'loud' }),
      (error: unknown) => error instanceof UnsafeConfigurationError && /PORT:[\s\S]*LOG_LEVEL:/.test(error.message),
    );
    const env = { PORT: '8080' };
    assert.equal(validateEnv(env), env);
  });

  it('production keeps the role limits per hour (a short window is for tests)', () => {
    assert.deepEqual(problemsOf({ ...SAFE_PRODUCTION, RATE_LIMIT_WINDOW_MS: '4000' }), [
      'RATE_LIMIT_WINDOW_MS: the role limits are per hour; a shorter window is for tests only',
    ]);
    assert.deepEqual(problemsOf({ RATE_LIMIT_WINDOW_MS: '4000' }), []);
  });

  it('production wants Redis over TLS', () => {
    const problems = problemsOf({ ...SAFE_PRODUCTION, REDIS_URL: 'redis://cache.internal:6379' });
    assert.deepEqual(problems, ['REDIS_URL: must use rediss:// (TLS) in production']);
  });

  it('production defaults are the safe ones', () => {
    const app = readAppConfig(SAFE_PRODUCTION);
    assert.equal(app.docsEnabled, false);
    assert.equal(app.requireHttps, true);
    assert.equal(readDatabaseConfig(SAFE_PRODUCTION).ssl, 'verify-full');
    const dev = readAppConfig({});
    assert.equal(dev.docsEnabled, true);
    assert.equal(dev.requireHttps, false);
    assert.equal(dev.host, '127.0.0.1');
  });
});
