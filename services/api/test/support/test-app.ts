import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/bootstrap/create-app.js';
import type { Env } from '../../src/config/env.util.js';

/** Settings every test app starts from; suites override what they test. */
export function testEnv(databaseUrl: string, overrides: Env = {}): Env {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '4',
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  /** A request through the whole Fastify + Nest pipeline (hooks, guards, pipes, filters). */
  request(options: InjectOptions | string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startTestApp(env: Env): Promise<TestApp> {
  const app = await createApp(env);
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    request: (options) => app.inject(options),
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
