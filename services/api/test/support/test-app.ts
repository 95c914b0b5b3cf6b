import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@cmipro/shared';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/bootstrap/create-app.js';
import type { Env } from '../../src/config/env.util.js';
import { authHeaders, firebaseTestEnv, interceptGoogleApis } from './auth.js';

/** Settings every test app starts from; suites override what they test. */
export function testEnv(databaseUrl: string, overrides: Env = {}): Env {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '4',
    LOG_LEVEL: 'silent',
    ...firebaseTestEnv(),
    ...overrides,
  };
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  /** A request through the whole Fastify + Nest pipeline (hooks, guards, pipes, filters). */
  request(options: InjectOptions | string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Send every request as a signed-in user with this role (requests that set `authorization` keep theirs). */
  readonly signedInAs?: Role;
}

export async function startTestApp(env: Env, options: TestAppOptions = {}): Promise<TestApp> {
  // Real firebase-admin, Google's endpoints intercepted (see support/auth.ts); the emulator suites talk to the emulator instead.
  if (!env.FIREBASE_AUTH_EMULATOR_HOST) interceptGoogleApis();
  const app = await createApp(env);
  await app.getHttpAdapter().getInstance().ready();
  const signedIn = options.signedInAs ? authHeaders(options.signedInAs) : undefined;
  return {
    app,
    request: (request) => {
      if (!signedIn) return app.inject(request);
      const inject = typeof request === 'string' ? { url: request } : request;
      return app.inject({ ...inject, headers: { ...signedIn, ...inject.headers } });
    },
    close: () => app.close(),
  };
}

/** Texts that would mean an internal detail reached the client. */
export const INTERNAL_MARKERS = [
  /\bat [\w.<>]+ \(/, // stack frame
  /node_modules/,
  /QueryFailedError|TypeORM|typeorm/,
  /\bSELECT\b|\bINSERT\b|\bFROM\b/,
  /\bpg\b|postgres/i,
  /syntax error|relation ".*"|column ".*"/i,
  /FST_|fastify/i,
  /firebase|jwt|jsonwebtoken/i,
  /\.ts:\d+|\.js:\d+/,
];

export function leaksInternals(body: string): RegExp | undefined {
  return INTERNAL_MARKERS.find((marker) => marker.test(body));
}
