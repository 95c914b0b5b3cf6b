import { randomBytes } from 'node:crypto';
import { type CanActivate, Controller, type DynamicModule, type ExecutionContext, Get, HttpCode, Injectable, Module, Post, type Provider } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { isRole } from '@cmipro/shared';
import { Redis } from 'ioredis';
import type { AuthenticatedUser } from '../../../src/auth/authenticated-user.js';
import { AllExceptionsFilter } from '../../../src/common/filters/all-exceptions.filter.js';
import type { Env } from '../../../src/config/env.util.js';
import { configFactories } from '../../../src/config/index.js';
import { validateEnv } from '../../../src/config/validate-env.js';
import { rateLimitProviders } from '../../../src/rate-limit/rate-limit.module.js';
import { RedisModule } from '../../../src/redis/redis.module.js';
import { PinoSecurityEvents } from '../../../src/security/pino-security-events.js';
import { SecurityEvents } from '../../../src/security/security-events.js';

/**
 * The rate limiter alone, on routes shaped like the real ones, for tests and the bench that
 * need many identities cheaply: a stand-in for the authentication guard puts the caller named
 * by `x-test-user: <uid>:<role>` on `request.user` (the real suite uses real tokens).
 */
export const TEST_USER_HEADER = 'x-test-user';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

@Injectable()
class HeaderIdentityGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthenticatedUser }>();
    const [uid, role] = (request.headers[TEST_USER_HEADER] ?? '').split(':');
    if (uid && isRole(role)) request.user = { uid, role, mfa: role === 'admin', authTime: 0 };
    return true;
  }
}

@Controller()
class ProbeController {
  @Get(['stations', 'levels', 'alerts', 'other'])
  read(): { ok: true } {
    return { ok: true };
  }

  @Post('alerts')
  @HttpCode(201)
  write(): { ok: true } {
    return { ok: true };
  }
}

@Module({ providers: [{ provide: APP_GUARD, useClass: HeaderIdentityGuard }] })
class HeaderIdentityModule {}

export interface LimiterAppOptions {
  /** Replaces the throttler storage (the bench swaps in @nest-lab/throttler-storage-redis). */
  readonly storage?: Provider;
  /** No rate limiter at all (the bench's baseline). */
  readonly withoutLimiter?: boolean;
}

function limiterModule(options: LimiterAppOptions): DynamicModule {
  return {
    module: class LimiterModule {},
    providers: [...rateLimitProviders(options.storage), { provide: SecurityEvents, useFactory: () => new PinoSecurityEvents('silent') }],
  };
}

/** A unique key prefix per app, so suites never share counts and can delete what they wrote. */
export function uniquePrefix(): string {
  return `test:${randomBytes(5).toString('hex')}`;
}

export async function startLimiterApp(env: Env, options: LimiterAppOptions = {}): Promise<NestFastifyApplication> {
  validateEnv(env);
  @Module({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configFactories(env) }),
      RedisModule,
      // Identity first, as in AppModule: the limiter's global guard runs after it.
      HeaderIdentityModule,
      ...(options.withoutLimiter ? [] : [limiterModule(options)]),
    ],
    controllers: [ProbeController],
  })
  class LimiterAppModule {}
  const hops = Number(env.TRUSTED_PROXY_HOPS ?? 0);
  const app = await NestFactory.create<NestFastifyApplication>(
    LimiterAppModule,
    new FastifyAdapter({ trustProxy: (_address: string, hop: number) => hop < hops }),
    { logger: false, abortOnError: false },
  );
  app.setGlobalPrefix('api/v1');
  app.useGlobalFilters(new AllExceptionsFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Deletes every key under a prefix (rate-limit keys are `{prefix:...}:...`). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  for (const pattern of [`{${prefix}:*`, `${prefix}:*`]) {
    for await (const keys of redis.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.del(...keys);
    }
  }
  return deleted;
}

export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const keys of redis.scanStream({ match: `{${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) found.push(...keys);
  return found;
}

export function as(uid: string, role: string): Record<string, string> {
  return { [TEST_USER_HEADER]: `${uid}:${role}` };
}
