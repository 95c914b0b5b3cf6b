import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { getStorageToken } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../src/redis/redis.module.js';
import { startLimiterApp, TEST_REDIS_URL } from '../test/rate-limit/support/limiter-app.js';

/** One bench target in its own process: `node throttle-server.js <none|shield|nest-lab> <key prefix>`; prints its port. */
const [variant = 'shield', prefix = 'bench'] = process.argv.slice(2);

const app = await startLimiterApp(
  { NODE_ENV: 'test', REDIS_URL: TEST_REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix },
  {
    withoutLimiter: variant === 'none',
    storage:
      variant === 'nest-lab'
        ? { provide: getStorageToken(), inject: [REDIS_CLIENT], useFactory: (redis: Redis) => new ThrottlerStorageRedisService(redis) }
        : undefined,
  },
);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.getHttpServer().address() as { port: number };
process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
