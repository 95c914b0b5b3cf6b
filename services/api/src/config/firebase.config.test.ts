import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { readFirebaseConfig } from './firebase.config.js';
import { listEnvProblems } from './validate-env.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app@db.internal:5432/cmipro',
  TRUSTED_PROXY_HOPS: '2',
  REDIS_URL: 'rediss://cache.internal:6379',
};
const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

const problemsOf = listEnvProblems;

describe('Firebase configuration', () => {
  it('production without Firebase settings names every missing one, and the emulator, at once', () => {
    const problems = problemsOf({ ...PRODUCTION, FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' });
    for (const name of ['FIREBASE_AUTH_EMULATOR_HOST', 'FIREBASE_PROJECT_ID', 'GOOGLE_APPLICATION_CREDENTIALS']) {
      assert.ok(problems.some((p) => p.startsWith(`${name}:`)), `${name} missing from ${problems.join(' | ')}`);
    }
  });

  it('production accepts a project with service-account variables or a credentials file', () => {
    assert.deepEqual(problemsOf({ ...PRODUCTION, FIREBASE_PROJECT_ID: 'cmipro-prod', FIREBASE_CLIENT_EMAIL: 'api@cmipro-prod.iam.gserviceaccount.com', FIREBASE_PRIVATE_KEY: PEM }), []);
    assert.deepEqual(problemsOf({ ...PRODUCTION, FIREBASE_PROJECT_ID: 'cmipro-prod', GOOGLE_APPLICATION_CREDENTIALS: '/run/secrets/sa.json' }), []);
  });

  it('a half service account or a broken key is refused in every environment, without echoing the key', () => {
    assert.deepEqual(problemsOf({ FIREBASE_PRIVATE_KEY: PEM }).map((p) => p.split(':')[0]), ['FIREBASE_CLIENT_EMAIL']);
    const broken = problemsOf({ FIREBASE_CLIENT_EMAIL: 'api@x.iam.gserviceaccount.com', FIREBASE_PRIVATE_KEY: 'not-a-key-SECRETVALUE' });
    assert.deepEqual(broken.map((p) => p.split(':')[0]), ['FIREBASE_PRIVATE_KEY']);
    assert.ok(!broken.join().includes('SECRETVALUE'));
  });

  it('accepts a private key whose newlines arrive escaped as \\n', () => {
    const escaped = PEM.replace(/\n/g, '\\n');
    assert.deepEqual(problemsOf({ FIREBASE_CLIENT_EMAIL: 'api@x.iam.gserviceaccount.com', FIREBASE_PRIVATE_KEY: escaped }), []);
    const config = readFirebaseConfig({ FIREBASE_CLIENT_EMAIL: 'api@x.iam.gserviceaccount.com', FIREBASE_PRIVATE_KEY: escaped });
    assert.equal(config.credentials.kind === 'service-account' && config.credentials.privateKey, PEM);
  });

  it('development defaults: the emulator project, a 12 h admin session', () => {
    const config = readFirebaseConfig({});
    assert.equal(config.projectId, 'demo-cmipro');
    assert.equal(config.adminSessionMaxAgeS, 43_200);
    assert.equal(config.credentials.kind, 'none');
  });
});
