import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import { redisConfig } from '../config/redis.config.js';

/** Injection token of the shared ioredis client, or `null` when REDIS_URL is not set. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/**
 * One client per app, built to fail fast: a short connect timeout, no offline queue (a
 * command while disconnected fails at once instead of waiting), one retry per command. It
 * keeps reconnecting in the background, so Redis is used again as soon as it answers.
 */
export function createRedisClient(config: ConfigType<typeof redisConfig>): Redis | null {
  if (!config.url) return null;
  const client = new Redis(config.url, {
    connectTimeout: config.connectTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // A server that accepts the connection but stops answering fails the command as fast as a refused connection.
    commandTimeout: config.connectTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
  });
  // Errors surface on the commands that need Redis; the client itself must not crash the process.
  client.on('error', () => undefined);
  return client;
}

class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.client && this.client.status !== 'end') await this.client.quit().catch(() => this.client?.disconnect());
  }
}

@Global()
@Module({
  providers: [
    { provide: REDIS_CLIENT, inject: [redisConfig.KEY], useFactory: createRedisClient },
    RedisLifecycle,
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
