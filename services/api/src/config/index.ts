import { registerAs } from '@nestjs/config';
import { readAppConfig } from './app.config.js';
import { readDatabaseConfig } from './database.config.js';
import { readRateLimitConfig } from './rate-limit.config.js';
import { readRedisConfig } from './redis.config.js';
import { readFirebaseConfig } from './firebase.config.js';
import type { Env } from './env.util.js';

/**
 * The typed configuration namespaces for one environment. The keys match the exported
 * `registerAs` tokens (`appConfig.KEY`, ...), so providers inject them as usual while tests
 * can run several apps with different settings in one process.
 */
export function configFactories(env: Env) {
  return [
    registerAs('app', () => readAppConfig(env)),
    registerAs('database', () => readDatabaseConfig(env)),
    registerAs('redis', () => readRedisConfig(env)),
    registerAs('rateLimit', () => readRateLimitConfig(env)),
    registerAs('firebase', () => readFirebaseConfig(env)),
  ];
}
