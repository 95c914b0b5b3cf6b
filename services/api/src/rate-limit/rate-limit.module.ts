import { Module, type Provider } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { rateLimitConfig } from '../config/rate-limit.config.js';
import { REDIS_CLIENT } from '../redis/redis.module.js';
import { SecurityModule } from '../security/security.module.js';
import { EmergencyMode } from './emergency-mode.js';
import { MemoryThrottlerStorage } from './memory-throttler.storage.js';
import { throttlerOptions } from './rate-limit-policy.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';
import { ResilientThrottlerStorage } from './resilient-throttler.storage.js';
import { RoleThrottlerGuard } from './role-throttler.guard.js';

/** The throttler's storage: ours by default; the bench passes another to compare. */
const DEFAULT_STORAGE: Provider = { provide: getStorageToken(), useExisting: ResilientThrottlerStorage };

/** Everything the rate limiter needs, with the guard as a global (APP_GUARD) guard. */
export function rateLimitProviders(storage: Provider = DEFAULT_STORAGE): Provider[] {
  return [
    EmergencyMode,
    {
      provide: ResilientThrottlerStorage,
      inject: [REDIS_CLIENT, rateLimitConfig.KEY],
      useFactory: (redis: Redis | null, config: ConfigType<typeof rateLimitConfig>) =>
        new ResilientThrottlerStorage(redis, redis && new RedisThrottlerStorage(redis, config.keyPrefix), new MemoryThrottlerStorage(), config.fallbackShare),
    },
    storage,
    { provide: getOptionsToken(), inject: [rateLimitConfig.KEY, EmergencyMode], useFactory: throttlerOptions },
    { provide: APP_GUARD, useClass: RoleThrottlerGuard },
  ];
}

/**
 * Role-keyed rate limiting. Global guards run in the order their modules are imported, so
 * AppModule imports this module after the authentication module: the guard sees the verified
 * `request.user`.
 */
@Module({ imports: [SecurityModule], providers: rateLimitProviders() })
export class RateLimitModule {}
